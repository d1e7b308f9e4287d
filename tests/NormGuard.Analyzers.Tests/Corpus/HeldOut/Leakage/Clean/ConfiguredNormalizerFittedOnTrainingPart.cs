// category: factory-chain
// boundary: method
// Verdict: clean. The same switch-selected normalizer, but the raw station-hours are split first and the preparation
// chain is fitted on split.TrainSet; the test hours are only transformed with it.
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
        var split = ml.Data.TrainTestSplit(stationHours, testFraction: 0.2, seed: 14);
        ITransformer prepared = preparation.Fit(split.TrainSet);

        var model = ml.Regression.Trainers.Sdca().Fit(prepared.Transform(split.TrainSet));
        Console.WriteLine($"{kind}: MAE {ml.Regression.Evaluate(model.Transform(prepared.Transform(split.TestSet))).MeanAbsoluteError:0.0} µg/m³");
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
