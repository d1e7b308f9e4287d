// category: fitter-loader
// boundary: method
// Verdict: leaky. The trips come partitioned by month. FitPartitions fits one NormGuard fitter per partition and
// merges them (Merge combines exactly as one pass would). It is given all twelve months; afterwards the last month is
// held out to evaluate the fare model and the first eleven train it. December's trips are in the merged statistics.
// Pass byMonth.SkipLast(1) to FitPartitions.
using System;
using System.Collections.Generic;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

public static class Program
{
    public static void Main()
    {
        List<Trip[]> byMonth = Enumerable.Range(1, 12).Select(m => TripArchive.LoadMonth(2024, m)).ToList();
        FeatureSetFitter<Trip> fitter = {|NG0006:FitPartitions(byMonth)|};

        List<Trip> training = byMonth.SkipLast(1).SelectMany(m => m).ToList();
        Trip[] holdout = byMonth[^1];
        Console.WriteLine($"fitted {fitter.Rows} trips; train on {training.Count}, hold out {holdout.Length}");
    }

    private static FeatureSetFitter<Trip> FitPartitions(IEnumerable<Trip[]> partitions)
    {
        FeatureSetFitter<Trip> total = Trip.CreateFitter();
        foreach (Trip[] partition in partitions)
        {
            FeatureSetFitter<Trip> monthly = Trip.CreateFitter();
            monthly.Add(partition);
            total.Merge(monthly);
        }

        return total;
    }
}

internal static class TripArchive
{
    public static Trip[] LoadMonth(int year, int month) => Array.Empty<Trip>();
}

[FeatureSet("trips")]
public partial record struct Trip
{
    [ZScore] public float DistanceKm { get; init; }
    [ZScore] public float DurationMinutes { get; init; }
    [Ignore] public float Fare { get; init; }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<Trip> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<Trip>
    {
        public Fitter()
            : base("trips", NormalizationProfile.NormGuard, ManifestDType.Float32, new[]
            {
                FitterFeature.Numeric("DistanceKm", new[] { FitStep.ZScore() }),
                FitterFeature.Numeric("DurationMinutes", new[] { FitStep.ZScore() }),
            })
        {
        }

        protected override void AddRow(in Trip row)
        {
            AddValue(0, row.DistanceKm);
            AddValue(1, row.DurationMinutes);
        }
    }
}
