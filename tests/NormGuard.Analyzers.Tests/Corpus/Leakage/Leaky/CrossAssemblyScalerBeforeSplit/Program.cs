// category: cross-assembly
// boundary: assembly
// Verdict: leaky. FeatureScaling.FitScaler lives in the team's shared preprocessing library, a separate assembly; its
// data parameter is declared [FitsStatistics] (it fits a normalizer on those rows). The program fits it on all the
// house sales and only then splits them; the test part was in the fit. Split first and pass split.TrainSet.
using System;
using Contoso.ML.Preprocessing;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 26);
IDataView sales = ml.Data.LoadFromTextFile<HouseSale>("kc-house-data.csv", hasHeader: true, separatorChar: ',');

ITransformer scaler = FeatureScaling.{|NG0006:FitScaler(ml, sales, nameof(HouseSale.SqftLiving), nameof(HouseSale.Bedrooms), nameof(HouseSale.YearBuilt))|};
var split = ml.Data.TrainTestSplit(sales, testFraction: 0.2, seed: 26);

var model = ml.Regression.Trainers.Sdca().Fit(scaler.Transform(split.TrainSet));
Console.WriteLine($"RMSE {ml.Regression.Evaluate(model.Transform(scaler.Transform(split.TestSet))).RootMeanSquaredError:0}");

public sealed class HouseSale
{
    [LoadColumn(0)] public float SqftLiving { get; set; }
    [LoadColumn(1)] public float Bedrooms { get; set; }
    [LoadColumn(2)] public float YearBuilt { get; set; }
    [LoadColumn(3), ColumnName("Label")] public float Price { get; set; }
}
