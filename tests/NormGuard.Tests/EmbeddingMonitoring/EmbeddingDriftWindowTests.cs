using System;
using System.Linq;
using NormGuard.Monitoring;
using Xunit;

namespace NormGuard.Tests.EmbeddingMonitoring;

/// <summary>What the window does with bad input, small windows and baselines that cannot decide; the covariance norms
/// and the normal quantile against independent computations.</summary>
public sealed class EmbeddingDriftWindowTests
{
    private static readonly double[] Stds = Enumerable.Repeat(0.3, 8).ToArray();
    private static readonly double[] Mean = [1, 0.5, 0.2, 0, -0.1, 0.3, 0.7, 0.4];

    [Fact]
    public void A_vector_of_the_wrong_length_or_with_a_non_finite_element_is_refused_with_the_feature_and_the_fault()
    {
        var window = new EmbeddingDriftWindow("DocEmbedding", Fit(500));

        var length = Assert.Throws<ArgumentException>(() => window.Add(new float[7]));
        Assert.Contains("'DocEmbedding': expected 8 values, found 7", length.Message, StringComparison.Ordinal);

        float[] withNaN = new float[8];
        withNaN[5] = float.NaN;
        var nan = Assert.Throws<ArgumentException>(() => window.Add(withNaN));
        Assert.Contains("element 5 is NaN", nan.Message, StringComparison.Ordinal);
        Assert.Equal(0, window.Snapshot().Vectors);
    }

    [Fact]
    public void A_small_window_has_no_verdict_and_says_what_waits()
    {
        var window = new EmbeddingDriftWindow("e", Fit(500));
        foreach (float[] v in EmbeddingDriftFalseAlarmTests.Draw(new Random(2), 49, Mean, Stds))
        {
            window.Add(v);
        }

        EmbeddingDrift drift = window.Snapshot();
        Assert.Equal(DriftStatus.TooFewRows, drift.Status);
        Assert.False(drift.MeanJudged);
        Assert.Null(drift.MeanCosineCritical);
        Assert.Contains("mean vector waits for 50 vectors; 49 seen", drift.Notes);
    }

