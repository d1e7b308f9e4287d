// category: helper-fits-param-later-split
// boundary: class
// Verdict: clean. The extension returns the standardization estimator instead of a fitted view; the study appends the
// trainer and hands the whole pipeline and the raw mixes to CrossValidate, which refits the normalizer inside each fold.
using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 6);
IDataView mixes = ml.Data.LoadFromTextFile<ConcreteMix>("concrete-compressive-strength.csv", hasHeader: true, separatorChar: ',');

var pipeline = ml.Standardization(nameof(ConcreteMix.Cement), nameof(ConcreteMix.Water), nameof(ConcreteMix.Superplasticizer), nameof(ConcreteMix.AgeDays))
    .Append(ml.Regression.Trainers.Sdca());
var folds = ml.Regression.CrossValidate(mixes, pipeline, numberOfFolds: 10, seed: 6);
Console.WriteLine($"strength RMSE {folds.Average(f => f.Metrics.RootMeanSquaredError):0.00} MPa");

public static class MLContextExtensions
{
    public static IEstimator<ITransformer> Standardization(this MLContext ml, params string[] columns) =>
        ml.Transforms.Concatenate("Features", columns)
            .Append(ml.Transforms.NormalizeMeanVariance("Features"));
}

public sealed class ConcreteMix
{
    [LoadColumn(0)] public float Cement { get; set; }
    [LoadColumn(3)] public float Water { get; set; }
    [LoadColumn(4)] public float Superplasticizer { get; set; }
    [LoadColumn(7)] public float AgeDays { get; set; }
    [LoadColumn(8), ColumnName("Label")] public float StrengthMpa { get; set; }
}
