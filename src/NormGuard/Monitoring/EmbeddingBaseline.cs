using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NormGuard.Fitting;
using NormGuard.Internal;
using NormGuard.Monitoring;

namespace NormGuard;

/// <summary>
/// The training baseline of an embedding feature, for drift monitoring (docs/drift.md, "Embeddings"): the
/// distribution of the raw vectors' Euclidean norms, as a scalar feature's <c>stats</c> (count, missing, min, max,
/// mean, population std and the 101 percentiles), and their mean vector — what a manifest's vector feature holds under
/// <c>stats.norm</c> and <c>stats.meanVector</c>. Optionally, two figures of the vectors' covariance that let the
/// mean-vector test use a tighter critical value (<see cref="CovarianceFrobeniusNorm"/>,
/// <see cref="CovarianceSchatten4Norm"/>); <see cref="Fit"/> computes them, and a fitted manifest carries them as
/// <c>stats.covarianceFrobenius</c> and <c>stats.covarianceSchatten4</c> (<see cref="FeatureStats.CovarianceFrobeniusNorm"/>).
/// </summary>
public sealed class EmbeddingBaseline
{
    /// <summary>A baseline from a manifest's statistics.</summary>
    /// <param name="norm">The norm distribution: <see cref="FeatureStats.Count"/> &gt; 0, mean, std and 101 ascending
    /// finite percentiles.</param>
    /// <param name="meanVector">The mean of the raw vectors, one finite value per dimension.</param>
    /// <param name="covarianceFrobeniusNorm">√tr(Σ²) of the vectors' covariance Σ (population), or null.</param>
    /// <param name="covarianceSchatten4Norm">(tr Σ⁴)^¼, an upper bound of Σ's largest eigenvalue, or null; given
    /// together with <paramref name="covarianceFrobeniusNorm"/>.</param>
    /// <exception cref="ArgumentException">A statistic is missing, not finite, or inconsistent (named in the message).</exception>
    public EmbeddingBaseline(FeatureStats norm, IReadOnlyList<double> meanVector, double? covarianceFrobeniusNorm = null, double? covarianceSchatten4Norm = null)
    {
        Norm = norm ?? throw new ArgumentNullException(nameof(norm));
        MeanVector = meanVector?.ToArray() ?? throw new ArgumentNullException(nameof(meanVector));
        if (norm.Count <= 0 || norm.Mean is not double mean || norm.Std is not double std || !double.IsFinite(mean) || !double.IsFinite(std) || std < 0)
        {
            throw new ArgumentException($"The norm statistics need a count above 0 and a finite mean and std (found count {norm.Count}, mean {Show(norm.Mean)}, std {Show(norm.Std)}).", nameof(norm));
        }

        if (norm.Quantiles.Count != 101 || norm.Quantiles.Any(q => !double.IsFinite(q)) || norm.Quantiles.Zip(norm.Quantiles.Skip(1), (a, b) => b < a).Any(descending => descending))
        {
            throw new ArgumentException($"The norm statistics need the 101 percentiles 0, 1, …, 100, finite and ascending (found {norm.Quantiles.Count} values).", nameof(norm));
        }

        if (MeanVector.Count == 0)
        {
            throw new ArgumentException("The mean vector is empty.", nameof(meanVector));
        }

        for (int i = 0; i < MeanVector.Count; i++)
        {
            if (!double.IsFinite(MeanVector[i]))
            {
                throw new ArgumentException($"The mean vector's element {i} is {Show(MeanVector[i])}, not a finite number.", nameof(meanVector));
            }
        }

        if (covarianceFrobeniusNorm.HasValue != covarianceSchatten4Norm.HasValue
            || covarianceFrobeniusNorm is double f && !(f >= 0 && double.IsFinite(f))
            || covarianceSchatten4Norm is double s && !(s >= 0 && double.IsFinite(s))
            || covarianceSchatten4Norm > covarianceFrobeniusNorm)
        {
            throw new ArgumentException($"The covariance figures come as a pair of finite values ≥ 0, Schatten-4 at most Frobenius (found Frobenius {Show(covarianceFrobeniusNorm)}, Schatten-4 {Show(covarianceSchatten4Norm)}).", nameof(covarianceFrobeniusNorm));
        }

        CovarianceFrobeniusNorm = covarianceFrobeniusNorm;
        CovarianceSchatten4Norm = covarianceSchatten4Norm;
        double squaredLength = 0;
        foreach (double m in MeanVector)
        {
            squaredLength += m * m;
        }

        MeanVectorLength = Math.Sqrt(squaredLength);

        // E‖x‖² = E‖x − μ‖² + ‖μ‖², and E‖x‖² = mean² + std² of the norms (population std): the covariance trace
        // follows from what a manifest holds. Rounding can make it slightly negative for near-identical vectors.
        CovarianceTrace = Math.Max(0, (mean * mean) + (std * std) - squaredLength);
    }

