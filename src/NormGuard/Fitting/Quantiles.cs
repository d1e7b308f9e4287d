using System;
using System.Collections.Generic;

namespace NormGuard.Fitting;

/// <summary>
/// Exact quantiles as numpy 1.24 computes them (method "linear": interpolate from the nearer neighbour, so that
/// gamma = 1 gives the upper value exactly), over values kept in memory.
/// </summary>
internal static class Quantiles
{
    /// <summary>The <paramref name="percent"/>-th percentile of <paramref name="sorted"/> (ascending, no NaN).</summary>
    /// <param name="sorted">The values, ascending.</param>
    /// <param name="percent">0 to 100.</param>
    /// <param name="float32">The values are float32 (a float32 pipeline): numpy subtracts the neighbours in float32.</param>
    public static double Percentile(IReadOnlyList<double> sorted, double percent, bool float32 = false)
    {
        int n = sorted.Count;
        if (n == 0)
        {
            return double.NaN;
        }

        double index = percent / 100d * (n - 1);
        double previous = Math.Floor(index);
        int low = (int)Math.Min(Math.Max(previous, 0d), n - 1);
        int high = Math.Min(low + 1, n - 1);
        double gamma = index - previous;
        double a = sorted[low], b = sorted[high];
        double difference = float32 ? (float)(b - a) : b - a;
        return gamma >= 0.5 ? b - (difference * (1d - gamma)) : a + (difference * gamma);
    }

    /// <summary>
    /// Spark's QuantileSummaries.query on a summary that holds every value (below its compression threshold): no
    /// interpolation, the value at rank ceil(q·n); within the relative error of either end, the end itself.
    /// </summary>
    public static double Spark(IReadOnlyList<double> sorted, double q, double relativeError = 0.001)
    {
        int n = sorted.Count;
        if (n == 0)
        {
            return double.NaN;
        }

        if (q <= relativeError)
        {
            return sorted[0];
        }

        if (q >= 1 - relativeError)
        {
            return sorted[n - 1];
        }

        long rank = (long)Math.Ceiling(q * n);
        return sorted[(int)Math.Clamp(rank - 1, 0, n - 1)];
    }

    /// <summary>numpy.median: the middle value, or the mean of the two middle values.</summary>
    /// <param name="sorted">The values, ascending.</param>
    /// <param name="float32">numpy averages float32 values in float32.</param>
    public static double Median(IReadOnlyList<double> sorted, bool float32 = false)
    {
        int n = sorted.Count;
        if (n == 0)
        {
            return double.NaN;
        }

        if (n % 2 == 1)
        {
            return sorted[n / 2];
        }

        double a = sorted[(n / 2) - 1], b = sorted[n / 2];
        return float32 ? (float)((float)(a + b) / 2f) : (a + b) / 2d;
    }
}
