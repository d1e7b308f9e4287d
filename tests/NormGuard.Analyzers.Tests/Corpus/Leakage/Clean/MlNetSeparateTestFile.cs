// Training and test data in separate files; the test view is only transformed and evaluated, never fitted.
// Also a featurizer without a normalizer fitted on all rows before they are split.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext(seed: 11);
        IDataView trainData = ml.Data.LoadFromTextFile<SensorRow>("sensors-train.csv", hasHeader: true, separatorChar: ',');
        IDataView testData = ml.Data.LoadFromTextFile<SensorRow>("sensors-test.csv", hasHeader: true, separatorChar: ',');

        var pipeline = ml.Transforms.Concatenate("Features", "Temperature", "Vibration")
            .Append(ml.Transforms.NormalizeMeanVariance("Features"))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression());
        ITransformer model = pipeline.Fit(trainData);

        IDataView testPredictions = model.Transform(testData);
        var metrics = ml.BinaryClassification.Evaluate(testPredictions);
        Console.WriteLine($"accuracy {metrics.Accuracy:F3} on the test file");

        // A featurizer without statistics may be fitted on all rows before they are split for early stopping.
        IDataView all = ml.Data.LoadFromTextFile<SensorRow>("sensors-all.csv", hasHeader: true, separatorChar: ',');
        var featureModel = ml.Transforms.Concatenate("Features", "Temperature", "Vibration").Fit(all);
        var early = ml.Data.TrainTestSplit(featureModel.Transform(all), testFraction: 0.1);
        Console.WriteLine(early.TestSet.Schema.Count);
    }
}

public sealed class SensorRow
{
    [LoadColumn(0)] public float Temperature { get; set; }
    [LoadColumn(1)] public float Vibration { get; set; }
    [LoadColumn(2)] public bool Label { get; set; }
}
