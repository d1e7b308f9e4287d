// category: manifest-declares-train
// boundary: class
// Verdict: clean. An unsupervised job: the same FitterLoader fits every row of the archive, the manifest honestly
// says DataSplit.All, and it only feeds a clustering of operating regimes that is never evaluated against held-out
// data. Fitting on everything is right here.
using System;
using System.IO;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

FeatureSetFitter<Bearing> fitter = FitterLoader.FitFile("bearing-vibration.csv");
fitter.ToManifest(new FitProvenance { Split = DataSplit.All, Rows = fitter.Rows, Source = "bearing-vibration.csv" }, version: 2)
    .Save("bearings.normguard.json");
Console.WriteLine($"bearings.normguard.json: {fitter.Rows} rows, for clustering the operating regimes (no evaluation)");

public static class FitterLoader
{
    public static FeatureSetFitter<Bearing> FitFile(string path)
    {
        FeatureSetFitter<Bearing> fitter = Bearing.CreateFitter();
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            fitter.Add(Bearing.Parse(line));
        }

        return fitter;
    }
}

[FeatureSet("bearings")]
public partial record struct Bearing
{
    [ZScore] public double Rms { get; init; }
    [ZScore] public double Kurtosis { get; init; }
    [MaxAbs] public double PeakToPeak { get; init; }

    public static Bearing Parse(string line)
    {
        string[] f = line.Split(',');
        return new Bearing { Rms = double.Parse(f[0]), Kurtosis = double.Parse(f[1]), PeakToPeak = double.Parse(f[2]) };
    }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<Bearing> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<Bearing>
    {
        public Fitter()
            : base("bearings", NormalizationProfile.NormGuard, ManifestDType.Float64, new[]
            {
                FitterFeature.Numeric("Rms", new[] { FitStep.ZScore() }),
                FitterFeature.Numeric("Kurtosis", new[] { FitStep.ZScore() }),
                FitterFeature.Numeric("PeakToPeak", new[] { FitStep.MaxAbs() }),
            })
        {
        }

        protected override void AddRow(in Bearing row)
        {
            AddValue(0, row.Rms);
            AddValue(1, row.Kurtosis);
            AddValue(2, row.PeakToPeak);
        }
    }
}