    [Fact]
    public void A_baseline_whose_mean_is_short_against_its_spread_cannot_decide_and_never_reports_stable()
    {
        // Mean of length 0.01 against a spread of 1 per dimension: 60 vectors cannot fix the direction of the mean.
        double[] mean = Enumerable.Repeat(0.01 / Math.Sqrt(8), 8).ToArray();
        double[] stds = Enumerable.Repeat(1.0, 8).ToArray();
        var random = new Random(3);
        var window = new EmbeddingDriftWindow("e", EmbeddingBaseline.Fit(EmbeddingDriftFalseAlarmTests.Draw(random, 500, mean, stds)));
        foreach (float[] v in EmbeddingDriftFalseAlarmTests.Draw(random, 60, mean, stds))
        {
            window.Add(v);
        }

        EmbeddingDrift drift = window.Snapshot();
        Assert.NotEqual(DriftStatus.Stable, drift.Status);
        Assert.False(drift.MeanJudged);
        Assert.Contains(drift.Notes, n => n.StartsWith("mean vector cannot decide", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_vectors_count_towards_the_norms_missing_rate()
    {
        var window = new EmbeddingDriftWindow("e", Fit(500));
        foreach (float[] v in EmbeddingDriftFalseAlarmTests.Draw(new Random(4), 100, Mean, Stds))
        {
            window.Add(v);
            window.AddMissing();
        }

        // Half the rows missing where training had none: drifted by the missing rate.
        EmbeddingDrift drift = window.Snapshot();
        Assert.Equal(200, drift.Rows);
        Assert.Equal(100, drift.Vectors);
        Assert.Equal(DriftStatus.Drifted, drift.Status);
        Assert.Contains(drift.Reasons, r => r.StartsWith("norm: missing 50.0", StringComparison.Ordinal) && r.Contains("against 0.0", StringComparison.Ordinal));
    }

    [Fact]
    public void Vectors_added_from_several_threads_are_each_counted_once()
    {
        float[][] vectors = EmbeddingDriftFalseAlarmTests.Draw(new Random(9), 4000, Mean, Stds);
        var serial = new EmbeddingDriftWindow("e", Fit(500));
        foreach (float[] v in vectors)
        {
            serial.Add(v);
        }

        var shared = new EmbeddingDriftWindow("e", Fit(500));
        System.Threading.Tasks.Parallel.For(0, 4, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = 4 }, part =>
        {
            for (int i = part; i < vectors.Length; i += 4)
            {
                shared.Add(vectors[i]);
                if (i % 100 == 0)
                {
                    shared.AddMissing();
                }
            }
        });

        EmbeddingDrift one = serial.Snapshot(), many = shared.Snapshot();
        Assert.Equal((4000L, 4040L), (many.Vectors, many.Rows));
        Assert.Equal(one.Norm.LiveShares.Select(x => x * 4000), many.Norm.LiveShares.Select(x => x * 4000));
        Assert.Equal(one.MeanCosineDistance!.Value, many.MeanCosineDistance!.Value, 12);
    }

    [Fact]
    public void Reset_starts_a_new_window()
    {
        var window = new EmbeddingDriftWindow("e", Fit(500));
        foreach (float[] v in EmbeddingDriftFalseAlarmTests.Draw(new Random(6), 80, Mean, Stds))
        {
            window.Add(v);
        }

        window.Reset();
        EmbeddingDrift drift = window.Snapshot();
        Assert.Equal((0, 0), (drift.Rows, drift.Vectors));
        Assert.Null(drift.MeanCosineDistance);
        Assert.Equal(DriftStatus.TooFewRows, drift.Status);
    }

    [Fact]
    public void Baseline_statistics_that_a_manifest_could_hold_wrongly_are_refused_with_the_fault()
    {
        EmbeddingBaseline fitted = Fit(100);
        var shortGrid = new FeatureStats { Count = 100, Mean = 1, Std = 0.1, Quantiles = fitted.Norm.Quantiles.Take(100).ToArray() };
        Assert.Contains("101 percentiles", Assert.Throws<ArgumentException>(() => new EmbeddingBaseline(shortGrid, fitted.MeanVector)).Message, StringComparison.Ordinal);

        double[] badMean = fitted.MeanVector.ToArray();
        badMean[3] = double.PositiveInfinity;
        Assert.Contains("element 3 is Infinity", Assert.Throws<ArgumentException>(() => new EmbeddingBaseline(fitted.Norm, badMean)).Message, StringComparison.Ordinal);

        Assert.Contains("Vector 1: expected 8 values, found 3", Assert.Throws<ArgumentException>(() => EmbeddingBaseline.Fit([new float[8], new float[3]])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_computes_the_norm_statistics_mean_vector_and_covariance_norms_of_its_vectors()
    {
        float[][] vectors = EmbeddingDriftFalseAlarmTests.Draw(new Random(8), 40, Mean, Stds);
        EmbeddingBaseline fitted = EmbeddingBaseline.Fit(vectors.Append(null));

        double[] norms = vectors.Select(v => Math.Sqrt(v.Sum(x => (double)x * x))).OrderBy(x => x).ToArray();
        Assert.Equal((40, 1), (fitted.Count, fitted.Norm.Missing));
        // The norms differ from these in the last bit at most: VectorKernels sums the squares in another order.
        Assert.Equal(norms[0], fitted.Norm.Min!.Value, 14);
        Assert.Equal(norms[^1], fitted.Norm.Max!.Value, 14);
        Assert.Equal(norms.Average(), fitted.Norm.Mean!.Value, 12);
        Assert.Equal((norms[19] + norms[20]) / 2, fitted.Norm.Quantiles[50], 12);
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(vectors.Average(v => (double)v[i]), fitted.MeanVector[i], 12);
        }

        // The covariance written out, and the largest eigenvalue by power iteration.
        double[,] c = ExplicitCovariance(vectors, fitted.MeanVector);
        double trace = Enumerable.Range(0, 8).Sum(i => c[i, i]);
        double frobenius = Frobenius(c);
        Assert.Equal(trace, fitted.CovarianceTrace, 10);
        Assert.Equal(frobenius, fitted.CovarianceFrobeniusNorm!.Value, 10);
        double largest = LargestEigenvalue(c);
        Assert.True(fitted.CovarianceSchatten4Norm >= largest, $"Schatten-4 {fitted.CovarianceSchatten4Norm} below the largest eigenvalue {largest}");
        Assert.True(fitted.CovarianceSchatten4Norm <= frobenius);

        // Fewer vectors (5) than dimensions (24) takes the Gram matrix path: the same figures as the covariance.
        float[][] wide = vectors.Take(5).Select(v => v.Concat(v.Reverse()).Concat(v.Select(x => x * 2)).ToArray()).ToArray();
        EmbeddingBaseline gram = EmbeddingBaseline.Fit(wide);
        double[,] wideCovariance = ExplicitCovariance(wide, gram.MeanVector);
        Assert.Equal(Frobenius(wideCovariance), gram.CovarianceFrobeniusNorm!.Value, 10);
        Assert.True(gram.CovarianceSchatten4Norm >= LargestEigenvalue(wideCovariance) - 1e-9);
    }

    private static double[,] ExplicitCovariance(float[][] vectors, System.Collections.Generic.IReadOnlyList<double> mean)
    {
        int d = mean.Count;
        double[,] c = new double[d, d];
        foreach (float[] v in vectors)
        {
            for (int i = 0; i < d; i++)
            {
                for (int j = 0; j < d; j++)
                {
                    c[i, j] += (v[i] - mean[i]) * (v[j] - mean[j]) / vectors.Length;
                }
            }
        }

        return c;
    }

    private static double Frobenius(double[,] c) => Math.Sqrt(c.Cast<double>().Sum(x => x * x));

    [Theory]
    [InlineData(0.025, 1.959963984540054)]
    [InlineData(0.00005, 3.890591886413094)]
    [InlineData(0.005, 2.575829303548901)]
    public void The_normal_quantile_matches_tabulated_values(double upperTail, double z) =>
        Assert.InRange(EmbeddingMeanTest.UpperNormalQuantile(upperTail), z * (1 - 2e-9), z * (1 + 2e-9));

    private static EmbeddingBaseline Fit(int count) => EmbeddingBaseline.Fit(EmbeddingDriftFalseAlarmTests.Draw(new Random(1), count, Mean, Stds));

    private static double LargestEigenvalue(double[,] m)
    {
        int d = m.GetLength(0);
        double[] v = Enumerable.Repeat(1.0, d).ToArray();
        double lambda = 0;
        for (int iteration = 0; iteration < 5000; iteration++)
        {
            double[] next = new double[d];
            for (int i = 0; i < d; i++)
            {
                for (int j = 0; j < d; j++)
                {
                    next[i] += m[i, j] * v[j];
                }
            }

            lambda = Math.Sqrt(next.Sum(x => x * x));
            v = next.Select(x => x / lambda).ToArray();
        }

        return lambda;
    }
}
