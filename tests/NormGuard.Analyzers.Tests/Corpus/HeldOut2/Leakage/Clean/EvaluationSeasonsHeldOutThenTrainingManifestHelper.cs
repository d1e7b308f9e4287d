// category: manifest-declares-train
// boundary: method
// Verdict: clean. The same SaveTrainingManifest helper stamping Split = DataSplit.Train, but the last two seasons, on
// which the yield model is evaluated, are held out first (Where on the year) and only the earlier seasons are added to
// the fitter: the manifest's claim is true.
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
        int lastYear = seasons.Max(s => s.Year);
        FieldSeason[] earlierSeasons = seasons.Where(s => s.Year <= lastYear - 2).ToArray();
        FieldSeason[] lastTwoSeasons = seasons.Where(s => s.Year > lastYear - 2).ToArray();

        FeatureSetFitter<FieldSeason> fitter = FieldSeason.CreateFitter();
        foreach (FieldSeason season in earlierSeasons)
        {
            fitter.Add(season);
        }

        SaveTrainingManifest(fitter, earlierSeasons.Length, "crop-yield.normguard.json");
        Console.WriteLine($"crop-yield.normguard.json written from {earlierSeasons.Length} field seasons; {lastTwoSeasons.Length} kept for the evaluation");
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
