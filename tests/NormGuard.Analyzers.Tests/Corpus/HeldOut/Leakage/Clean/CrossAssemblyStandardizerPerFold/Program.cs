// category: cross-assembly
// boundary: assembly
// Verdict: clean. The same packaged Standardizer, fitted inside the fold loop on fold.TrainSet: a per-fold fit, and each
// fold's test wines are transformed with the standardizer of the other four folds.
using System;
using System.Collections.Generic;
using System.Linq;
using Fabrikam.Analytics.Features;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 12);
IDataView wines = ml.Data.LoadFromTextFile<Wine>("winequality-red.csv", hasHeader: true, separatorChar: ';');
var standardizer = new Standardizer(ml, nameof(Wine.FixedAcidity), nameof(Wine.VolatileAcidity), nameof(Wine.Sulphates), nameof(Wine.Alcohol));

var rmse = new List<double>();
foreach (var fold in ml.Data.CrossValidationSplit(wines, numberOfFolds: 5, seed: 12))
{
    ITransformer scaling = standardizer.FitOn(fold.TrainSet);
    var model = ml.Regression.Trainers.Sdca().Fit(scaling.Transform(fold.TrainSet));
    rmse.Add(ml.Regression.Evaluate(model.Transform(scaling.Transform(fold.TestSet))).RootMeanSquaredError);
}

Console.WriteLine($"quality RMSE {rmse.Average():0.000} ± {rmse.Max() - rmse.Min():0.000}");

public sealed class Wine
{
    [LoadColumn(0)] public float FixedAcidity { get; set; }
    [LoadColumn(1)] public float VolatileAcidity { get; set; }
    [LoadColumn(9)] public float Sulphates { get; set; }
    [LoadColumn(10)] public float Alcohol { get; set; }
    [LoadColumn(11), ColumnName("Label")] public float Quality { get; set; }
}
