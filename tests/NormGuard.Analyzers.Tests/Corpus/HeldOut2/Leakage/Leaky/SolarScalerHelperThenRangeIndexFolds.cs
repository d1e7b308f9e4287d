// category: index-folds
// boundary: method
// Verdict: leaky. FitScaler fits a min-max normalizer on the view it gets. The solar-yield script hands it a view of
// every panel-day, then builds five folds with Enumerable.Range and index arithmetic (i % 5) in a static local function
// and scores each fold's held-out rows with that one scaler: every held-out row helped set the minima and maxima. Fit
// the scaler inside the fold loop on the fold's training rows.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

public static class Program
{
    private const int K = 5;

    public static void Main()
    {
        var ml = new MLContext(seed: 5);
        PanelDay[] rows = [.. File.ReadLines("panel-days.csv").Skip(1).Select(PanelDay.Parse)];

        IDataView everything = ml.Data.LoadFromEnumerable(rows);
        ITransformer scaler = {|NG0006:FitScaler(ml, everything)|};

        var maes = new List<double>();
        foreach (var (fitRows, heldRows) in Folds(rows, K))
        {
            var model = ml.Regression.Trainers.Sdca().Fit(scaler.Transform(ml.Data.LoadFromEnumerable(fitRows)));
            maes.Add(ml.Regression.Evaluate(model.Transform(scaler.Transform(ml.Data.LoadFromEnumerable(heldRows)))).MeanAbsoluteError);
        }

        Console.WriteLine($"kWh MAE {maes.Average():0.00}");

        static IEnumerable<(PanelDay[] Fit, PanelDay[] Held)> Folds(PanelDay[] all, int k) =>
            Enumerable.Range(0, k).Select(f => (
                all.Where((_, i) => i % k != f).ToArray(),
                all.Where((_, i) => i % k == f).ToArray()));
    }

    private static ITransformer FitScaler(MLContext ml, IDataView rows) =>
        ml.Transforms.Concatenate("Features", nameof(PanelDay.Irradiance), nameof(PanelDay.CellTemp), nameof(PanelDay.CloudCover))
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Fit(rows);
}

public sealed class PanelDay
{
    public float Irradiance { get; set; }
    public float CellTemp { get; set; }
    public float CloudCover { get; set; }
    [ColumnName("Label")] public float YieldKwh { get; set; }

    public static PanelDay Parse(string line)
    {
        string[] f = line.Split(',');
        return new PanelDay
        {
            Irradiance = float.Parse(f[0], CultureInfo.InvariantCulture),
            CellTemp = float.Parse(f[1], CultureInfo.InvariantCulture),
            CloudCover = float.Parse(f[2], CultureInfo.InvariantCulture),
            YieldKwh = float.Parse(f[3], CultureInfo.InvariantCulture),
        };
    }
}
