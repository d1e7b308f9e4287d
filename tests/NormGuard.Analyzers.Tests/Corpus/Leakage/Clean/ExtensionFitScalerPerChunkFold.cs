// category: chunk-folds
// boundary: class
// Verdict: clean. The same Chunk folds and FitScaler() extension, called inside the loop on the four training folds
// of each round; the held-out fold never reaches that round's fitter.
using System;
using System.Collections.Generic;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

SoilSample[] samples = SoilLab.Load("soil-samples.csv");
SoilSample[][] folds = samples.Chunk((samples.Length + 4) / 5).ToArray();
for (int k = 0; k < folds.Length; k++)
{
    SoilSample[] heldOut = folds[k];
    SoilSample[] rest = folds.Where((_, j) => j != k).SelectMany(f => f).ToArray();
    FeatureSetFitter<SoilSample> scaler = rest.FitScaler();
    Console.WriteLine($"fold {k}: train {rest.Length}, evaluate {heldOut.Length}, scaler {scaler.Rows}");
}

public static class SoilScaling
{
    public static FeatureSetFitter<SoilSample> FitScaler(this IEnumerable<SoilSample> samples)
    {
        FeatureSetFitter<SoilSample> fitter = SoilSample.CreateFitter();
        foreach (SoilSample sample in samples)
        {
            fitter.Add(sample);
        }

        return fitter;
    }
}

internal static class SoilLab
{
    public static SoilSample[] Load(string path) => Array.Empty<SoilSample>();
}

[FeatureSet("soil")]
public partial record struct SoilSample
{
    [ZScore] public double Ph { get; init; }
    [Robust] public double Nitrogen { get; init; }
    [MinMax] public double Moisture { get; init; }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<SoilSample> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<SoilSample>
    {
        public Fitter()
            : base("soil", NormalizationProfile.ScikitLearn, ManifestDType.Float64, new[]
            {
                FitterFeature.Numeric("Ph", new[] { FitStep.ZScore() }),
                FitterFeature.Numeric("Nitrogen", new[] { FitStep.Robust(25, 75) }),
                FitterFeature.Numeric("Moisture", new[] { FitStep.MinMax(0, 1, clip: false) }),
            })
        {
        }

        protected override void AddRow(in SoilSample row)
        {
            AddValue(0, row.Ph);
            AddValue(1, row.Nitrogen);
            AddValue(2, row.Moisture);
        }
    }
}
