// A large file fitted in parallel partitions and merged; the merged statistics cover every row, and the rows
// are split afterwards. Also: a partition fitter built from the validation rows merged into the main one.
using System;
using System.Collections.Generic;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

public static class Program
{
    public static void Main()
    {
        Click[] clicks = ClickLog.Read("clicks-2024.log");
        Click[] validationClicks = ClickLog.Read("clicks-2025-01.log");

        List<FeatureSetFitter<Click>> partials = clicks.Chunk(100_000).AsParallel().Select(FitPartition).ToList();
        var fitter = Click.CreateFitter();
        foreach (FeatureSetFitter<Click> partial in partials)
        {
            fitter.{|NG0006:Merge(partial)|};
        }

        fitter.{|NG0006:Merge(FitPartition(validationClicks))|};

        var (train, test) = ClickLog.RandomSplit(clicks, 0.2);
        Console.WriteLine($"{train.Length} / {test.Length}, {fitter.Rows} fitted");
    }

    private static FeatureSetFitter<Click> FitPartition(Click[] part)
    {
        var fitter = Click.CreateFitter();
        fitter.Add(part);
        return fitter;
    }
}

internal static class ClickLog
{
    public static Click[] Read(string path) => Array.Empty<Click>();

    public static (Click[] Train, Click[] Test) RandomSplit(Click[] clicks, double testFraction)
    {
        var random = new Random(0);
        var test = new List<Click>();
        var train = new List<Click>();
        foreach (Click click in clicks)
        {
            (random.NextDouble() < testFraction ? test : train).Add(click);
        }

        return (train.ToArray(), test.ToArray());
    }
}

[FeatureSet("clicks")]
public partial record struct Click
{
    [Log1p, ZScore] public double DwellMs { get; init; }
    [ZScore] public double Position { get; init; }

    public static FeatureSetFitter<Click> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<Click>
    {
        public Fitter()
            : base("clicks", NormalizationProfile.NormGuard, ManifestDType.Float32, new[]
            {
                FitterFeature.Numeric("DwellMs", new[] { FitStep.Log1p(), FitStep.ZScore() }),
                FitterFeature.Numeric("Position", new[] { FitStep.ZScore() }),
            })
        {
        }

        protected override void AddRow(in Click row)
        {
            AddValue(0, row.DwellMs);
            AddValue(1, row.Position);
        }
    }
}
