using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tests;

/// <summary>The generated fitter against scikit-learn's fitted parameters on the same committed training rows.</summary>
public sealed class FitterTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Float64_fit_equals_scikit_learn_parameters()
    {
        SklearnF64Row[] rows = GoldenFiles.SklearnF64Rows(GoldenFiles.ReadCsv("golden_sklearn_f64.train.csv"));

        FeatureSetFitter<SklearnF64Row> fitter = SklearnF64Row.CreateFitter();
        fitter.Add(rows);
        Manifest fitted = fitter.ToManifest(new FitProvenance { Split = DataSplit.Train }, 1);

        AssertSameParameters(Manifest.Load(GoldenFiles.PathOf("golden_sklearn_f64.normguard.json")), fitted);
    }

    [Fact]
    public void Float32_fit_equals_scikit_learn_parameters()
    {
        SklearnF32Row[] rows = GoldenFiles.SklearnF32Rows(GoldenFiles.ReadCsv("golden_sklearn_f32.train.csv"));

        FeatureSetFitter<SklearnF32Row> fitter = SklearnF32Row.CreateFitter();
        Assert.Equal(ManifestDType.Float32, fitter.DType);
        foreach (SklearnF32Row row in rows)
        {
            fitter.Add(row);
        }

        Manifest fitted = fitter.ToManifest(new FitProvenance { Split = DataSplit.Train }, 1);
        AssertSameParameters(Manifest.Load(GoldenFiles.PathOf("golden_sklearn_f32.normguard.json")), fitted);
    }

    [Fact]
    public void NaN_in_a_float_member_is_missing_to_the_fitter_as_to_Normalize()
    {
        // Normalize treats NaN in a float member as missing; the fitter must too: not fitted on, counted in stats.missing.
        var random = new Random(3);
        Sensor[] clean = Enumerable.Range(0, 500).Select(_ => new Sensor
        {
            Temperature = 60 + (float)random.NextDouble() * 20,
            Pressure = (float)random.NextDouble() * 10,
            Vibration = (float)random.NextDouble(),
            Current = 12 + (float)random.NextDouble(),
            Load = (float)random.NextDouble(),
        }).ToArray();
        Sensor[] withNaN = clean.SelectMany((row, i) => i % 5 == 0
            ? new[] { row, new Sensor { Temperature = float.NaN, Pressure = float.NaN, Vibration = float.NaN, Current = float.NaN, Load = float.NaN } }
            : new[] { row }).ToArray();

        FeatureSetFitter<Sensor> a = Sensor.CreateFitter();
        a.Add(clean);
        FeatureSetFitter<Sensor> b = Sensor.CreateFitter();
        b.Add(withNaN);
        Manifest fittedClean = a.ToManifest(new FitProvenance { Split = DataSplit.Train }, 1);
        Manifest fittedNaN = b.ToManifest(new FitProvenance { Split = DataSplit.Train }, 1);

        for (int f = 0; f < fittedClean.Features.Count; f++)
        {
            Assert.Equal(fittedClean.Features[f].Steps, fittedNaN.Features[f].Steps);
            Assert.Equal(0, fittedClean.Features[f].Stats!.Missing);
            Assert.Equal(100, fittedNaN.Features[f].Stats!.Missing);
            Assert.Equal(fittedClean.Features[f].Stats!.Mean, fittedNaN.Features[f].Stats!.Mean);
            Assert.Equal(fittedClean.Features[f].Stats!.Quantiles, fittedNaN.Features[f].Stats!.Quantiles);
        }
    }

    [Fact]
    public void Fitted_manifest_binds_the_same_way_as_the_scikit_learn_one()
    {
        Manifest reference = Manifest.Load(GoldenFiles.PathOf("golden_sklearn_f64.normguard.json"));
        FeatureSetFitter<SklearnF64Row> fitter = SklearnF64Row.CreateFitter();
        fitter.Add(new SklearnF64Row { Z = 1, ZConst = 2, ZEpoch = 3, ZTiny = 4, M = 5, MClip = 6, MConst = 7, A = 8, R = 9, R1090 = 10, L1Z = 11, LZ = 12, ZC = 13, Cat = "red", Code = 3, P = 14 });
        Manifest fitted = fitter.ToManifest(new FitProvenance { Split = DataSplit.Train, Source = "one row" }, 7);

        Assert.Equal(reference.FeatureSet, fitted.FeatureSet);
        Assert.Equal(7, fitted.Version);
        Assert.Equal(NormalizationProfile.ScikitLearn, fitted.Profile);
        Assert.Equal(reference.Features.Select(f => f.Name), fitted.Features.Select(f => f.Name));
        Assert.Equal(reference.Features.Select(f => string.Join(",", f.Steps.Select(s => s.Op))), fitted.Features.Select(f => string.Join(",", f.Steps.Select(s => s.Op))));
        Assert.Equal(1, fitted.Fit!.Rows);
        Assert.StartsWith("normguard ", fitted.Fit.Tool, StringComparison.Ordinal);

        // What the fitter writes, the shared reader reads back unchanged.
        Manifest reread = Manifest.Parse(fitted.ToJson(), "fitted");
        Assert.Equal(fitted.Sha256, reread.Sha256);
        Assert.Equal(fitted.ToJson(), reread.ToJson());
    }

    private void AssertSameParameters(Manifest expected, Manifest actual)
    {
        Assert.Equal(expected.Features.Count, actual.Features.Count);
        double worst = 0;
        for (int f = 0; f < expected.Features.Count; f++)
        {
            FeatureManifest want = expected.Features[f];
            FeatureManifest got = actual.Features[f];
            Assert.Equal(want.Name, got.Name);
            Assert.Equal(want.Steps.Count, got.Steps.Count);
            for (int s = 0; s < want.Steps.Count; s++)
            {
                (string Name, double Want, double Got)[] pairs = (want.Steps[s], got.Steps[s]) switch
                {
                    (ZScoreStep a, ZScoreStep b) => [("mean", a.Mean, b.Mean), ("std", a.Std, b.Std)],
                    (MinMaxStep a, MinMaxStep b) => [("min", a.Min, b.Min), ("max", a.Max, b.Max), ("low", a.Low, b.Low), ("high", a.High, b.High)],
                    (MaxAbsStep a, MaxAbsStep b) => [("maxabs", a.MaxAbs, b.MaxAbs)],
                    (RobustStep a, RobustStep b) => [("center", a.Center, b.Center), ("scale", a.Scale, b.Scale), ("lower", a.Lower, b.Lower), ("upper", a.Upper, b.Upper)],
                    (ClipStep a, ClipStep b) => [("min", a.Min, b.Min), ("max", a.Max, b.Max)],
                    (OneHotStep a, OneHotStep b) => OneHot(a, b),
                    (NormalizationStep a, NormalizationStep b) when a.GetType() == b.GetType() => [],
                    var other => throw new Xunit.Sdk.XunitException($"{want.Name}: step {s} is {other.Item1.Op} in scikit-learn but {other.Item2.Op} in the fit"),
                };
                foreach ((string name, double w, double g) in pairs)
                {
                    double error = RelativeError(w, g);
                    worst = Math.Max(worst, error);
                    Assert.True(error <= Tolerance, $"{want.Name}.{want.Steps[s].Op}.{name}: scikit-learn {w:R}, NormGuard {g:R} (relative error {error:E2})");
                }
            }

            FeatureStats wantStats = want.Stats!;
            FeatureStats gotStats = got.Stats!;
            Assert.Equal(wantStats.Count, gotStats.Count);
            Assert.Equal(wantStats.Missing, gotStats.Missing);
            Assert.Equal(wantStats.CategoryCounts, gotStats.CategoryCounts);
            Assert.Equal(wantStats.Quantiles.Count, gotStats.Quantiles.Count);
            var statPairs = new List<(string, double?, double?)> { ("min", wantStats.Min, gotStats.Min), ("max", wantStats.Max, gotStats.Max), ("mean", wantStats.Mean, gotStats.Mean), ("std", wantStats.Std, gotStats.Std) };
            statPairs.AddRange(wantStats.Quantiles.Select((q, i) => ($"q{i}", (double?)q, (double?)gotStats.Quantiles[i])));
            foreach ((string name, double? w, double? g) in statPairs)
            {
                Assert.Equal(w.HasValue, g.HasValue);
                double error = w is null ? 0 : RelativeError(w.Value, g!.Value);
                Assert.True(error <= Tolerance, $"{want.Name} stats.{name}: numpy {w:R}, NormGuard {g:R} (relative error {error:E2})");
            }
        }

        output.WriteLine($"largest relative difference from scikit-learn: {worst:E2}");
    }

    private static (string, double, double)[] OneHot(OneHotStep a, OneHotStep b)
    {
        Assert.Equal(a.Categories, b.Categories);
        Assert.Equal(a.Unknown, b.Unknown);
        return [];
    }

    private static double RelativeError(double expected, double actual) =>
        expected == actual ? 0 : Math.Abs(expected - actual) / Math.Max(Math.Abs(expected), double.Epsilon);
}
