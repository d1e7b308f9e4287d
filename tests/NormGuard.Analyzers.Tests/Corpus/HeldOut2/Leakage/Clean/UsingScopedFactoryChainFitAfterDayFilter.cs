// category: factory-chain
// boundary: class
// Verdict: clean. The same AirQualityPipelines.Features chain and the same using-block progress scope, but the year
// is cut with FilterRowsByColumn first and the chain is fitted on the days before 305 only; November and December are
// transformed with statistics they did not contribute to.
using System;
using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 305);
IDataView hours = ml.Data.LoadFromTextFile<SensorHour>("aq-sensor-hours-2023.csv", hasHeader: true, separatorChar: ',');

IDataView earlier = ml.Data.FilterRowsByColumn(hours, nameof(SensorHour.DayOfYear), upperBound: 305);
IDataView later = ml.Data.FilterRowsByColumn(hours, nameof(SensorHour.DayOfYear), lowerBound: 305);

ITransformer features;
using (new ProgressScope("fitting features"))
{
    features = AirQualityPipelines.Features(ml).Fit(earlier);
}

var model = ml.Regression.Trainers.OnlineGradientDescent().Fit(features.Transform(earlier));
Console.WriteLine($"PM2.5 RMSE {ml.Regression.Evaluate(model.Transform(features.Transform(later))).RootMeanSquaredError:0.00}");

public static class AirQualityPipelines
{
    public static IEstimator<ITransformer> Features(MLContext ml) =>
        ml.Transforms.Concatenate("Features", nameof(SensorHour.No2), nameof(SensorHour.WindSpeed), nameof(SensorHour.TrafficCount))
            .Append(ml.Transforms.NormalizeLogMeanVariance("Features"));
}

public sealed class ProgressScope : IDisposable
{
    private readonly string _what;
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    public ProgressScope(string what)
    {
        _what = what;
        Console.WriteLine($"{what}…");
    }

    public void Dispose() => Console.WriteLine($"{_what}: {_watch.Elapsed.TotalSeconds:0.0} s");
}

public sealed class SensorHour
{
    [LoadColumn(0)] public float DayOfYear { get; set; }
    [LoadColumn(1)] public float No2 { get; set; }
    [LoadColumn(2)] public float WindSpeed { get; set; }
    [LoadColumn(3)] public float TrafficCount { get; set; }
    [LoadColumn(4), ColumnName("Label")] public float Pm25 { get; set; }
}
