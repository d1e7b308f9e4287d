// category: helper-fits-eval-data
// boundary: method
// Verdict: leaky. SplitByWeek keeps the last four weeks of store footfall for testing. NormalizerFor fits a NormGuard
// fitter (inside a try/finally that logs how long the pass took) on the rows it gets. It is called for the training
// weeks, and a second time for the four test weeks, whose manifest then scales the test rows in the evaluation: the test
// weeks are standardized with their own mean and deviation. The test weeks must be scaled with trainScaling.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

public static class Program
{
    public static void Main()
    {
        List<Footfall> days = File.ReadLines("store-footfall.csv").Skip(1).Select(Footfall.Parse).OrderBy(d => d.WeekIndex).ToList();
        var parts = SplitByWeek(days, lastWeeks: 4);

        Manifest trainScaling = NormalizerFor(parts.Train, DataSplit.Train);
        Manifest testScaling = {|NG0006:NormalizerFor(parts.Test, DataSplit.Test)|};
        Console.WriteLine($"visitors MAE {Forecast.Evaluate(trainScaling, parts.Train, testScaling, parts.Test):0}");
    }

    private static (List<Footfall> Train, List<Footfall> Test) SplitByWeek(List<Footfall> days, int lastWeeks)
    {
        int firstTestWeek = days.Max(d => d.WeekIndex) - lastWeeks + 1;
        return (days.Where(d => d.WeekIndex < firstTestWeek).ToList(), days.Where(d => d.WeekIndex >= firstTestWeek).ToList());
    }

    private static Manifest NormalizerFor(IReadOnlyList<Footfall> rows, DataSplit split)
    {
        FeatureSetFitter<Footfall> fitter = Footfall.CreateFitter();
        var timer = Stopwatch.StartNew();
        try
        {
            foreach (Footfall row in rows)
            {
                fitter.Add(row);
            }
        }
        finally
        {
            Console.WriteLine($"profiled {fitter.Rows} days in {timer.ElapsedMilliseconds} ms");
        }

        return fitter.ToManifest(new FitProvenance { Split = split, Rows = rows.Count, Source = "store-footfall.csv" }, version: 1);
    }
}

public static class Forecast
{
    public static double Evaluate(Manifest trainScaling, IReadOnlyList<Footfall> train, Manifest testScaling, IReadOnlyList<Footfall> test)
    {
        var trainTemp = (ZScoreStep)trainScaling.Features[0].Steps[0];
        var testTemp = (ZScoreStep)testScaling.Features[0].Steps[0];
        double slope = train.Select(d => d.Visitors / Math.Max(0.1, ((d.TemperatureC - trainTemp.Mean) / trainTemp.Std) + 3)).DefaultIfEmpty(0).Average();
        return test.Select(d => Math.Abs((slope * Math.Max(0.1, ((d.TemperatureC - testTemp.Mean) / testTemp.Std) + 3)) - d.Visitors)).DefaultIfEmpty(0).Average();
    }
}

[FeatureSet("footfall")]
public partial record struct Footfall
{
    [ZScore] public double TemperatureC { get; init; }
    [MinMax] public double PromotionSpend { get; init; }
    [Ignore] public int WeekIndex { get; init; }
    [Ignore] public double Visitors { get; init; }

    public static Footfall Parse(string line)
    {
        string[] f = line.Split(',');
        return new Footfall { WeekIndex = int.Parse(f[0]), TemperatureC = double.Parse(f[1]), PromotionSpend = double.Parse(f[2]), Visitors = double.Parse(f[3]) };
    }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<Footfall> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<Footfall>
    {
        public Fitter()
            : base("footfall", NormalizationProfile.ScikitLearn, ManifestDType.Float64, new[]
            {
                FitterFeature.Numeric("TemperatureC", new[] { FitStep.ZScore() }),
                FitterFeature.Numeric("PromotionSpend", new[] { FitStep.MinMax(0, 1, clip: false) }),
            })
        {
        }

        protected override void AddRow(in Footfall row)
        {
            AddValue(0, row.TemperatureC);
            AddValue(1, row.PromotionSpend);
        }
    }
}
