// category: cross-assembly
// boundary: assembly
// Verdict: clean. The same CsvRepository<T> and FeatureProfiles.Profile<T> ([FitsStatistics]) from the platform
// package, but the accounts are ordered by signup date and cut first; only the oldest 85% are profiled, and the newest
// 15% are scored with statistics they did not contribute to.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;
using Tailspin.DataPlatform;

var repository = new CsvRepository<Subscriber>("subscribers.csv", Subscriber.Parse);
List<Subscriber> subscribers = repository.Stream().ToList();

List<Subscriber> bySignup = subscribers.OrderBy(s => s.SignedUp).ToList();
int older = (int)(bySignup.Count * 0.85);
List<Subscriber> olderAccounts = bySignup.Take(older).ToList();
List<Subscriber> newestAccounts = bySignup.Skip(older).ToList();

FeatureSetFitter<Subscriber> profile = FeatureProfiles.Profile(olderAccounts, Subscriber.CreateFitter);

Manifest scaling = profile.ToManifest(new FitProvenance { Split = DataSplit.Train, Rows = profile.Rows, Source = "subscribers.csv" }, version: 2);
Console.WriteLine($"churn accuracy {ChurnRule.FitAndScore(scaling, olderAccounts, newestAccounts):P1}");

public static class ChurnRule
{
    public static double FitAndScore(Manifest scaling, IReadOnlyList<Subscriber> fit, IReadOnlyList<Subscriber> score)
    {
        var logins = (ZScoreStep)scaling.Features[0].Steps[0];
        double cut = fit.Where(s => s.Churned).Select(s => (s.MonthlyLogins - logins.Mean) / logins.Std).DefaultIfEmpty(-1).Average();
        return score.Count(s => ((s.MonthlyLogins - logins.Mean) / logins.Std <= cut) == s.Churned) / (double)Math.Max(1, score.Count);
    }
}

[FeatureSet("subscribers")]
public partial record struct Subscriber
{
    [ZScore] public double MonthlyLogins { get; init; }
    [MinMax] public double SeatCount { get; init; }
    [Robust] public double SupportTickets { get; init; }
    [Ignore] public DateTime SignedUp { get; init; }
    [Ignore] public bool Churned { get; init; }

    public static Subscriber Parse(string line)
    {
        string[] f = line.Split(',');
        return new Subscriber
        {
            SignedUp = DateTime.Parse(f[0], CultureInfo.InvariantCulture),
            MonthlyLogins = double.Parse(f[1], CultureInfo.InvariantCulture),
            SeatCount = double.Parse(f[2], CultureInfo.InvariantCulture),
            SupportTickets = double.Parse(f[3], CultureInfo.InvariantCulture),
            Churned = f[4] == "1",
        };
    }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<Subscriber> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<Subscriber>
    {
        public Fitter()
            : base("subscribers", NormalizationProfile.ScikitLearn, ManifestDType.Float64,
            [
                FitterFeature.Numeric("MonthlyLogins", [FitStep.ZScore()]),
                FitterFeature.Numeric("SeatCount", [FitStep.MinMax(0, 1, clip: false)]),
                FitterFeature.Numeric("SupportTickets", [FitStep.Robust(25, 75)]),
            ])
        {
        }

        protected override void AddRow(in Subscriber row)
        {
            AddValue(0, row.MonthlyLogins);
            AddValue(1, row.SeatCount);
            AddValue(2, row.SupportTickets);
        }
    }
}
