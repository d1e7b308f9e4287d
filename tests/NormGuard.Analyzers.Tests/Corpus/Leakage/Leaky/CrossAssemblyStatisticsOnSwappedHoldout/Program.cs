// category: cross-assembly
// boundary: assembly
// Verdict: leaky. Both helpers come from the analytics library (another assembly): Partitioning.Holdout is
// [SplitsData] and returns (Modeling, Audit), the audit part being the 25 % held out; Statistics.Learn fits a NormGuard
// fitter on its [FitsStatistics] argument. The program deconstructs the tuple in the wrong order, so the variable it
// calls "modeling" holds the audit part, and that is what the statistics are learned from. The fit is on evaluation
// data whatever the local is called.
using System;
using System.Collections.Generic;
using Contoso.Analytics;
using NormGuard;
using NormGuard.Fitting;

public static class Program
{
    public static void Main()
    {
        List<Wine> wines = Cellar.Load("wine-reviews.csv");
        var (audit, modeling) = Partitioning.Holdout(wines, auditShare: 0.25, seed: 27);

        FeatureSetFitter<Wine> fitter = Statistics.{|NG0006:Learn(Wine.CreateFitter, modeling)|};
        Console.WriteLine($"learned from {fitter.Rows}; {audit.Count} + {modeling.Count} wines");
    }
}

internal static class Cellar
{
    public static List<Wine> Load(string path) => new List<Wine>();
}

[FeatureSet("wines")]
public partial record struct Wine
{
    [ZScore] public double Points { get; init; }
    [Log1p, ZScore] public double Price { get; init; }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<Wine> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<Wine>
    {
        public Fitter()
            : base("wines", NormalizationProfile.ScikitLearn, ManifestDType.Float64, new[]
            {
                FitterFeature.Numeric("Points", new[] { FitStep.ZScore() }),
                FitterFeature.Numeric("Price", new[] { FitStep.Log1p(), FitStep.ZScore() }),
            })
        {
        }

        protected override void AddRow(in Wine row)
        {
            AddValue(0, row.Points);
            AddValue(1, row.Price);
        }
    }
}
