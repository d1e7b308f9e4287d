// category: factory-chain
// boundary: class
// Verdict: clean. The same ScalerFactory.FitScaler, called inside the cross-validation loop on fold.TrainSet: each
// fold's scaler is fitted on its own training rows and the test rows are only transformed.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 6);
IDataView readings = ml.Data.LoadFromTextFile<EngineReading>("turbofan-cycles.csv", hasHeader: true, separatorChar: ',');

double total = 0;
var folds = ml.Data.CrossValidationSplit(readings, numberOfFolds: 5, seed: 6);
foreach (var fold in folds)
{
    ITransformer scaler = ScalerFactory.FitScaler(ml, fold.TrainSet);
    var model = ml.Regression.Trainers.Sdca().Fit(scaler.Transform(fold.TrainSet));
    total += ml.Regression.Evaluate(model.Transform(scaler.Transform(fold.TestSet))).RootMeanSquaredError;
}

Console.WriteLine($"mean RMSE {total / folds.Count:0.0} cycles");

public static class ScalerFactory
{
    public static ITransformer FitScaler(MLContext ml, IDataView data) =>
        ml.Transforms.Concatenate("Features", nameof(EngineReading.Pressure), nameof(EngineReading.FanSpeed), nameof(EngineReading.ExhaustTemperature))
            .Append(ml.Transforms.NormalizeMeanVariance("Features"))
            .Fit(data);
}

public sealed class EngineReading
{
    [LoadColumn(0)] public float Pressure { get; set; }
    [LoadColumn(1)] public float FanSpeed { get; set; }
    [LoadColumn(2)] public float ExhaustTemperature { get; set; }
    [LoadColumn(3), ColumnName("Label")] public float RemainingCycles { get; set; }
}
