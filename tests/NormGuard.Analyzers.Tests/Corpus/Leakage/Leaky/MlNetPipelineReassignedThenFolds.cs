// A pipeline grown step by step in a variable; the normalizer is appended conditionally. The model is fitted
// on all rows, then the same rows are cut into folds to "validate" it.
using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

public static class Program
{
    public static void Main(string[] args)
    {
        var ml = new MLContext(seed: 7);
        IDataView data = ml.Data.LoadFromTextFile<CreditRow>(args.Length > 0 ? args[0] : "credit.csv", hasHeader: true, separatorChar: ';');
        bool scale = !args.Contains("--no-scaling");

        IEstimator<ITransformer> pipeline = ml.Transforms.Concatenate("Features", "Income", "Debt", "Age");
        if (scale)
        {
            pipeline = pipeline.Append(ml.Transforms.NormalizeMinMax("Features"));
        }

        pipeline = pipeline.Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression());

        ITransformer model = pipeline.{|NG0006:Fit(data)|};

        var folds = ml.Data.CrossValidationSplit(data, numberOfFolds: 5, seed: 7);
        foreach (var fold in folds)
        {
            var metrics = ml.BinaryClassification.Evaluate(model.Transform(fold.TestSet));
            Console.WriteLine($"AUC {metrics.AreaUnderRocCurve:F3}");
        }
    }
}

public sealed class CreditRow
{
    [LoadColumn(0)] public float Income { get; set; }
    [LoadColumn(1)] public float Debt { get; set; }
    [LoadColumn(2)] public float Age { get; set; }
    [LoadColumn(3)] public bool Label { get; set; }
}