    /// <summary>The raw vectors' norms: count, missing vectors, min, max, mean, population std, percentiles.</summary>
    public FeatureStats Norm { get; }

    public IReadOnlyList<double> MeanVector { get; }

    public int Dimension => MeanVector.Count;

    /// <summary>Vectors the baseline was fitted on (missing ones not counted).</summary>
    public long Count => Norm.Count;

    /// <summary>‖mean vector‖.</summary>
    public double MeanVectorLength { get; }

    /// <summary>tr Σ = E‖x − μ‖², the total variance of the vectors: mean² + std² of the norms − ‖μ‖².</summary>
    public double CovarianceTrace { get; }

    /// <summary>√tr(Σ²), or null when the baseline came from a manifest without it (the trace-only bound is used).</summary>
    public double? CovarianceFrobeniusNorm { get; }

    /// <summary>(tr Σ⁴)^¼, never below Σ's largest eigenvalue nor above <see cref="CovarianceFrobeniusNorm"/>; null when
    /// the baseline came from a manifest without it.</summary>
    public double? CovarianceSchatten4Norm { get; }

    /// <summary>
    /// Fits a baseline on raw vectors (a null entry is a missing vector): the norm statistics as the scalar fitter
    /// computes a feature's (numpy's sums, population std, linear-interpolation percentiles), the mean vector, and
    /// the two covariance figures. Holds every vector while it runs; the covariance work is about
    /// k²·max(n, d) + k³ multiply-adds for k = min(n, d), n vectors of dimension d.
    /// </summary>
    /// <exception cref="ArgumentException">No vectors, vectors of different lengths, or a non-finite element
    /// (the message names the vector's index and the element's).</exception>
    public static EmbeddingBaseline Fit(IEnumerable<float[]?> vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        var present = new List<float[]>();
        long missing = 0;
        int index = 0;
        foreach (float[]? vector in vectors)
        {
            if (vector is null)
            {
                missing++;
            }
            else
            {
                RequireVector(vector, present.Count == 0 ? vector.Length : present[0].Length, index);
                present.Add(vector);
            }

            index++;
        }

        if (present.Count == 0)
        {
            throw new ArgumentException($"No vectors to fit an embedding baseline on ({missing} missing).", nameof(vectors));
        }

        int d = present[0].Length;
        double[] norms = present.Select(v => Math.Sqrt(VectorKernels.SumOfSquares(v))).ToArray();
        double[] sorted = norms.OrderBy(n => n).ToArray();
        double normMean = NumpySums.Mean(norms);
        var stats = new FeatureStats
        {
            Count = present.Count,
            Missing = missing,
            Min = sorted[0],
            Max = sorted[^1],
            Mean = normMean,
            Std = Math.Sqrt(NumpySums.Variance(norms, normMean, ddof: 0)),
            Quantiles = Enumerable.Range(0, 101).Select(p => Quantiles.Percentile(sorted, p)).ToArray(),
        };

        double[] meanVector = new double[d];
        foreach (float[] vector in present)
        {
            for (int i = 0; i < d; i++)
            {
                meanVector[i] += vector[i];
            }
        }

        for (int i = 0; i < d; i++)
        {
            meanVector[i] /= present.Count;
        }

        (double frobenius, double schatten4) = EmbeddingCovariance.Norms(present, meanVector);
        return new EmbeddingBaseline(stats, meanVector, frobenius, schatten4);
    }

    internal static void RequireVector(ReadOnlySpan<float> vector, int dimension, long index)
    {
        if (vector.Length != dimension)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Vector {index}: expected {dimension} values, found {vector.Length}."));
        }

        for (int i = 0; i < vector.Length; i++)
        {
            if (!float.IsFinite(vector[i]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Vector {index}: element {i} is {vector[i]}, not a finite number."));
            }
        }
    }

    private static string Show(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "none";
}
