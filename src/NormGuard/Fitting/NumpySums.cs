using System;
using System.Collections.Generic;

namespace NormGuard.Fitting;

/// <summary>
/// Sums, means and variances computed as numpy 1.24 computes them over one column, so that fits over values kept in
/// memory reproduce scikit-learn's fitted parameters bit for bit: <c>add.reduce</c> adds the pairwise sums of
/// consecutive 8,192-value blocks, and each block is summed pairwise with eight accumulators below 128 values.
/// </summary>
internal static class NumpySums
{
    private const int BlockSize = 8192;

    public static double Sum(IReadOnlyList<double> values, Func<double, double>? map = null)
    {
        double total = 0d;
        var block = new double[Math.Min(BlockSize, Math.Max(values.Count, 1))];
        for (int start = 0; start < values.Count; start += BlockSize)
        {
            int count = Math.Min(BlockSize, values.Count - start);
            for (int i = 0; i < count; i++)
            {
                block[i] = map is null ? values[start + i] : map(values[start + i]);
            }

            total += Pairwise(block, 0, count);
        }

        return total;
    }

    /// <summary>numpy.mean: the sum divided by the count.</summary>
    public static double Mean(IReadOnlyList<double> values) => Sum(values) / values.Count;

    /// <summary>
    /// scikit-learn's StandardScaler variance (<c>_incremental_mean_and_var</c>, first batch): deviations from the mean,
    /// with the sum of deviations as a correction for the mean's rounding, divided by n − ddof.
    /// </summary>
    public static double CorrectedVariance(IReadOnlyList<double> values, double mean, int ddof)
    {
        double squares = Sum(values, x => (x - mean) * (x - mean));
        double correction = Sum(values, x => x - mean);
        return (squares - (correction * correction / values.Count)) / (values.Count - ddof);
    }

    /// <summary>numpy.var: the mean of squared deviations, no correction.</summary>
    public static double Variance(IReadOnlyList<double> values, double mean, int ddof) =>
        Sum(values, x => (x - mean) * (x - mean)) / (values.Count - ddof);

    private static double Pairwise(double[] a, int start, int n)
    {
        if (n < 8)
        {
            double sum = 0d;
            for (int i = 0; i < n; i++)
            {
                sum += a[start + i];
            }

            return sum;
        }

        if (n <= 128)
        {
            double r0 = a[start], r1 = a[start + 1], r2 = a[start + 2], r3 = a[start + 3];
            double r4 = a[start + 4], r5 = a[start + 5], r6 = a[start + 6], r7 = a[start + 7];
            int i;
            for (i = 8; i < n - (n % 8); i += 8)
            {
                r0 += a[start + i];
                r1 += a[start + i + 1];
                r2 += a[start + i + 2];
                r3 += a[start + i + 3];
                r4 += a[start + i + 4];
                r5 += a[start + i + 5];
                r6 += a[start + i + 6];
                r7 += a[start + i + 7];
            }

            double result = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++)
            {
                result += a[start + i];
            }

            return result;
        }

        int half = n / 2;
        half -= half % 8;
        return Pairwise(a, start, half) + Pairwise(a, start + half, n - half);
    }
}
