// category: cross-assembly
// boundary: assembly
// Verdict: leaky. Standardizer comes from the analytics team's package; FitOn's rows parameter is declared
// [FitsStatistics]. The wine-quality script fits it once on all wines and then runs CrossValidationSplit, transforming
// every fold's training and test part with that one standardizer: each fold's test wines were in the fit. FitOn must be
// called inside the loop on fold.TrainSet.
using System;
using System.Collections.Generic;
using System.Linq;
using Fabrikam.Analytics.Features;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 12);
IDataView wines = ml.Data.LoadFromTextFile<Wine>("winequality-red.csv", hasHeader: true, separatorChar: ';');
var standardizer = new Standardizer(ml, nameof(Wine.FixedAcidity), nameof(Wine.VolatileAcidity), nameof(Wine.Sulphates), nameof(Wine.Alcohol));

ITransformer scaling = standardizer.{|NG0006:FitOn(wines)|};
var rmse = new List<double>();
foreach (var fold in ml.Data.CrossValidationSplit(wines, numberOfFolds: 5, seed: 12))
{
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
