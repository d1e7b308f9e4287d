// category: helper-fits-param-later-split
// boundary: class
// Verdict: leaky. The DataViewExtensions.Standardize extension concatenates the mix columns, fits NormalizeMeanVariance on
// the view it extends and returns the transformed view. The concrete-strength study standardizes all mixes with it and
// then cross-validates the trainer alone on the standardized view: each of the ten folds is scored on mixes whose values
// set the mean and variance. The normalizer belongs inside the pipeline that CrossValidate refits per fold.
using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 6);
IDataView mixes = ml.Data.LoadFromTextFile<ConcreteMix>("concrete-compressive-strength.csv", hasHeader: true, separatorChar: ',');

IDataView standardized = mixes.{|NG0006:Standardize(ml, nameof(ConcreteMix.Cement), nameof(ConcreteMix.Water), nameof(ConcreteMix.Superplasticizer), nameof(ConcreteMix.AgeDays))|};
var folds = ml.Regression.CrossValidate(standardized, ml.Regression.Trainers.Sdca(), numberOfFolds: 10, seed: 6);
Console.WriteLine($"strength RMSE {folds.Average(f => f.Metrics.RootMeanSquaredError):0.00} MPa");

public static class DataViewExtensions
{
    public static IDataView Standardize(this IDataView view, MLContext ml, params string[] columns)
    {
        var standardization = ml.Transforms.Concatenate("Features", columns)
            .Append(ml.Transforms.NormalizeMeanVariance("Features"));
        return standardization.Fit(view).Transform(view);
    }
}

public sealed class ConcreteMix
{
    [LoadColumn(0)] public float Cement { get; set; }
    [LoadColumn(3)] public float Water { get; set; }
    [LoadColumn(4)] public float Superplasticizer { get; set; }
    [LoadColumn(7)] public float AgeDays { get; set; }
    [LoadColumn(8), ColumnName("Label")] public float StrengthMpa { get; set; }
}
