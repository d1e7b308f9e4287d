// category: linq-split
// boundary: class
// Verdict: clean. The same Scalers.FitMinMax helper, fitted on the view of rows.Take(cut), the first three quarters;
// the last quarter is only transformed with it and evaluated.
using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 14);
List<MeterRow> rows = Meters.LoadOrdered("household-power.csv");
int cut = rows.Count * 3 / 4;
IDataView earlyRows = ml.Data.LoadFromEnumerable(rows.Take(cut));
ITransformer scaler = Scalers.FitMinMax(ml, earlyRows);

IDataView trainView = scaler.Transform(earlyRows);
IDataView evalView = scaler.Transform(ml.Data.LoadFromEnumerable(rows.Skip(cut)));

var model = ml.Regression.Trainers.Sdca().Fit(trainView);
Console.WriteLine($"RMSE {ml.Regression.Evaluate(model.Transform(evalView)).RootMeanSquaredError:0.000} kW");

public static class Scalers
{
    public static ITransformer FitMinMax(MLContext ml, IDataView view) =>
        ml.Transforms.Concatenate("Features", nameof(MeterRow.Voltage), nameof(MeterRow.Intensity), nameof(MeterRow.SubMetering))
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Fit(view);
}

public static class Meters
{
    public static List<MeterRow> LoadOrdered(string path) => new List<MeterRow>();
}

public sealed class MeterRow
{
    public float Voltage { get; set; }
    public float Intensity { get; set; }
    public float SubMetering { get; set; }
    [ColumnName("Label")] public float ActivePower { get; set; }
}
