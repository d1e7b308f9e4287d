// category: factory-chain
// boundary: class
// Verdict: clean. The same SalesFeatures() extension chain, fitted after the time split on the years before 2024
// only; 2024 is transformed with those statistics and used to evaluate.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 4);
IDataView sales = ml.Data.LoadFromTextFile<WeeklySales>("walmart-weekly.csv", hasHeader: true, separatorChar: ',');
IDataView older = ml.Data.FilterRowsByColumn(sales, nameof(WeeklySales.Year), upperBound: 2024);
IDataView newer = ml.Data.FilterRowsByColumn(sales, nameof(WeeklySales.Year), lowerBound: 2024);

ITransformer featurizer = ml.Transforms.SalesFeatures().Fit(older);

var model = ml.Regression.Trainers.OnlineGradientDescent().Fit(featurizer.Transform(older));
Console.WriteLine($"RMSE on 2024: {ml.Regression.Evaluate(model.Transform(featurizer.Transform(newer))).RootMeanSquaredError:0}");

public static class SalesFeatureExtensions
{
    public static IEstimator<ITransformer> SalesFeatures(this TransformsCatalog transforms) =>
        transforms.Concatenate("Features", nameof(WeeklySales.Temperature), nameof(WeeklySales.FuelPrice), nameof(WeeklySales.Unemployment))
            .Append(transforms.NormalizeMinMax("Features"));
}

public sealed class WeeklySales
{
    [LoadColumn(0)] public float Year { get; set; }
    [LoadColumn(1)] public float Temperature { get; set; }
    [LoadColumn(2)] public float FuelPrice { get; set; }
    [LoadColumn(3)] public float Unemployment { get; set; }
    [LoadColumn(4), ColumnName("Label")] public float Sales { get; set; }
}
