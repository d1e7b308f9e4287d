using System;
using System.Linq;
using NormGuard.Monitoring;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tests.EmbeddingMonitoring;

/// <summary>
/// The mean-vector test's false-alarm rate, counted over many independent synthetic resamples (no timing): Gaussian
/// vectors of dimension 64 with a known mean and covariance, a baseline fitted on m of them, a live window of n more
/// from the same distribution. Each trial draws a fresh baseline and window.
/// <para>Expected before running: at α = 0.01, at most the Poisson 99.9 % point of α × trials alarms, for both
/// critical values (covariance norms, and trace only), for a spread-out spectrum and for the trace bound's worst case
/// (nearly all variance in one direction); both bounds are conservative, so the counts should be well below α.
/// The same data judged against a critical value that omits the tail (the null's expected distance, where about
/// half the windows fall above) must alarm far more often than the bound allows — so the assertion would fail a
/// statistic whose critical value ignored the sampling noise's spread.</para>
/// </summary>
public sealed class EmbeddingDriftFalseAlarmTests(ITestOutputHelper output)
{
    private const int Dimension = 64;

    [Theory]
    [InlineData("spread", 50, 200)]
    [InlineData("spread", 250, 500)]
    [InlineData("one direction", 50, 200)]
    [InlineData("one direction", 250, 500)]
    public void Same_distribution_windows_alarm_at_most_at_the_significance_level(string spectrum, int live, int baselineCount)
    {
        const int trials = 600;
        const double alpha = 0.01;
        double[] stds = Enumerable.Range(0, Dimension).Select(i => spectrum == "spread" ? 1 / Math.Sqrt(i + 1) : i == 0 ? 3.0 : 0.05).ToArray();
        double[] mean = Enumerable.Range(0, Dimension).Select(i => 0.5 + (0.01 * i)).ToArray();
        var random = new Random(live * 7 + baselineCount + spectrum.Length);
        var thresholds = EmbeddingDriftThresholds.Default with { MeanSignificance = alpha };
        int alarmsNorms = 0, alarmsTrace = 0, aboveNullMean = 0;
        for (int t = 0; t < trials; t++)
        {
            float[][] baselineVectors = Draw(random, baselineCount, mean, stds);
            float[][] window = Draw(random, live, mean, stds);
            EmbeddingBaseline fitted = EmbeddingBaseline.Fit(baselineVectors);
            EmbeddingDrift withNorms = Judge(fitted, window, thresholds);
            EmbeddingDrift traceOnly = Judge(new EmbeddingBaseline(fitted.Norm, fitted.MeanVector), window, thresholds);
            Assert.True(withNorms.MeanJudged && traceOnly.MeanJudged, withNorms + " | " + traceOnly);
            alarmsNorms += withNorms.MeanCosineDistance > withNorms.MeanCosineCritical ? 1 : 0;
            alarmsTrace += traceOnly.MeanCosineDistance > traceOnly.MeanCosineCritical ? 1 : 0;

            // A broken critical value: the null's expected distance, tr Σ (1/n + 1/m) / (2 ‖μ‖²), no tail allowance.
            double expected = fitted.CovarianceTrace * ((1d / live) + (1d / baselineCount)) / (2 * fitted.MeanVectorLength * fitted.MeanVectorLength);
            aboveNullMean += withNorms.MeanCosineDistance > expected ? 1 : 0;
        }

        long bound = Poisson.Quantile(alpha * trials, 0.999);
        output.WriteLine($"{spectrum}, n = {live}, m = {baselineCount}: {alarmsNorms} alarms (covariance norms), {alarmsTrace} (trace only) in {trials} trials at α = {alpha}; chance allows {bound}; above the null's mean: {aboveNullMean}");
        Assert.True(alarmsNorms <= bound, $"{alarmsNorms} alarms with the covariance norms, more than {bound}");
        Assert.True(alarmsTrace <= bound, $"{alarmsTrace} alarms with the trace only, more than {bound}");
        Assert.True(aboveNullMean > bound, $"the check cannot tell a broken critical value: only {aboveNullMean} windows above the null's mean");
    }

    [Fact]
    public void A_shift_of_the_mean_along_a_low_variance_direction_is_caught()
    {
        // Expected: turning the mean (one unit out of dimension 1 into dimension 2, about 12° of a mean of length 6.6;
        // cosine distance about 0.02 against a critical value of about 0.002 at 250 + 500 vectors) is caught by the
        // mean-vector test in every trial.
        double[] stds = Enumerable.Range(0, Dimension).Select(i => 1 / Math.Sqrt(i + 1)).ToArray();
        double[] mean = Enumerable.Range(0, Dimension).Select(i => 0.5 + (0.01 * i)).ToArray();
        double[] moved = (double[])mean.Clone();
        moved[1] -= 1.0;
        moved[2] += 1.0;
        var random = new Random(5);
        int caught = 0;
        for (int t = 0; t < 50; t++)
        {
            EmbeddingDrift drift = Judge(EmbeddingBaseline.Fit(Draw(random, 500, mean, stds)), Draw(random, 250, moved, stds), EmbeddingDriftThresholds.Default);
            caught += drift.Drifted && drift.Reasons.Any(r => r.StartsWith("mean vector", StringComparison.Ordinal)) ? 1 : 0;
        }

        output.WriteLine($"mean moved by (0, −1, +1, 0, …): caught {caught} of 50");
        Assert.Equal(50, caught);
    }

    internal static EmbeddingDrift Judge(EmbeddingBaseline baseline, float[][] window, EmbeddingDriftThresholds thresholds)
    {
        var monitor = new EmbeddingDriftWindow("v", baseline, thresholds);
        foreach (float[] vector in window)
        {
            monitor.Add(vector);
        }

        return monitor.Snapshot();
    }

    internal static float[][] Draw(Random random, int count, double[] mean, double[] stds)
    {
        var rows = new float[count][];
        for (int r = 0; r < count; r++)
        {
            rows[r] = new float[mean.Length];
            for (int i = 0; i < mean.Length; i++)
            {
                rows[r][i] = (float)(mean[i] + (stds[i] * Normal(random)));
            }
        }

        return rows;
    }

    private static double Normal(Random random)
    {
        double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
