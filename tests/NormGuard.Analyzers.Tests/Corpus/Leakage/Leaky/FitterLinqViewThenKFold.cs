// The rows are cleaned with LINQ, the cleaned view is fitted, and then the raw rows are cut into folds:
// every fold's test rows were in the cleaned view.
using System;
using System.Collections.Generic;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

var rows = Taxi.ReadAll("trips.parquet.csv");
Trip[] clean = rows
    .Where(t => t.Distance > 0 && t.Duration > 0)
    .Select(t => t with { Duration = Math.Min(t.Duration, 7200) })
    .ToArray();

var fitter = Trip.CreateFitter();
fitter.{|NG0006:Add(clean)|};
var manifest = fitter.ToManifest(new FitProvenance { Split = DataSplit.Train }, version: 3);

foreach (var (train, test) in Taxi.KFoldSplit(rows, folds: 5))
{
    Console.WriteLine($"{train.Count}/{test.Count} with {manifest.Features.Count} features");
}

internal static class Taxi
{
    public static List<Trip> ReadAll(string path) => new List<Trip>();

    public static IEnumerable<(List<Trip> Train, List<Trip> Test)> KFoldSplit(List<Trip> rows, int folds)
    {
        for (int k = 0; k < folds; k++)
        {
            yield return (rows.Where((_, i) => i % folds != k).ToList(), rows.Where((_, i) => i % folds == k).ToList());
        }
    }
}

[FeatureSet("trips")]
public partial record struct Trip
{
    [Log1p, ZScore] public double Distance { get; init; }
    [ZScore] public double Duration { get; init; }

    public static FeatureSetFitter<Trip> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<Trip>
    {
        public Fitter()
            : base("trips", NormalizationProfile.ScikitLearn, ManifestDType.Float64, new[]
            {
                FitterFeature.Numeric("Distance", new[] { FitStep.Log1p(), FitStep.ZScore() }),
                FitterFeature.Numeric("Duration", new[] { FitStep.ZScore() }),
            })
        {
        }

        protected override void AddRow(in Trip row)
        {
            AddValue(0, row.Distance);
            AddValue(1, row.Duration);
        }
    }
}
