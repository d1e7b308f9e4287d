using System;
using System.Collections.Generic;
using System.Numerics;

namespace NormGuard.Fitting;

/// <summary>
/// Count, mean vector and the d×d co-moment matrix C = Σ (x − μ)(x − μ)ᵀ of a vector feature's raw vectors, in float64,
/// for the two covariance norms of a manifest's <c>stats</c> (Σ = C / n, population): √tr(Σ²) and (tr Σ⁴)^¼. Built
/// exactly from kept rows (two passes: the mean, then the products of the deviations summed row after row, as
/// <c>np.cov(X, rowvar=False, bias=True)</c> computes them), updated one vector at a time (Welford) once the rows are
/// summarized, and merged across partitions (Chan, Golub and LeVeque), like the per-dimension <see cref="Moments"/>.
/// </summary>
/// <remarks>
/// Cost: d² doubles (1536 dimensions: 19 MB); n·d²/2 multiply-adds to accumulate (the upper triangle), and d³/2 for
/// tr Σ⁴ = ‖Σ²‖²_F (one symmetric matrix product, blocked so that a block of rows stays in cache: 384 dimensions
/// about 28 million, 1536 about 1.8 billion). Every sum runs in a fixed order on every machine, so the same rows give
/// the same bits whatever the instruction set.
/// </remarks>
internal sealed class CoMoments
{
    /// <summary>The widest vector whose co-moments are kept: d² doubles is 512 MB at 8,192 dimensions. A wider vector
    /// feature gets no covariance norms (drift then uses the trace-only bound).</summary>
    public const int MaxDimension = 8192;

    private const int Block = 16;
    private readonly int _dimension;
    private readonly double[] _mean;
    private readonly double[] _comoment;
    private readonly double[] _delta;

