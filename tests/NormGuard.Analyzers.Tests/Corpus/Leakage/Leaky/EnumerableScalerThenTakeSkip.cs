// category: linq-split
// boundary: class
// Verdict: leaky. The household meter rows are loaded into a list, wrapped with LoadFromEnumerable, and
// Scalers.FitMinMax fits a min-max normalizer on that view of all rows. The list is then cut with Take/Skip into the
// first three quarters (train) and the last quarter (evaluate), both scaled with that normalizer. Its min and max
// come partly from the evaluation quarter. Fit on the view of rows.Take(cut).
using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 14);
List<MeterRow> rows = Meters.LoadOrdered("household-power.csv");
IDataView allRows = ml.Data.LoadFromEnumerable(rows);
ITransformer scaler = Scalers.{|NG0006:FitMinMax(ml, allRows)|};

int cut = rows.Count * 3 / 4;
IDataView trainView = scaler.Transform(ml.Data.LoadFromEnumerable(rows.Take(cut)));
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
