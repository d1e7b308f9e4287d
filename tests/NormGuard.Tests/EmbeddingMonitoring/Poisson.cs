using System;

namespace NormGuard.Tests.EmbeddingMonitoring;

internal static class Poisson
{
    /// <summary>The smallest c with P(X ≤ c) ≥ <paramref name="level"/> for X ~ Poisson(<paramref name="mean"/>).</summary>
    public static long Quantile(double mean, double level)
    {
        double term = Math.Exp(-mean), cumulative = term;
        long c = 0;
        while (cumulative < level)
        {
            c++;
            term *= mean / c;
            cumulative += term;
        }

        return c;
    }
}
