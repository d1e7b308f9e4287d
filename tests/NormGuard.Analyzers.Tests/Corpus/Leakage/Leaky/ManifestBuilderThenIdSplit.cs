// category: fitter-loader
// boundary: class
// Verdict: leaky. ManifestBuilder.FitManifest feeds every listing it receives to a fitter and returns the manifest,
// labelled as fitted on the training split. The program gives it all listings, saves it, and only then splits the
// listings by id (last digit 8 or 9 to validate). The saved manifest includes the validation listings although it
// says "train". Split by id first and build the manifest from the training listings.
using System;
using System.Collections.Generic;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

List<Listing> listings = ListingStore.ReadAll("airbnb-listings.csv");
Manifest manifest = ManifestBuilder.{|NG0006:FitManifest(listings, "airbnb-listings.csv")|};
manifest.Save("listings.normguard.json");

List<Listing> training = listings.Where(l => l.Id % 10 < 8).ToList();
List<Listing> validation = listings.Where(l => l.Id % 10 >= 8).ToList();
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
