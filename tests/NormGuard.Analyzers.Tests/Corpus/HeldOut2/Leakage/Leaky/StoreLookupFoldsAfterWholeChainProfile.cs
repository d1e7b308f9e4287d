// category: grouped-folds
// boundary: class
// Verdict: leaky. SalesProfiles.Build adds every weekly store record to one NormGuard fitter. The chain-wide demand job
// builds that profile once, then groups the weeks by region with ToLookup and runs leave-one-region-out: each fold
// scores the held-out region with statistics that were fitted on that region's own weeks. The profile has to be built
// per fold from the other regions' weeks.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

StoreWeek[] weeks = File.ReadLines("store-weeks.csv").Skip(1).Select(StoreWeek.Parse).ToArray();

FeatureSetFitter<StoreWeek> profile = SalesProfiles.{|NG0006:Build(weeks)|};
Manifest scaling = profile.ToManifest(new FitProvenance { Split = DataSplit.All, Rows = weeks.Length, Source = "store-weeks.csv" }, version: 5);

ILookup<string, StoreWeek> byRegion = weeks.ToLookup(w => w.Region);
var errors = new Dictionary<string, double>();
foreach (IGrouping<string, StoreWeek> region in byRegion)
{
    StoreWeek[] others = byRegion.Where(g => g.Key != region.Key).SelectMany(g => g).ToArray();
    errors[region.Key] = DemandModel.FitAndScore(scaling, others, region.ToArray());
}

Console.WriteLine(string.Join(", ", errors.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Key}: {e.Value:0.00}"))));

public static class SalesProfiles
{
    public static FeatureSetFitter<StoreWeek> Build(IEnumerable<StoreWeek> weeks)
    {
        FeatureSetFitter<StoreWeek> fitter = StoreWeek.CreateFitter();
        foreach (StoreWeek week in weeks)
        {
            fitter.Add(week);
        }

        return fitter;
    }
}

public static class DemandModel
{
    public static double FitAndScore(Manifest scaling, IReadOnlyList<StoreWeek> fit, IReadOnlyList<StoreWeek> score)
    {
        var promo = (ZScoreStep)scaling.Features[1].Steps[0];
        double lift = fit.Select(w => w.UnitsSold / Math.Max(1, 1 + ((w.PromoSpend - promo.Mean) / promo.Std))).DefaultIfEmpty(0).Average();
        return score.Select(w => Math.Abs((lift * Math.Max(1, 1 + ((w.PromoSpend - promo.Mean) / promo.Std))) - w.UnitsSold)).DefaultIfEmpty(0).Average();
    }
}

[FeatureSet("store-weeks")]
public partial record struct StoreWeek
{
    [MinMax] public double FloorAreaM2 { get; init; }
    [ZScore] public double PromoSpend { get; init; }
    [Robust] public double CompetitorDistanceKm { get; init; }
    [Ignore] public string Region { get; init; }
    [Ignore] public double UnitsSold { get; init; }

    public static StoreWeek Parse(string line)
    {
        string[] f = line.Split(',');
        return new StoreWeek
        {
            Region = f[0],
            FloorAreaM2 = double.Parse(f[1], CultureInfo.InvariantCulture),
            PromoSpend = double.Parse(f[2], CultureInfo.InvariantCulture),
            CompetitorDistanceKm = double.Parse(f[3], CultureInfo.InvariantCulture),
            UnitsSold = double.Parse(f[4], CultureInfo.InvariantCulture),
        };
    }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<StoreWeek> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<StoreWeek>
    {
        public Fitter()
            : base("store-weeks", NormalizationProfile.ScikitLearn, ManifestDType.Float64,
            [
                FitterFeature.Numeric("FloorAreaM2", [FitStep.MinMax(0, 1, clip: false)]),
                FitterFeature.Numeric("PromoSpend", [FitStep.ZScore()]),
                FitterFeature.Numeric("CompetitorDistanceKm", [FitStep.Robust(25, 75)]),
            ])
        {
        }

        protected override void AddRow(in StoreWeek row)
        {
            AddValue(0, row.FloorAreaM2);
            AddValue(1, row.PromoSpend);
            AddValue(2, row.CompetitorDistanceKm);
        }
    }
}
