// category: partition-merge
// boundary: method
// Verdict: leaky. FitInParallel cuts the rides into index ranges, fits one NormGuard fitter per range with
// Parallel.ForEach and merges them under a lock: exactly one fit of all the rides it receives. Main gives it the whole
// year and then holds December out by the pickup month to back-test the fare model: December's trips were in the merged
// statistics. Hold December out first and fit the other months.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NormGuard;
using NormGuard.Fitting;

public static class Program
{
    public static void Main()
    {
        List<Ride> rides = File.ReadLines("rides-2024.csv").Skip(1).Select(Ride.Parse).ToList();

        FeatureSetFitter<Ride> fitter = {|NG0006:FitInParallel(rides, Environment.ProcessorCount)|};
        List<Ride> januaryToNovember = rides.Where(r => r.PickupAt.Month != 12).ToList();
        List<Ride> december = rides.Where(r => r.PickupAt.Month == 12).ToList();

        Manifest scaling = fitter.ToManifest(new FitProvenance { Split = DataSplit.All, Rows = fitter.Rows, Source = "rides-2024.csv" }, version: 11);
        Console.WriteLine($"December fare MAE {FareModel.Backtest(scaling, januaryToNovember, december):0.00}");
    }

    private static FeatureSetFitter<Ride> FitInParallel(IReadOnlyList<Ride> rides, int partitions)
    {
        FeatureSetFitter<Ride> merged = Ride.CreateFitter();
        var gate = new object();
        int rangeSize = Math.Max(1, (rides.Count / partitions) + 1);
        Parallel.ForEach(Partitioner.Create(0, rides.Count, rangeSize), range =>
        {
            FeatureSetFitter<Ride> local = Ride.CreateFitter();
            for (int i = range.Item1; i < range.Item2; i++)
            {
                local.Add(rides[i]);
            }

            lock (gate)
            {
                merged.Merge(local);
            }
        });
        return merged;
    }
}

public static class FareModel
{
    public static double Backtest(Manifest scaling, IReadOnlyList<Ride> history, IReadOnlyList<Ride> holdout)
    {
        var distance = (ZScoreStep)scaling.Features[0].Steps[1];
        double perUnit = history.Select(r => r.Fare / Math.Max(0.5, ((Math.Log(1 + r.DistanceKm) - distance.Mean) / distance.Std) + 3)).DefaultIfEmpty(0).Average();
        return holdout.Select(r => Math.Abs((perUnit * Math.Max(0.5, ((Math.Log(1 + r.DistanceKm) - distance.Mean) / distance.Std) + 3)) - r.Fare)).DefaultIfEmpty(0).Average();
    }
}

[FeatureSet("rides")]
public partial record struct Ride
{
    [Log1p, ZScore] public double DistanceKm { get; init; }
    [Robust] public double DurationMin { get; init; }
    [MinMax] public double Passengers { get; init; }
    [Ignore] public DateTime PickupAt { get; init; }
    [Ignore] public double Fare { get; init; }

    public static Ride Parse(string line)
    {
        string[] f = line.Split(',');
        return new Ride
        {
            PickupAt = DateTime.Parse(f[0], CultureInfo.InvariantCulture),
            DistanceKm = double.Parse(f[1], CultureInfo.InvariantCulture),
            DurationMin = double.Parse(f[2], CultureInfo.InvariantCulture),
            Passengers = double.Parse(f[3], CultureInfo.InvariantCulture),
            Fare = double.Parse(f[4], CultureInfo.InvariantCulture),
        };
    }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<Ride> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<Ride>
    {
        public Fitter()
            : base("rides", NormalizationProfile.NormGuard, ManifestDType.Float32, new[]
            {
                FitterFeature.Numeric("DistanceKm", new[] { FitStep.Log1p(), FitStep.ZScore() }),
                FitterFeature.Numeric("DurationMin", new[] { FitStep.Robust(25, 75) }),
                FitterFeature.Numeric("Passengers", new[] { FitStep.MinMax(0, 1, clip: false) }),
            })
        {
        }

        protected override void AddRow(in Ride row)
        {
            AddValue(0, row.DistanceKm);
            AddValue(1, row.DurationMin);
            AddValue(2, row.Passengers);
        }
    }
}