    public CoMoments(int dimension)
    {
        if (dimension > MaxDimension)
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"co-moments are kept up to {MaxDimension} dimensions");
        }

        _dimension = dimension;
        _mean = new double[dimension];
        _comoment = new double[(long)dimension * dimension];
        _delta = new double[dimension];
    }

    public long Count { get; private set; }

    /// <summary>The exact co-moments of rows kept as float32, row-major, <paramref name="dimension"/> values each.</summary>
    public static CoMoments FromRows(IReadOnlyList<float> rows, int dimension)
    {
        var result = new CoMoments(dimension);
        int n = rows.Count / dimension;
        result.Count = n;
        if (n == 0)
        {
            return result;
        }

        // The mean as the fitter's per-dimension statistics compute it: float64 sums in row order, then one division.
        double[] mean = result._mean;
        for (int r = 0; r < n; r++)
        {
            for (int j = 0; j < dimension; j++)
            {
                mean[j] += rows[(r * dimension) + j];
            }
        }

        for (int j = 0; j < dimension; j++)
        {
            mean[j] /= n;
        }

        double[] deviation = result._delta;
        for (int r = 0; r < n; r++)
        {
            for (int j = 0; j < dimension; j++)
            {
                deviation[j] = rows[(r * dimension) + j] - mean[j];
            }

            result.AddOuter(deviation, 1d);
        }

        return result;
    }

    /// <summary>The mean vector the co-moments are taken about (a copy).</summary>
    internal double[] MeanVector() => (double[])_mean.Clone();

    /// <summary>The upper triangle of C, row after row (d(d + 1)/2 values): all a partial fit file needs, C being symmetric.</summary>
    internal double[] UpperTriangle()
    {
        int d = _dimension;
        var upper = new double[((long)d * (d + 1)) / 2];
        long k = 0;
        for (int i = 0; i < d; i++)
        {
            _comoment.AsSpan((int)((long)i * d) + i, d - i).CopyTo(upper.AsSpan((int)k));
            k += d - i;
        }

        return upper;
    }

    /// <summary>Co-moments saved by <see cref="UpperTriangle"/> and <see cref="MeanVector"/> (a partial fit read back).</summary>
    internal static CoMoments FromState(int dimension, long count, double[] mean, double[] upper)
    {
        if (mean.Length != dimension || upper.LongLength != ((long)dimension * (dimension + 1)) / 2 || count < 0)
        {
            throw new FormatException(FormattableString.Invariant($"co-moments of {dimension} dimensions need {dimension} means and {((long)dimension * (dimension + 1)) / 2} co-moments, found {mean.Length} and {upper.LongLength}"));
        }

        var result = new CoMoments(dimension) { Count = count };
        mean.CopyTo(result._mean, 0);
        long k = 0;
        for (int i = 0; i < dimension; i++)
        {
            if (!(upper[k] >= 0))
            {
                throw new FormatException(FormattableString.Invariant($"co-moment ({i}, {i}) is {upper[k]}: a sum of squares is never negative"));
            }

            upper.AsSpan((int)k, dimension - i).CopyTo(result._comoment.AsSpan((int)((long)i * dimension) + i));
            k += dimension - i;
        }

        return result;
    }

    /// <summary>One more vector (Welford): C += (n − 1)/n · δδᵀ with δ = x − μ before the update.</summary>
    public void Add(ReadOnlySpan<float> vector)
    {
        Count++;
        double[] delta = _delta;
        for (int j = 0; j < _dimension; j++)
        {
            delta[j] = vector[j] - _mean[j];
            _mean[j] += delta[j] / Count;
        }

        AddOuter(delta, (Count - 1d) / Count);
    }

    /// <summary>Adds another partition: C = C_a + C_b + δδᵀ · n_a n_b / n, δ = μ_b − μ_a.</summary>
    public void Merge(CoMoments other)
    {
        if (other.Count == 0)
        {
            return;
        }

        long count = Count + other.Count;
        double[] delta = _delta;
        for (int j = 0; j < _dimension; j++)
        {
            delta[j] = other._mean[j] - _mean[j];
        }

        double weight = (double)Count * other.Count / count;
        for (int i = 0; i < _dimension; i++)
        {
            for (int j = i; j < _dimension; j++)
            {
                long at = ((long)i * _dimension) + j;
                _comoment[at] += other._comoment[at] + (delta[i] * delta[j] * weight);
            }
        }

        for (int j = 0; j < _dimension; j++)
        {
            _mean[j] += delta[j] * ((double)other.Count / count);
        }

        Count = count;
    }

    /// <summary>
    /// ‖Σ‖_F = √tr(Σ²) and ‖Σ‖_S4 = (tr Σ⁴)^¼ of the population covariance, or nulls without vectors. The Schatten-4
    /// norm is at most the Frobenius norm (equal for a covariance of rank one); rounding could put it an ulp above, so it
    /// is capped at it, which the manifest reader requires.
    /// </summary>
    public (double? Frobenius, double? Schatten4) Norms()
    {
        if (Count == 0)
        {
            return (null, null);
        }

        int d = _dimension;

        // Σ in full (the mirror of the upper triangle), scaled by 1/‖Σ‖_F so that the fourth powers neither overflow nor underflow.
        double[] sigma = new double[(long)d * d];
        double squares = 0;
        for (int i = 0; i < d; i++)
        {
            for (int j = i; j < d; j++)
            {
                double value = _comoment[((long)i * d) + j] / Count;
                sigma[((long)i * d) + j] = value;
                sigma[((long)j * d) + i] = value;
                squares += (i == j ? 1d : 2d) * value * value;
            }
        }

        double frobenius = Math.Sqrt(squares);
        if (frobenius == 0)
        {
            return (0d, 0d);
        }

        for (long k = 0; k < sigma.LongLength; k++)
        {
            sigma[k] /= frobenius;
        }

        // tr Σ⁴ = ‖Σ²‖²_F, and for symmetric Σ the entry (i, j) of Σ² is row i · row j: the upper triangle, blocked by rows.
        double fourth = 0;
        for (int start = 0; start < d; start += Block)
        {
            int end = Math.Min(d, start + Block);
            for (int j = start; j < d; j++)
            {
                ReadOnlySpan<double> rowJ = sigma.AsSpan((int)((long)j * d), d);
                for (int i = start; i < end && i <= j; i++)
                {
                    double entry = Dot(sigma.AsSpan((int)((long)i * d), d), rowJ);
                    fourth += (i == j ? 1d : 2d) * entry * entry;
                }
            }
        }

        double schatten4 = frobenius * Math.Sqrt(Math.Sqrt(fourth));
        return (frobenius, Math.Min(schatten4, frobenius));
    }

    // The upper triangle of C += scale · v vᵀ; each entry is its own sum, so the lanes of a SIMD vector change no result.
    private void AddOuter(double[] v, double scale)
    {
        int d = _dimension;
        for (int i = 0; i < d; i++)
        {
            double factor = v[i] * scale;
            Span<double> row = _comoment.AsSpan((int)((long)i * d) + i, d - i);
            ReadOnlySpan<double> tail = v.AsSpan(i);
            int j = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var f = new Vector<double>(factor);
                for (; j <= tail.Length - Vector<double>.Count; j += Vector<double>.Count)
                {
                    (new Vector<double>(row[j..]) + (f * new Vector<double>(tail[j..]))).CopyTo(row[j..]);
                }
            }

            for (; j < tail.Length; j++)
            {
                row[j] += factor * tail[j];
            }
        }
    }

    // Four running sums in a fixed interleave, added in a fixed order: the same bits on every machine.
    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = 0;
        for (; k <= a.Length - 4; k += 4)
        {
            s0 += a[k] * b[k];
            s1 += a[k + 1] * b[k + 1];
            s2 += a[k + 2] * b[k + 2];
            s3 += a[k + 3] * b[k + 3];
        }

        for (; k < a.Length; k++)
        {
            s0 += a[k] * b[k];
        }

        return (s0 + s1) + (s2 + s3);
    }
}
