// category: beyond-normalizers
// boundary: method
// Verdict: leaky. CleanMissing replaces missing lab values with the column mean (ReplaceMissingValues, mode Mean),
// which is a statistic fitted from the rows it is given. Main applies it to all patients and then splits; the means
// that fill the gaps of the training rows were computed with the test patients. The normalizer later in the pipeline
// is fitted correctly on the training part, the imputer is not. Impute inside the pipeline fitted on the training part.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext(seed: 16);
        IDataView patients = ml.Data.LoadFromTextFile<LabResult>("pima-diabetes.csv", hasHeader: true, separatorChar: ',');

        IDataView complete = {|NG0006:CleanMissing(ml, patients)|};
        var split = ml.Data.TrainTestSplit(complete, testFraction: 0.2, seed: 16);

        var pipeline = ml.Transforms.Concatenate("Features", nameof(LabResult.Glucose), nameof(LabResult.Insulin), nameof(LabResult.Bmi))
            .Append(ml.Transforms.NormalizeMeanVariance("Features"))
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression());
        var model = pipeline.Fit(split.TrainSet);
        Console.WriteLine($"F1 {ml.BinaryClassification.Evaluate(model.Transform(split.TestSet)).F1Score:0.000}");
    }

    private static IDataView CleanMissing(MLContext ml, IDataView rows)
    {
        var imputer = ml.Transforms.ReplaceMissingValues(
            new[]
            {
                new InputOutputColumnPair(nameof(LabResult.Insulin)),
                new InputOutputColumnPair(nameof(LabResult.Bmi)),
            },
            MissingValueReplacingEstimator.ReplacementMode.Mean);
        return imputer.Fit(rows).Transform(rows);
    }
}

public sealed class LabResult
{
    [LoadColumn(0)] public float Glucose { get; set; }
    [LoadColumn(1)] public float Insulin { get; set; }
    [LoadColumn(2)] public float Bmi { get; set; }
    [LoadColumn(3), ColumnName("Label")] public bool Diabetic { get; set; }
}
