// category: cross-assembly
// boundary: assembly
// Verdict: clean. The same library helper with its [FitsStatistics] parameter, called after the split with
// split.TrainSet; the test part is only transformed.
using System;
using Contoso.ML.Preprocessing;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 26);
IDataView sales = ml.Data.LoadFromTextFile<HouseSale>("kc-house-data.csv", hasHeader: true, separatorChar: ',');

var split = ml.Data.TrainTestSplit(sales, testFraction: 0.2, seed: 26);
ITransformer scaler = FeatureScaling.FitScaler(ml, split.TrainSet, nameof(HouseSale.SqftLiving), nameof(HouseSale.Bedrooms), nameof(HouseSale.YearBuilt));

var model = ml.Regression.Trainers.Sdca().Fit(scaler.Transform(split.TrainSet));
Console.WriteLine($"RMSE {ml.Regression.Evaluate(model.Transform(scaler.Transform(split.TestSet))).RootMeanSquaredError:0}");

public sealed class HouseSale
{
    [LoadColumn(0)] public float SqftLiving { get; set; }
    [LoadColumn(1)] public float Bedrooms { get; set; }
    [LoadColumn(2)] public float YearBuilt { get; set; }
    [LoadColumn(3), ColumnName("Label")] public float Price { get; set; }
}
