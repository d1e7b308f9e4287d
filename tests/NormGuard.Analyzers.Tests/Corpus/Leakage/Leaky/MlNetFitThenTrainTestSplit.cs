// House prices with ML.NET: the whole pipeline, normalizer included, is fitted before the hold-out is cut,
// so the mean and variance the model was trained with already include the rows it is evaluated on.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 1);
IDataView data = ml.Data.LoadFromTextFile<HouseData>("houses.csv", hasHeader: true, separatorChar: ',');

var pipeline = ml.Transforms.Concatenate("Features", nameof(HouseData.Size), nameof(HouseData.Rooms), nameof(HouseData.Age))
    .Append(ml.Transforms.NormalizeMeanVariance("Features"))
    .Append(ml.Regression.Trainers.Sdca(labelColumnName: "Label", featureColumnName: "Features"));

ITransformer model = pipeline.{|NG0006:Fit(data)|};

var split = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 1);
RegressionMetrics metrics = ml.Regression.Evaluate(model.Transform(split.TestSet));
Console.WriteLine($"R² = {metrics.RSquared:F3}, RMSE = {metrics.RootMeanSquaredError:F0}");
ml.Model.Save(model, data.Schema, "house-price.zip");

public sealed class HouseData
{
    [LoadColumn(0)] public float Size { get; set; }
    [LoadColumn(1)] public float Rooms { get; set; }
    [LoadColumn(2)] public float Age { get; set; }
    [LoadColumn(3), ColumnName("Label")] public float Price { get; set; }
}
