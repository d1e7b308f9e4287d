// category: cross-assembly
// boundary: assembly
// Verdict: leaky. TimeSplits.At ([SplitsData], from the forecasting package) cuts the ferry bookings at week 40 into an
// earlier and a later part; the later part is what the demand model is evaluated on. The script then awaits
// Scalers.FitRobustAsync, whose rows parameter is [FitsStatistics], on the later part ("the recent weeks are the most
// representative"): the median and IQR come from the evaluation weeks. Fit on the earlier part.
using System;
using System.Threading;
using Contoso.Forecasting.Preprocessing;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 40);
IDataView bookings = ml.Data.LoadFromTextFile<FerryWeek>("ferry-weeks.csv", hasHeader: true, separatorChar: ',');
string[] columns = [nameof(FerryWeek.Week), nameof(FerryWeek.FarePrice), nameof(FerryWeek.SeaStateIndex)];

var (earlier, later) = TimeSplits.At(ml, bookings, nameof(FerryWeek.Week), 40);
ITransformer scaling = await Scalers.{|NG0006:FitRobustAsync(ml, later, columns, CancellationToken.None)|};

var model = ml.Regression.Trainers.Sdca().Fit(scaling.Transform(earlier));
Console.WriteLine($"passengers MAE {ml.Regression.Evaluate(model.Transform(scaling.Transform(later))).MeanAbsoluteError:0.0}");

public sealed class FerryWeek
{
    [LoadColumn(0)] public float Week { get; set; }
    [LoadColumn(1)] public float FarePrice { get; set; }
    [LoadColumn(2)] public float SeaStateIndex { get; set; }
    [LoadColumn(3), ColumnName("Label")] public float Passengers { get; set; }
}
