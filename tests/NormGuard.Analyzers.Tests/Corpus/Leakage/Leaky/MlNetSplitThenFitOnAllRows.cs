// The split is made first, but the pipeline is fitted on the wrong variable and then evaluated on the test part.
// The refit on all rows at the end, for production, is fine: it is not evaluated on the test part.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 1);
IDataView data = ml.Data.LoadFromTextFile<BikeRow>("bike-sharing.csv", hasHeader: true, separatorChar: ',');
var split = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 1);

var pipeline = ml.Transforms.Concatenate("Features", "Temperature", "Humidity", "WindSpeed")
    .Append(ml.Transforms.NormalizeMeanVariance("Features"))
    .Append(ml.Regression.Trainers.Sdca());

var model = pipeline.{|NG0006:Fit(data)|};
var metrics = ml.Regression.Evaluate(model.Transform(split.TestSet));
Console.WriteLine($"RMSE {metrics.RootMeanSquaredError:F1}");

var production = pipeline.Fit(data);
ml.Model.Save(production, data.Schema, "bike-demand.zip");

public sealed class BikeRow
{
    [LoadColumn(0)] public float Temperature { get; set; }
    [LoadColumn(1)] public float Humidity { get; set; }
    [LoadColumn(2)] public float WindSpeed { get; set; }
    [LoadColumn(3), ColumnName("Label")] public float Count { get; set; }
}
