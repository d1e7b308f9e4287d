// category: manifest-declares-train
// boundary: class
// Verdict: leaky. FitterLoader.FitFile reads every row of the vibration archive into a fitter and returns it; nothing
// in between splits the rows. The program then writes the manifest as Split = DataSplit.Train for the fault
// classifier, whose evaluation set comes from the same archive. The label is false, and it hides the leak from
// NG0005 downstream. Split before fitting (or say DataSplit.All).
using System;
using System.IO;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

FeatureSetFitter<Bearing> fitter = FitterLoader.FitFile("bearing-vibration.csv");
fitter.{|NG0006:ToManifest(new FitProvenance { Split = DataSplit.Train, Rows = fitter.Rows, Source = "bearing-vibration.csv" }, version: 2)|}
    .Save("bearings.normguard.json");
Console.WriteLine($"bearings.normguard.json: {fitter.Rows} rows");

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
