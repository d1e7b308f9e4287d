// category: user-split-helper
// boundary: class
// Verdict: clean. The same DataSplitter.ThreeWay helper. After the hyper-parameters were chosen, the scaler for the
// model to be tested is fitted on the fitting and tuning parts together (parts.Fit.Concat(parts.Tune)), the usual
// refit before the one final test; parts.Final, the test part, never reaches a fitter.
using System;
using System.Collections.Generic;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

public static class Program
{
    public static void Main()
    {
        List<Session> sessions = SessionLog.Load("sessions.csv");
        DataSplitter.Partitions parts = DataSplitter.ThreeWay(sessions, fitShare: 0.7, tuneShare: 0.15, seed: 3);

        FeatureSetFitter<Session> scaler = FitScaler(parts.Fit.Concat(parts.Tune));
        Console.WriteLine($"scaler from {scaler.Rows}; fit {parts.Fit.Count}, tune {parts.Tune.Count}, final {parts.Final.Count}");
    }

    private static FeatureSetFitter<Session> FitScaler(IEnumerable<Session> rows)
    {
        FeatureSetFitter<Session> fitter = Session.CreateFitter();
        fitter.Add(rows.ToArray());
        return fitter;
    }
}

public static class DataSplitter
{
    public sealed record Partitions(List<Session> Fit, List<Session> Tune, List<Session> Final);

    public static Partitions ThreeWay(List<Session> rows, double fitShare, double tuneShare, int seed)
    {
        var random = new Random(seed);
        var shuffled = rows.OrderBy(_ => random.Next()).ToList();
        int fitCount = (int)(rows.Count * fitShare);
        int tuneCount = (int)(rows.Count * tuneShare);
        return new Partitions(
            shuffled.Take(fitCount).ToList(),
            shuffled.Skip(fitCount).Take(tuneCount).ToList(),
            shuffled.Skip(fitCount + tuneCount).ToList());
    }
}

internal static class SessionLog
{
    public static List<Session> Load(string path) => new List<Session>();
}

[FeatureSet("sessions")]
public partial record struct Session
{
    [Log1p, ZScore] public double SecondsActive { get; init; }
    [ZScore] public double ScreensViewed { get; init; }
    [Ignore] public bool Converted { get; init; }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<Session> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<Session>
    {
        public Fitter()
            : base("sessions", NormalizationProfile.NormGuard, ManifestDType.Float32, new[]
            {
                FitterFeature.Numeric("SecondsActive", new[] { FitStep.Log1p(), FitStep.ZScore() }),
                FitterFeature.Numeric("ScreensViewed", new[] { FitStep.ZScore() }),
            })
        {
        }

        protected override void AddRow(in Session row)
        {
            AddValue(0, row.SecondsActive);
            AddValue(1, row.ScreensViewed);
        }
    }
}
