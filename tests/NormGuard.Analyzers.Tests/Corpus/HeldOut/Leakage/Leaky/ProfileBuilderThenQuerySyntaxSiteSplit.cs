// category: linq-split
// boundary: class
// Verdict: leaky. ProfileBuilder wraps a NormGuard fitter in a fluent API: Include adds visits, Build writes the
// manifest. The trial analysis includes every visit and only then separates the sites with two LINQ queries (sites
// 0-7 of every ten for training, 8-9 for evaluation). The evaluation sites' lab values are in the manifest's statistics.
// Query the training sites first and include only them.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

Visit[] visits = File.ReadLines("trial-visits.csv").Skip(1).Select(Visit.Parse).ToArray();

Manifest profile = new ProfileBuilder().{|NG0006:Include(visits)|}.Build(version: 1);

Visit[] trainingSites = (from v in visits where v.SiteId % 10 < 8 select v).ToArray();
Visit[] evaluationSites = (from v in visits where v.SiteId % 10 >= 8 select v).ToArray();
Console.WriteLine($"response accuracy {ResponseModel.Evaluate(profile, trainingSites, evaluationSites):P1}");

internal sealed class ProfileBuilder
{
    private readonly FeatureSetFitter<Visit> _fitter = Visit.CreateFitter();

    public ProfileBuilder Include(IEnumerable<Visit> visits)
    {
        foreach (Visit visit in visits)
        {
            _fitter.Add(visit);
        }

        return this;
    }

    public Manifest Build(int version) =>
        _fitter.ToManifest(new FitProvenance { Split = DataSplit.All, Rows = _fitter.Rows, Source = "trial-visits.csv" }, version);
}

internal static class ResponseModel
{
    public static double Evaluate(Manifest profile, IReadOnlyList<Visit> training, IReadOnlyList<Visit> evaluation)
    {
        var alt = (ZScoreStep)profile.Features[0].Steps[0];
        double cut = training.Where(v => v.Responded).Select(v => (v.Alt - alt.Mean) / alt.Std).DefaultIfEmpty(0).Average();
        return evaluation.Count == 0 ? 0 : (double)evaluation.Count(v => ((v.Alt - alt.Mean) / alt.Std < cut) == v.Responded) / evaluation.Count;
    }
}

[FeatureSet("trial-visits")]
public partial record struct Visit
{
    [ZScore] public double Alt { get; init; }
    [Log1p, ZScore] public double CReactiveProtein { get; init; }
    [MinMax] public double DoseMg { get; init; }
    [Ignore] public int SiteId { get; init; }
    [Ignore] public bool Responded { get; init; }

    public static Visit Parse(string line)
    {
        string[] f = line.Split(',');
        return new Visit { SiteId = int.Parse(f[0]), Alt = double.Parse(f[1]), CReactiveProtein = double.Parse(f[2]), DoseMg = double.Parse(f[3]), Responded = f[4] == "1" };
    }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<Visit> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<Visit>
    {
        public Fitter()
            : base("trial-visits", NormalizationProfile.ScikitLearn, ManifestDType.Float64, new[]
            {
                FitterFeature.Numeric("Alt", new[] { FitStep.ZScore() }),
                FitterFeature.Numeric("CReactiveProtein", new[] { FitStep.Log1p(), FitStep.ZScore() }),
                FitterFeature.Numeric("DoseMg", new[] { FitStep.MinMax(0, 1, clip: false) }),
            })
        {
        }

        protected override void AddRow(in Visit row)
        {
            AddValue(0, row.Alt);
            AddValue(1, row.CReactiveProtein);
            AddValue(2, row.DoseMg);
        }
    }
}
