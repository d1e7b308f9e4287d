// category: factory-chain
// boundary: class
// Verdict: leaky. The extension method SalesFeatures() returns a featurization chain ending in NormalizeMinMax. It is
// fitted on all weekly sales, and only afterwards is the data cut by time with FilterRowsByColumn: years before 2024
// to train, 2024 on to evaluate. The min and max include the evaluation year, which a forecaster cannot know in
// advance. Filter first and fit on the older years.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 4);
IDataView sales = ml.Data.LoadFromTextFile<WeeklySales>("walmart-weekly.csv", hasHeader: true, separatorChar: ',');

ITransformer featurizer = ml.Transforms.SalesFeatures().{|NG0006:Fit(sales)|};
IDataView scaled = featurizer.Transform(sales);
IDataView older = ml.Data.FilterRowsByColumn(scaled, nameof(WeeklySales.Year), upperBound: 2024);
IDataView newer = ml.Data.FilterRowsByColumn(scaled, nameof(WeeklySales.Year), lowerBound: 2024);

var model = ml.Regression.Trainers.OnlineGradientDescent().Fit(older);
Console.WriteLine($"RMSE on 2024: {ml.Regression.Evaluate(model.Transform(newer)).RootMeanSquaredError:0}");

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
