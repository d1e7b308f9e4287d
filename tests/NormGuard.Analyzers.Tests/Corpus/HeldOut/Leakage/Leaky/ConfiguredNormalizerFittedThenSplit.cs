// category: factory-chain
// boundary: method
// Verdict: leaky. ScalingFor picks the normalizer named on the command line with a switch expression (min-max, robust
// or mean/variance; each learns statistics from the rows it is fitted on). Main fits the preparation chain that ends
// with it on every station-hour, transforms them, and only then splits the prepared view 80/20: the test hours were in
// the fit whichever normalizer was chosen. Split the raw view first and fit the chain on split.TrainSet.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

public static class Program
{
    public static void Main(string[] args)
    {
        string kind = args.Length > 0 ? args[0] : "zscore";
        var ml = new MLContext(seed: 14);
        IDataView stationHours = ml.Data.LoadFromTextFile<StationHour>("pm25-beijing.csv", hasHeader: true, separatorChar: ',');

        var preparation = ml.Transforms.Concatenate("Features", nameof(StationHour.DewPoint), nameof(StationHour.Pressure), nameof(StationHour.WindSpeed), nameof(StationHour.HoursOfRain))
            .Append(ScalingFor(ml, kind));
        ITransformer prepared = preparation.{|NG0006:Fit(stationHours)|};
        IDataView features = prepared.Transform(stationHours);

        var split = ml.Data.TrainTestSplit(features, testFraction: 0.2, seed: 14);
        var model = ml.Regression.Trainers.Sdca().Fit(split.TrainSet);
        Console.WriteLine($"{kind}: MAE {ml.Regression.Evaluate(model.Transform(split.TestSet)).MeanAbsoluteError:0.0} µg/m³");
    }

    private static IEstimator<ITransformer> ScalingFor(MLContext ml, string kind) => kind switch
    {
        "minmax" => ml.Transforms.NormalizeMinMax("Features"),
        "robust" => ml.Transforms.NormalizeRobustScaling("Features"),
        _ => ml.Transforms.NormalizeMeanVariance("Features"),
    };
}

public sealed class StationHour
{
    [LoadColumn(0)] public float DewPoint { get; set; }
    [LoadColumn(1)] public float Pressure { get; set; }
    [LoadColumn(2)] public float WindSpeed { get; set; }
    [LoadColumn(3)] public float HoursOfRain { get; set; }
    [LoadColumn(4), ColumnName("Label")] public float Pm25 { get; set; }
}
