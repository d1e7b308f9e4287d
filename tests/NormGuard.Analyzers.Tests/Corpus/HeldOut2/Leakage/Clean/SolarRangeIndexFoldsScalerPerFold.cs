// category: index-folds
// boundary: method
// Verdict: clean. The same FitScaler helper and the same Enumerable.Range index folds, but the scaler is fitted inside
// the fold loop on a view of that fold's training rows; each fold's held-out panel-days are transformed with minima and
// maxima they did not contribute to.
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

        var maes = new List<double>();
        foreach (var (fitRows, heldRows) in Folds(rows, K))
        {
            IDataView fitView = ml.Data.LoadFromEnumerable(fitRows);
            ITransformer scaler = FitScaler(ml, fitView);
            var model = ml.Regression.Trainers.Sdca().Fit(scaler.Transform(fitView));
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
