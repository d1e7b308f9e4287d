// category: time-split
// boundary: class
// Verdict: leaky. Cleaning.FitGapFiller (a static utility) fits ReplaceMissingValues in Mean mode: it learns the column
// means of rainfall and soil nitrogen. The yield job fits it on every harvest from 2010 to 2023 and only then filters the
// filled view by year (before 2021 for training, 2021 onwards for the evaluation): the missing values of the training
// seasons are filled with means that include the evaluation seasons, and the evaluation seasons with their own. Filter
// first and fit the gap filler on the training seasons.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

var ml = new MLContext(seed: 19);
IDataView harvests = ml.Data.LoadFromTextFile<Harvest>("county-yields-2010-2023.csv", hasHeader: true, separatorChar: ',');

ITransformer gaps = Cleaning.{|NG0006:FitGapFiller(ml, harvests)|};
IDataView filled = gaps.Transform(harvests);
IDataView seasonsBefore2021 = ml.Data.FilterRowsByColumn(filled, nameof(Harvest.Year), upperBound: 2021);
IDataView seasonsFrom2021 = ml.Data.FilterRowsByColumn(filled, nameof(Harvest.Year), lowerBound: 2021);

var pipeline = ml.Transforms.Concatenate("Features", nameof(Harvest.Rainfall), nameof(Harvest.SoilNitrogen), nameof(Harvest.GrowingDegreeDays))
    .Append(ml.Regression.Trainers.Sdca());
var model = pipeline.Fit(seasonsBefore2021);
Console.WriteLine($"yield RMSE 2021-2023: {ml.Regression.Evaluate(model.Transform(seasonsFrom2021)).RootMeanSquaredError:0.00} t/ha");

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
