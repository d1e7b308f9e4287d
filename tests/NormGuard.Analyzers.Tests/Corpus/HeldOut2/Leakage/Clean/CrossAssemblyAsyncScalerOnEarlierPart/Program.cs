// category: cross-assembly
// boundary: assembly
// Verdict: clean. The same package helpers: TimeSplits.At cuts the ferry bookings at week 40, and
// Scalers.FitRobustAsync ([FitsStatistics]) is awaited on the earlier part only; the later, evaluation weeks are only
// transformed.
using System;
using System.Threading;
using Contoso.Forecasting.Preprocessing;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 40);
IDataView bookings = ml.Data.LoadFromTextFile<FerryWeek>("ferry-weeks.csv", hasHeader: true, separatorChar: ',');
string[] columns = [nameof(FerryWeek.Week), nameof(FerryWeek.FarePrice), nameof(FerryWeek.SeaStateIndex)];

var (earlier, later) = TimeSplits.At(ml, bookings, nameof(FerryWeek.Week), 40);
ITransformer scaling = await Scalers.FitRobustAsync(ml, earlier, columns, CancellationToken.None);

var model = ml.Regression.Trainers.Sdca().Fit(scaling.Transform(earlier));
Console.WriteLine($"passengers MAE {ml.Regression.Evaluate(model.Transform(scaling.Transform(later))).MeanAbsoluteError:0.0}");

public sealed class FerryWeek
{
    [LoadColumn(0)] public float Week { get; set; }
    [LoadColumn(1)] public float FarePrice { get; set; }
    [LoadColumn(2)] public float SeaStateIndex { get; set; }
    [LoadColumn(3), ColumnName("Label")] public float Passengers { get; set; }
}
