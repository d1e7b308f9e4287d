// category: manifest-declares-train
// boundary: method
// Verdict: leaky. The scaling job for the crop-yield model adds every field season from the agronomy export to the
// fitter and writes the manifest through SaveTrainingManifest, a helper that always stamps Split = DataSplit.Train.
// Nothing was split here, and the yield model is evaluated on the last two seasons of this same export: the manifest
// claims a training split its statistics do not have, which hides the leak from NG0005. Hold the evaluation seasons out
// before adding, or write the manifest with DataSplit.All.
using System;
using System.Globalization;
using System.IO;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

public static class Program
{
    public static void Main()
    {
        FieldSeason[] seasons = File.ReadLines("agronomy-export.csv").Skip(1).Select(FieldSeason.Parse).ToArray();
        FeatureSetFitter<FieldSeason> fitter = FieldSeason.CreateFitter();
        foreach (FieldSeason season in seasons)
        {
            fitter.Add(season);
        }

        {|NG0006:SaveTrainingManifest(fitter, seasons.Length, "crop-yield.normguard.json")|};
        Console.WriteLine($"crop-yield.normguard.json written from {seasons.Length} field seasons");
    }

    private static void SaveTrainingManifest<T>(FeatureSetFitter<T> fitter, int rows, string path)
    {
        var provenance = new FitProvenance { Split = DataSplit.Train, Rows = rows, Source = "agronomy-export.csv", FittedAt = DateTimeOffset.UtcNow };
        fitter.ToManifest(provenance, version: 7).Save(path);
    }
}

[FeatureSet("crop-yield")]
public partial record struct FieldSeason
{
    [ZScore] public double RainfallMm { get; init; }
    [ZScore] public double GrowingDegreeDays { get; init; }
    [Robust] public double NitrogenKgHa { get; init; }
    [Ignore] public int Year { get; init; }

    public static FieldSeason Parse(string line)
    {
        string[] f = line.Split(',');
        return new FieldSeason
        {
            Year = int.Parse(f[0], CultureInfo.InvariantCulture),
            RainfallMm = double.Parse(f[1], CultureInfo.InvariantCulture),
            GrowingDegreeDays = double.Parse(f[2], CultureInfo.InvariantCulture),
            NitrogenKgHa = double.Parse(f[3], CultureInfo.InvariantCulture),
        };
    }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<FieldSeason> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<FieldSeason>
    {
        public Fitter()
            : base("crop-yield", NormalizationProfile.ScikitLearn, ManifestDType.Float64,
            [
                FitterFeature.Numeric("RainfallMm", [FitStep.ZScore()]),
                FitterFeature.Numeric("GrowingDegreeDays", [FitStep.ZScore()]),
                FitterFeature.Numeric("NitrogenKgHa", [FitStep.Robust(25, 75)]),
            ])
        {
        }

        protected override void AddRow(in FieldSeason row)
        {
            AddValue(0, row.RainfallMm);
            AddValue(1, row.GrowingDegreeDays);
            AddValue(2, row.NitrogenKgHa);
        }
    }
}
