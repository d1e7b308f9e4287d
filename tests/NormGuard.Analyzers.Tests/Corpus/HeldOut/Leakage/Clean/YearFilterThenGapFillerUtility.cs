// category: time-split
// boundary: class
// Verdict: clean. The raw harvests are filtered by year first; Cleaning.FitGapFiller learns its means from the seasons
// before 2021 only, and the same fitted filler fills the gaps of the 2021-2023 seasons.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

var ml = new MLContext(seed: 19);
IDataView harvests = ml.Data.LoadFromTextFile<Harvest>("county-yields-2010-2023.csv", hasHeader: true, separatorChar: ',');

IDataView seasonsBefore2021 = ml.Data.FilterRowsByColumn(harvests, nameof(Harvest.Year), upperBound: 2021);
IDataView seasonsFrom2021 = ml.Data.FilterRowsByColumn(harvests, nameof(Harvest.Year), lowerBound: 2021);
ITransformer gaps = Cleaning.FitGapFiller(ml, seasonsBefore2021);

var pipeline = ml.Transforms.Concatenate("Features", nameof(Harvest.Rainfall), nameof(Harvest.SoilNitrogen), nameof(Harvest.GrowingDegreeDays))
    .Append(ml.Regression.Trainers.Sdca());
var model = pipeline.Fit(gaps.Transform(seasonsBefore2021));
Console.WriteLine($"yield RMSE 2021-2023: {ml.Regression.Evaluate(model.Transform(gaps.Transform(seasonsFrom2021))).RootMeanSquaredError:0.00} t/ha");

public static class Cleaning
{
    public static ITransformer FitGapFiller(MLContext ml, IDataView rows) =>
        ml.Transforms.ReplaceMissingValues(
                new[] { new InputOutputColumnPair(nameof(Harvest.Rainfall)), new InputOutputColumnPair(nameof(Harvest.SoilNitrogen)) },
                MissingValueReplacingEstimator.ReplacementMode.Mean)
            .Fit(rows);
}

public sealed class Harvest
{
    [LoadColumn(0)] public float Year { get; set; }
    [LoadColumn(1)] public float Rainfall { get; set; }
    [LoadColumn(2)] public float SoilNitrogen { get; set; }
    [LoadColumn(3)] public float GrowingDegreeDays { get; set; }
    [LoadColumn(4), ColumnName("Label")] public float YieldTonnesPerHectare { get; set; }
}
