using System;
using System.Collections.Generic;

namespace NormGuard.Fitting;

/// <summary>Exact quantiles as numpy 1.24 computes them (method "linear"), over values kept in memory.</summary>
internal static class Quantiles
{
    /// <summary>The <paramref name="percent"/>-th percentile of <paramref name="sorted"/> (ascending, no NaN).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percent)
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
        return Lerp(sorted[low], sorted[high], gamma);
    }

    /// <summary>numpy.median: the middle value, or the mean of the two middle values.</summary>
    public static double Median(IReadOnlyList<double> sorted)
    {
        int n = sorted.Count;
        if (n == 0)
        {
            return double.NaN;
        }

        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2d;
    }

    // numpy's _lerp: interpolates from the nearer end, so that t = 1 gives b exactly.
    private static double Lerp(double a, double b, double t)
    {
        double difference = b - a;
        return t >= 0.5 ? b - (difference * (1d - t)) : a + (difference * t);
    }
}
