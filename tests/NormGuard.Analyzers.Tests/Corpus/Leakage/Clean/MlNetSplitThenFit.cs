// The textbook ML.NET flow: split first, fit the whole pipeline (normalizer included) on the training part,
// evaluate on the test part, save the model.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 1);
IDataView data = ml.Data.LoadFromTextFile<HouseData>("houses.csv", hasHeader: true, separatorChar: ',');
var split = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 1);

var pipeline = ml.Transforms.Concatenate("Features", nameof(HouseData.Size), nameof(HouseData.Rooms), nameof(HouseData.Age))
    .Append(ml.Transforms.NormalizeMeanVariance("Features"))
    .Append(ml.Regression.Trainers.Sdca(labelColumnName: "Label", featureColumnName: "Features"));

ITransformer model = pipeline.Fit(split.TrainSet);
RegressionMetrics metrics = ml.Regression.Evaluate(model.Transform(split.TestSet));
Console.WriteLine($"R² = {metrics.RSquared:F3}");
ml.Model.Save(model, split.TrainSet.Schema, "house-price.zip");

public sealed class HouseData
{
    [LoadColumn(0)] public float Size { get; set; }
    [LoadColumn(1)] public float Rooms { get; set; }
    [LoadColumn(2)] public float Age { get; set; }
    [LoadColumn(3), ColumnName("Label")] public float Price { get; set; }
}
