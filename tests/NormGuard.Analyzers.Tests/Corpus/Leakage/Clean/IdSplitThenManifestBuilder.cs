// category: fitter-loader
// boundary: class
// Verdict: clean. The same ManifestBuilder; the listings are split by id first and only the training listings reach
// FitManifest, so its "train" label is true and the validation listings stay out of the statistics.
using System;
using System.Collections.Generic;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

List<Listing> listings = ListingStore.ReadAll("airbnb-listings.csv");
List<Listing> training = listings.Where(l => l.Id % 10 < 8).ToList();
List<Listing> validation = listings.Where(l => l.Id % 10 >= 8).ToList();

Manifest manifest = ManifestBuilder.FitManifest(training, "airbnb-listings.csv");
manifest.Save("listings.normguard.json");
Console.WriteLine($"{training.Count} training listings, {validation.Count} validation listings");

public static class ManifestBuilder
{
    public static Manifest FitManifest(IReadOnlyCollection<Listing> rows, string source)
    {
        FeatureSetFitter<Listing> fitter = Listing.CreateFitter();
        foreach (Listing row in rows)
        {
            fitter.Add(row);
        }

        return fitter.ToManifest(new FitProvenance { Split = DataSplit.Train, Rows = rows.Count, Source = source }, version: 1);
    }
}

public static class ListingStore
{
    public static List<Listing> ReadAll(string path) => new List<Listing>();
}

[FeatureSet("listings")]
public partial record struct Listing
{
    [Ignore] public long Id { get; init; }
    [Log1p, ZScore] public double Price { get; init; }
    [Robust] public double Reviews { get; init; }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<Listing> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<Listing>
    {
        public Fitter()
            : base("listings", NormalizationProfile.ScikitLearn, ManifestDType.Float64, new[]
            {
                FitterFeature.Numeric("Price", new[] { FitStep.Log1p(), FitStep.ZScore() }),
                FitterFeature.Numeric("Reviews", new[] { FitStep.Robust(25, 75) }),
            })
        {
        }

        protected override void AddRow(in Listing row)
        {
            AddValue(0, row.Price);
            AddValue(1, row.Reviews);
        }
    }
}
