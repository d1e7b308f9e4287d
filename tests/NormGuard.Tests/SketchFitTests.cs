using System;
using System.Linq;
using NormGuard.Fitting;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tests;

/// <summary>Past its exact-value limit the fitter summarizes with the quantile sketch: bounded memory, stated accuracy.</summary>
public sealed class SketchFitTests(ITestOutputHelper output)
{
    private static readonly FitterFeature[] Features =
    [
        FitterFeature.Numeric("Heavy", [FitStep.Log1p(), FitStep.Robust(10, 90)]),
        FitterFeature.Numeric("Plain", [FitStep.ZScore()]),
    ];

    [Fact]
    public void Past_the_limit_quantiles_stay_within_the_stated_rank_error_and_moments_match_the_exact_fit()
    {
        double[] heavy = Values(1, 300_000, r => Math.Exp(r.NextDouble() * 8));
        double[] plain = Values(2, 300_000, r => 1e6 + (r.NextDouble() * 10));
        Manifest exact = Fit(heavy, plain, long.MaxValue, partitions: 1);
        Manifest sketched = Fit(heavy, plain, exactLimit: 5_000, partitions: 1);
        Manifest merged = Fit(heavy, plain, exactLimit: 5_000, partitions: 7);

        double[] sortedLog = heavy.Select(NormGuard.Internal.NormMath.Log1p).Order().ToArray();
        foreach (Manifest m in new[] { sketched, merged })
        {
            var robust = (RobustStep)m.Features[0].Steps[1];
            double medianError = RankError(sortedLog, robust.Center, 0.5);
            Assert.True(medianError <= ManifestFitter.QuantileRankError, $"median rank error {medianError:P3}");

            double[] sortedHeavy = heavy.Order().ToArray();
            double worstBaseline = Enumerable.Range(1, 99).Max(p => RankError(sortedHeavy, m.Features[0].Stats!.Quantiles[p], p / 100.0));
            Assert.True(worstBaseline <= ManifestFitter.QuantileRankError, $"baseline quantile rank error {worstBaseline:P3}");
            output.WriteLine($"worst baseline quantile rank error {worstBaseline:P3} (bound {ManifestFitter.QuantileRankError:P2})");

            var zExact = (ZScoreStep)exact.Features[1].Steps[0];
            var zSketch = (ZScoreStep)m.Features[1].Steps[0];
            Assert.True(Math.Abs(zExact.Mean - zSketch.Mean) <= 1e-12 * Math.Abs(zExact.Mean));
            Assert.True(Math.Abs(zExact.Std - zSketch.Std) <= 1e-9 * zExact.Std, $"{zExact.Std:R} vs {zSketch.Std:R}");
            Assert.Equal(exact.Features[0].Stats!.Min, m.Features[0].Stats!.Min);
            Assert.Equal(exact.Features[0].Stats!.Max, m.Features[0].Stats!.Max);
            Assert.Equal(exact.Features[0].Stats!.Count, m.Features[0].Stats!.Count);
        }
    }

    [Fact]
    public void Below_the_limit_the_fit_is_exact_and_identical()
    {
        double[] heavy = Values(3, 4_000, r => Math.Exp(r.NextDouble() * 8));
        double[] plain = Values(4, 4_000, r => r.NextDouble());
        Assert.Equal(Fit(heavy, plain, long.MaxValue, 1).ToJson(), Fit(heavy, plain, 4_000, 1).ToJson());
    }

    private static Manifest Fit(double[] heavy, double[] plain, long exactLimit, int partitions)
    {
        ManifestFitter[] parts = Enumerable.Range(0, partitions)
            .Select(_ => new ManifestFitter("sketch_probe", NormalizationProfile.ScikitLearn, ManifestDType.Float64, Features, exactLimit))
            .ToArray();
        for (int i = 0; i < heavy.Length; i++)
        {
            ManifestFitter part = parts[i * partitions / heavy.Length];
            part.Value(0, heavy[i]);
            part.Value(1, plain[i]);
            part.EndRow();
        }

        for (int p = 1; p < partitions; p++)
        {
            parts[0].Merge(parts[p]);
        }

        return parts[0].ToManifest(new FitProvenance { Split = DataSplit.Train }, 1);
    }

    private static double[] Values(int seed, int n, Func<Random, double> draw)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => draw(random)).ToArray();
    }

    /// <summary>How far, as a fraction of n, the value's rank range lies from q·n.</summary>
    private static double RankError(double[] sorted, double value, double q)
    {
        int below = LowerBound(sorted, value);
        int atOrBelow = LowerBound(sorted, Math.BitIncrement(value));
        double target = q * (sorted.Length - 1);
        double distance = Math.Max(0, Math.Max(below - target, target - Math.Max(below, atOrBelow - 1)));
        return distance / sorted.Length;
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            int middle = (low + high) / 2;
            if (sorted[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
