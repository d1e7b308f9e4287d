// category: manifest-declares-train
// boundary: class
// Verdict: clean. The job reads the voyages through VoyageSource, holds out the last 15% (the same rule the fuel model
// uses for its evaluation), adds only the first 85% to the fitter, and declares Split = DataSplit.Train truthfully.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

List<Voyage> voyages = VoyageSource.ReadAll("voyages.csv").ToList();
int count = (int)(voyages.Count * 0.85);
List<Voyage> modelingVoyages = voyages.GetRange(0, count);

FeatureSetFitter<Voyage> fitter = Voyage.CreateFitter();
foreach (Voyage voyage in modelingVoyages)
{
    fitter.Add(voyage);
}

Manifest manifest = fitter.ToManifest(new FitProvenance { Split = DataSplit.Train, Rows = count, Source = "voyages.csv", FittedAt = DateTimeOffset.UtcNow }, version: 3);
manifest.Save("voyages.normguard.json");
Console.WriteLine($"voyages.normguard.json: {count} voyages");

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

[FeatureSet("voyages")]
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
            : base("voyages", NormalizationProfile.ScikitLearn, ManifestDType.Float64, new[]
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
