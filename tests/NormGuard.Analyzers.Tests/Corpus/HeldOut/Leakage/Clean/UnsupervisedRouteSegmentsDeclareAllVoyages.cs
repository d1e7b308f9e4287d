// category: manifest-declares-train
// boundary: class
// Verdict: clean. An unsupervised job with no evaluation: the route-segmentation service clusters voyages and needs
// scaling statistics of the whole fleet, so every voyage from VoyageSource is added and the manifest honestly declares
// Split = DataSplit.All. Nothing is split, held out or scored against labels, so no statistic leaks into an evaluation.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

FeatureSetFitter<Voyage> fitter = Voyage.CreateFitter();
int count = 0;
foreach (Voyage voyage in VoyageSource.ReadAll("voyages.csv"))
{
    fitter.Add(voyage);
    count++;
}

Manifest manifest = fitter.ToManifest(new FitProvenance { Split = DataSplit.All, Rows = count, Source = "voyages.csv", FittedAt = DateTimeOffset.UtcNow }, version: 3);
manifest.Save("route-segments.normguard.json");
Console.WriteLine($"route-segments.normguard.json: {count} voyages for the clustering service");

internal static class VoyageSource
{
    public static IEnumerable<Voyage> ReadAll(string path) =>
        File.ReadLines(path).Skip(1).Select(line => line.Split(',')).Select(f => new Voyage
        {
            SpeedKnots = double.Parse(f[0], CultureInfo.InvariantCulture),
            DraftMeters = double.Parse(f[1], CultureInfo.InvariantCulture),
            WaveHeightM = double.Parse(f[2], CultureInfo.InvariantCulture),
        });
}

[FeatureSet("route-segments")]
public partial record struct Voyage
{
    [ZScore] public double SpeedKnots { get; init; }
    [MaxAbs] public double DraftMeters { get; init; }
    [Robust] public double WaveHeightM { get; init; }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<Voyage> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<Voyage>
    {
        public Fitter()
            : base("route-segments", NormalizationProfile.ScikitLearn, ManifestDType.Float64, new[]
            {
                FitterFeature.Numeric("SpeedKnots", new[] { FitStep.ZScore() }),
                FitterFeature.Numeric("DraftMeters", new[] { FitStep.MaxAbs() }),
                FitterFeature.Numeric("WaveHeightM", new[] { FitStep.Robust(25, 75) }),
            })
        {
        }

        protected override void AddRow(in Voyage row)
        {
            AddValue(0, row.SpeedKnots);
            AddValue(1, row.DraftMeters);
            AddValue(2, row.WaveHeightM);
        }
    }
}
