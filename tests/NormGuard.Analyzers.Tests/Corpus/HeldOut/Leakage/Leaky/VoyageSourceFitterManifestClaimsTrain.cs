// category: manifest-declares-train
// boundary: class
// Verdict: leaky. The fuel-model team's manifest job: VoyageSource.ReadAll streams every voyage in voyages.csv, each one
// is added to the fitter, and the manifest is written with Split = DataSplit.Train. Nothing was split: the manifest
// claims the training split while its statistics come from every voyage, including the ones the fuel model is later
// evaluated on (the model job holds out the last 15% of this file). Hold the evaluation voyages out here too, or
// declare DataSplit.All.
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

Manifest manifest = fitter.{|NG0006:ToManifest(new FitProvenance { Split = DataSplit.Train, Rows = count, Source = "voyages.csv", FittedAt = DateTimeOffset.UtcNow }, version: 3)|};
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
