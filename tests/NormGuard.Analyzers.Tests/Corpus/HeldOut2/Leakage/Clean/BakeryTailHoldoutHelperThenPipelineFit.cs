// category: user-split-helper
// boundary: method
// Verdict: clean. HoldOutTail, the same (Train, Holdout) helper made with Take/Skip, keeps the last 60 days apart
// first; the featurization chain is fitted on a view of the training days only and the hold-out days are transformed
// with it, so the evaluation days never reach the normalizer's statistics.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext(seed: 60);
        List<BakeryDay> days = File.ReadLines("bakery-days.csv").Skip(1).Select(BakeryDay.Parse).OrderBy(d => d.Date).ToList();

        var featurize = ml.Transforms.Concatenate("Features", nameof(BakeryDay.MaxTemp), nameof(BakeryDay.Footfall), nameof(BakeryDay.AvgPrice))
            .Append(ml.Transforms.NormalizeMeanVariance("Features"));
        var (trainDays, holdoutDays) = HoldOutTail(days, 60);
        IDataView trainView = ml.Data.LoadFromEnumerable(trainDays);
        ITransformer features = featurize.Fit(trainView);

        var model = ml.Regression.Trainers.Sdca().Fit(features.Transform(trainView));
        var metrics = ml.Regression.Evaluate(model.Transform(features.Transform(ml.Data.LoadFromEnumerable(holdoutDays))));
        Console.WriteLine($"loaves MAE {metrics.MeanAbsoluteError:0.0}");
    }

    private static (List<T> Train, List<T> Holdout) HoldOutTail<T>(IReadOnlyList<T> ordered, int lastCount)
    {
        int keep = Math.Max(0, ordered.Count - lastCount);
        return (ordered.Take(keep).ToList(), ordered.Skip(keep).ToList());
    }
}

public sealed class BakeryDay
{
    public DateTime Date { get; set; }
    public float MaxTemp { get; set; }
    public float Footfall { get; set; }
    public float AvgPrice { get; set; }
    [ColumnName("Label")] public float LoavesSold { get; set; }

    public static BakeryDay Parse(string line)
    {
        string[] f = line.Split(',');
        return new BakeryDay
        {
            Date = DateTime.Parse(f[0], CultureInfo.InvariantCulture),
            MaxTemp = float.Parse(f[1], CultureInfo.InvariantCulture),
            Footfall = float.Parse(f[2], CultureInfo.InvariantCulture),
            AvgPrice = float.Parse(f[3], CultureInfo.InvariantCulture),
            LoavesSold = float.Parse(f[4], CultureInfo.InvariantCulture),
        };
    }
}
