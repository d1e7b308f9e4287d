// Two ways to fit a normalizer on evaluation data: the test part of a split, and a view loaded from the test file.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext(seed: 11);
        IDataView data = ml.Data.LoadFromTextFile<SensorRow>("sensors.csv", hasHeader: true, separatorChar: ',');
        var split = ml.Data.TrainTestSplit(data, testFraction: 0.25);

        var pipeline = ml.Transforms.Concatenate("Features", "Temperature", "Vibration")
            .Append(ml.Transforms.NormalizeRobustScaling("Features"))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression());

        // Copy-paste slip: TestSet instead of TrainSet.
        ITransformer model = pipeline.{|NG0006:Fit(split.TestSet)|};
        Console.WriteLine(ml.BinaryClassification.Evaluate(model.Transform(split.TestSet)).Accuracy);

        Refit(ml, ml.Data.LoadFromTextFile<SensorRow>("sensors-test.csv", hasHeader: true, separatorChar: ','));
    }

    private static void Refit(MLContext ml, IDataView testData)
    {
        var scaler = ml.Transforms.NormalizeLogMeanVariance("Temperature").{|NG0006:Fit(testData)|};
        ml.Model.Save(scaler, testData.Schema, "scaler.zip");
    }
}

public sealed class SensorRow
{
    [LoadColumn(0)] public float Temperature { get; set; }
    [LoadColumn(1)] public float Vibration { get; set; }
    [LoadColumn(2)] public bool Label { get; set; }
}
