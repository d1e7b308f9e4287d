using System;
using System.IO;
using System.Linq;
using NormGuard.Monitoring;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tests.EmbeddingMonitoring;

/// <summary>
/// Embedding drift on real embeddings: all-MiniLM-L6-v2 raw sentence vectors (384 dimensions) of Debian package
/// descriptions, made by samples/SemanticSearch (<c>embed-sets</c>; data/README.md says how the texts were chosen).
/// The baseline is 500 descriptions from all archive sections; "unchanged" is 250 further descriptions drawn the same
/// way; "shifted" is 250 descriptions from the games section.
/// <para>Expected before running (from the design, docs/drift.md "Embeddings", and a numpy look at the vectors that
/// did not use this code): unchanged — stable: the mean vectors' cosine distance (numpy: 0.019) below the
/// covariance-norm critical value (about 0.045 at 250 + 500 vectors) and the norm distribution stable; shifted —
/// drifted by the mean vector (numpy: 0.43), under the covariance-norm bound and under the trace-only bound (about
/// 0.31) alike. Half games, half unchanged (numpy: 0.15) — drifted under the covariance-norm bound.</para>
/// </summary>
public sealed class EmbeddingDriftRealDataTests(ITestOutputHelper output)
{
    private static readonly Lazy<float[][]> Baseline = new(() => Read("baseline"));
    private static readonly Lazy<float[][]> Unchanged = new(() => Read("unchanged"));
    private static readonly Lazy<float[][]> Shifted = new(() => Read("shifted"));

    [Fact]
    public void The_committed_embeddings_are_the_raw_MiniLM_vectors_of_the_three_document_sets()
    {
        Assert.Equal((500, 384), (Baseline.Value.Length, Baseline.Value[0].Length));
        Assert.Equal((250, 384), (Unchanged.Value.Length, Unchanged.Value[0].Length));
        Assert.Equal((250, 384), (Shifted.Value.Length, Shifted.Value[0].Length));

        // Raw, not unit length: the l2 step belongs to the space, and the norm distribution is the baseline's.
        Assert.True(Baseline.Value.All(v => Math.Sqrt(v.Sum(x => (double)x * x)) > 1.5));
    }

    [Fact]
    public void Unchanged_documents_raise_no_alarm()
    {
        EmbeddingDrift drift = Run(EmbeddingBaseline.Fit(Baseline.Value), Unchanged.Value);

        Assert.Equal(DriftStatus.Stable, drift.Status);
        Assert.True(drift.MeanJudged);
        Assert.Equal(EmbeddingMeanTest.LaurentMassart, drift.MeanCosineBound);
        Assert.True(drift.MeanCosineDistance < drift.MeanCosineCritical, drift.ToString());
        Assert.Equal(DriftStatus.Stable, drift.Norm.Status);
        Assert.Empty(drift.Reasons);
    }

    [Fact]
    public void Games_documents_are_caught_by_the_mean_vector()
    {
        EmbeddingDrift drift = Run(EmbeddingBaseline.Fit(Baseline.Value), Shifted.Value);

        Assert.Equal(DriftStatus.Drifted, drift.Status);
        Assert.Contains(drift.Reasons, r => r.StartsWith("mean vector: cosine distance", StringComparison.Ordinal));
        Assert.True(drift.MeanCosineDistance > drift.MeanCosineCritical, drift.ToString());
    }

    /// <summary>
    /// A producer that starts sending unit-length vectors (the package's own SentenceEncoder does: it divides by the
    /// norm) where the baseline holds raw ones. Expected: drifted by the norm distribution (every live norm 1, below
    /// the baseline's smallest, 2.09: all in the lowest bin, PSI far above 0.25), while the mean vector's direction
    /// hardly moves (the cosine distance stays below its critical value).
    /// </summary>
    [Fact]
    public void A_producer_that_starts_normalizing_is_caught_by_the_norm_distribution()
    {
        float[][] normalized = Unchanged.Value.Select(v =>
        {
            float[] unit = new float[v.Length];
            NormGuard.Internal.VectorKernels.L2Normalize(v, unit);
            return unit;
        }).ToArray();

        EmbeddingDrift drift = Run(EmbeddingBaseline.Fit(Baseline.Value), normalized);

        Assert.Equal(DriftStatus.Drifted, drift.Status);
        Assert.Equal(DriftStatus.Drifted, drift.Norm.Status);
        Assert.Equal(1.0, drift.Norm.LiveShares[0]);
        Assert.True(drift.Norm.Psi > 0.25);
        Assert.Contains(drift.Reasons, r => r.StartsWith("norm: PSI", StringComparison.Ordinal));
        Assert.DoesNotContain(drift.Reasons, r => r.StartsWith("mean vector", StringComparison.Ordinal));
    }

    /// <summary>
    /// Baseline and live vectors both unit length (what the package's own encoder returns): the norms are 1 to within
    /// float rounding, a distribution of a few tied values. Expected: unchanged documents stable (the tied grid must
    /// not raise a norm alarm by itself), games documents drifted by the mean vector.
    /// </summary>
    [Fact]
    public void Unit_length_vectors_on_both_sides_keep_the_verdicts()
    {
        EmbeddingBaseline baseline = EmbeddingBaseline.Fit(Unit(Baseline.Value));

        EmbeddingDrift unchanged = Run(baseline, Unit(Unchanged.Value));
        EmbeddingDrift shifted = Run(baseline, Unit(Shifted.Value));
        output.WriteLine($"unit length: {unchanged} | {shifted}; norm range {baseline.Norm.Min:R} – {baseline.Norm.Max:R}");

        Assert.Equal(DriftStatus.Stable, unchanged.Status);
        Assert.Equal(DriftStatus.Drifted, shifted.Status);
        Assert.Contains(shifted.Reasons, r => r.StartsWith("mean vector", StringComparison.Ordinal));
    }

