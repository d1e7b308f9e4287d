// category: range-split
// boundary: none
// Verdict: clean. The array of parking sessions is shuffled in place with a seeded Random and cut with index ranges
// first; only the first 80% (sessions[..cut]) is added to the NormGuard fitter, and the overstay model is scored on
// sessions[cut..], which the fitted statistics never saw.
using System;
using System.Globalization;
using System.IO;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

ParkingSession[] sessions = File.ReadLines("garage-sessions.csv").Skip(1).Select(ParkingSession.Parse).ToArray();

new Random(20240611).Shuffle(sessions);
int cut = (int)(sessions.Length * 0.8);
ParkingSession[] fitSessions = sessions[..cut];
ParkingSession[] scoreSessions = sessions[cut..];

FeatureSetFitter<ParkingSession> fitter = ParkingSession.CreateFitter();
fitter.Add(fitSessions);

Manifest scaling = fitter.ToManifest(new FitProvenance { Split = DataSplit.Train, Rows = fitSessions.Length, Source = "garage-sessions.csv" }, version: 1);
Console.WriteLine($"overstay error {OverstayModel.Score(scaling, fitSessions, scoreSessions):0.000}");

public static class OverstayModel
{
    public static double Score(Manifest scaling, ParkingSession[] fit, ParkingSession[] score)
    {
        var stay = (ZScoreStep)scaling.Features[0].Steps[0];
        double threshold = fit.Where(s => s.Overstayed).Select(s => (s.StayMinutes - stay.Mean) / stay.Std).DefaultIfEmpty(0).Min();
        return score.Count(s => ((s.StayMinutes - stay.Mean) / stay.Std >= threshold) != s.Overstayed) / (double)Math.Max(1, score.Length);
    }
}

[FeatureSet("parking-sessions")]
public partial record struct ParkingSession
{
    [ZScore] public double StayMinutes { get; init; }
    [MinMax] public double EntryHour { get; init; }
    [MaxAbs] public double PrepaidAmount { get; init; }
    [Ignore] public bool Overstayed { get; init; }

    public static ParkingSession Parse(string line)
    {
        string[] f = line.Split(',');
        return new ParkingSession
        {
            StayMinutes = double.Parse(f[0], CultureInfo.InvariantCulture),
            EntryHour = double.Parse(f[1], CultureInfo.InvariantCulture),
            PrepaidAmount = double.Parse(f[2], CultureInfo.InvariantCulture),
            Overstayed = f[3] == "1",
        };
    }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<ParkingSession> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<ParkingSession>
    {
        public Fitter()
            : base("parking-sessions", NormalizationProfile.ScikitLearn, ManifestDType.Float64,
            [
                FitterFeature.Numeric("StayMinutes", [FitStep.ZScore()]),
                FitterFeature.Numeric("EntryHour", [FitStep.MinMax(0, 1, clip: false)]),
                FitterFeature.Numeric("PrepaidAmount", [FitStep.MaxAbs()]),
            ])
        {
        }

        protected override void AddRow(in ParkingSession row)
        {
            AddValue(0, row.StayMinutes);
            AddValue(1, row.EntryHour);
            AddValue(2, row.PrepaidAmount);
        }
    }
}