    private static float[][] Unit(float[][] vectors) => vectors.Select(v =>
    {
        float[] unit = new float[v.Length];
        NormGuard.Internal.VectorKernels.L2Normalize(v, unit);
        return unit;
    }).ToArray();

    [Fact]
    public void A_baseline_with_only_the_manifest_statistics_uses_the_trace_bound_and_still_separates_the_sets()
    {
        EmbeddingBaseline fitted = EmbeddingBaseline.Fit(Baseline.Value);
        var fromManifest = new EmbeddingBaseline(fitted.Norm, fitted.MeanVector);

        EmbeddingDrift unchanged = Run(fromManifest, Unchanged.Value);
        EmbeddingDrift shifted = Run(fromManifest, Shifted.Value);
        EmbeddingDrift tight = Run(fitted, Unchanged.Value);

        Assert.Equal(EmbeddingMeanTest.SzekelyBakirov, unchanged.MeanCosineBound);
        Assert.Equal(DriftStatus.Stable, unchanged.Status);
        Assert.Equal(DriftStatus.Drifted, shifted.Status);

        // Same trace either way; the covariance norms only narrow the critical value.
        Assert.Equal(fitted.CovarianceTrace, fromManifest.CovarianceTrace);
        Assert.True(tight.MeanCosineCritical < unchanged.MeanCosineCritical);
    }

    [Fact]
    public void Mixtures_of_games_into_unchanged_documents_figures()
    {
        EmbeddingBaseline baseline = EmbeddingBaseline.Fit(Baseline.Value);
        var fromManifest = new EmbeddingBaseline(baseline.Norm, baseline.MeanVector);
        foreach (int percent in new[] { 0, 10, 20, 30, 50, 100 })
        {
            int games = 250 * percent / 100;
            float[][] window = Unchanged.Value.Take(250 - games).Concat(Shifted.Value.Take(games)).ToArray();
            EmbeddingDrift drift = Run(baseline, window);
            EmbeddingDrift trace = Run(fromManifest, window);
            output.WriteLine($"{percent,3} % games: {drift}; trace-only critical {trace.MeanCosineCritical:F4} → {trace.Status}");
            if (percent >= 50)
            {
                Assert.Equal(DriftStatus.Drifted, drift.Status);
            }
        }
    }

    /// <summary>
    /// The null on real vectors: the 750 descriptions from all sections split at random into a baseline of 500 and a
    /// live window of 250, 100 times, a baseline fitted each time. Expected: the mean-vector test at α = 0.0001 never
    /// alarms, and at α = 0.01 at most the Poisson 99.9 % point of 1 alarm (5; the bounds are conservative, so far fewer); the
    /// norm tests at most 2 alarms in all (their scalar mean-shift rule of 0.25 std, with a 500-vector baseline that
    /// is itself a sample, fires about once in 800 windows of 250 by a normal approximation).
    /// </summary>
    [Fact]
    public void Random_splits_of_the_same_documents_do_not_alarm()
    {
        float[][] pool = Baseline.Value.Concat(Unchanged.Value).ToArray();
        var random = new Random(16);
        int meanAlarmsStrict = 0, meanAlarmsLoose = 0, normAlarms = 0, splits = 100;
        double largestRatio = 0;
        for (int s = 0; s < splits; s++)
        {
            float[][] shuffled = pool.OrderBy(_ => random.Next()).ToArray();
            EmbeddingBaseline baseline = EmbeddingBaseline.Fit(shuffled.Take(500));
            float[][] live = shuffled.Skip(500).ToArray();
            EmbeddingDrift strict = Run(baseline, live);
            EmbeddingDrift loose = Run(baseline, live, EmbeddingDriftThresholds.Default with { MeanSignificance = 0.01 });
            Assert.True(strict.MeanJudged && loose.MeanJudged);
            meanAlarmsStrict += strict.MeanCosineDistance > strict.MeanCosineCritical ? 1 : 0;
            meanAlarmsLoose += loose.MeanCosineDistance > loose.MeanCosineCritical ? 1 : 0;
            normAlarms += strict.Norm.Drifted ? 1 : 0;
            largestRatio = Math.Max(largestRatio, strict.MeanCosineDistance!.Value / strict.MeanCosineCritical!.Value);
        }

        output.WriteLine($"{splits} random splits 500/250: mean-vector alarms {meanAlarmsStrict} (α = 0.0001), {meanAlarmsLoose} (α = 0.01); norm alarms {normAlarms}; largest distance / critical (α = 0.0001) {largestRatio:F3}");
        Assert.Equal(0, meanAlarmsStrict);
        long bound = Poisson.Quantile(0.01 * splits, 0.999);
        Assert.True(meanAlarmsLoose <= bound, $"{meanAlarmsLoose} alarms at α = 0.01 in {splits} splits, more than chance allows ({bound})");
        Assert.True(normAlarms <= 2, $"{normAlarms} norm alarms in {splits} splits");
    }

    private static EmbeddingDrift Run(EmbeddingBaseline baseline, float[][] live, EmbeddingDriftThresholds? thresholds = null)
    {
        var window = new EmbeddingDriftWindow("Embedding", baseline, thresholds);
        foreach (float[] vector in live)
        {
            window.Add(vector);
        }

        return window.Snapshot();
    }

    private static float[][] Read(string name) => NpyReader.ReadFloat32Rows(Path.Combine(AppContext.BaseDirectory, "Data", "embeddings", name + ".npy"));
}
