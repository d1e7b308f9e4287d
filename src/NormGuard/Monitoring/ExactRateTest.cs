using System;

namespace NormGuard.Monitoring;

/// <summary>
/// Fisher's exact test of a count in the live rows (missing values, unknown categories) against the same count in
/// the training rows. Under "no drift" both come from one rate, and given the total count the live share of it is
/// hypergeometric, whatever the rate and at any sample size; so one missing value in ten rows is judged against the
/// chance of it, not as a 10 % rate. It treats the baseline as a sample too, so a small training set is not taken as
/// knowing its rate exactly.
/// </summary>
internal static class ExactRateTest
{
    private const int TableSize = 1024;

    private static readonly double[] SmallLogFactorials = LogFactorialTable();

    /// <summary>The two-sided p-value (twice the smaller tail, at most 1) for <paramref name="live"/> of
    /// <paramref name="liveRows"/> against <paramref name="baseline"/> of <paramref name="baselineRows"/>; a p-value
    /// above <paramref name="alpha"/> may be returned as any value above it, since the tail stops being summed there.</summary>
    public static double TwoSided(long live, long liveRows, long baseline, long baselineRows, double alpha)
    {
        int direction = LiveShareAbove(live, liveRows, baseline, baselineRows);
        double tail = direction > 0 ? UpperTail(live, liveRows, baseline, baselineRows, alpha / 2)
            : direction < 0 ? UpperTail(liveRows - live, liveRows, baselineRows - baseline, baselineRows, alpha / 2)
            : 0.5;
        return Math.Min(1, 2 * tail);
    }

    /// <summary>The one-sided p-value for a live share above the baseline's (1 when it is not above); as
    /// <see cref="TwoSided"/>, values above <paramref name="alpha"/> are not exact.</summary>
    public static double Greater(long live, long liveRows, long baseline, long baselineRows, double alpha) =>
        LiveShareAbove(live, liveRows, baseline, baselineRows) > 0 ? UpperTail(live, liveRows, baseline, baselineRows, alpha) : 1;

    /// <summary>The sign of live/liveRows − baseline/baselineRows, compared exactly (the products may pass 2⁶³).</summary>
    private static int LiveShareAbove(long live, long liveRows, long baseline, long baselineRows) =>
        ((Int128)live * baselineRows).CompareTo((Int128)baseline * liveRows);

    /// <summary>
    /// P(X ≥ k) for X the live count, hypergeometric: N = n + nb rows, K = k + kb counted, n drawn. Only called with the
    /// live share above the baseline's, so k is above the mean and the terms from k on do not increase: summed until
    /// they no longer add anything, or stopped once the sum passes <paramref name="stopAbove"/>.
    /// </summary>
    private static double UpperTail(long k, long n, long kb, long nb, double stopAbove)
    {
        long total = n + nb, counted = k + kb, last = Math.Min(n, counted);
        double logFirst = LogChoose(counted, k) + LogChoose(total - counted, n - k) - LogChoose(total, n);
        double term = Math.Exp(logFirst), sum = term;
        for (long x = k; x < last && sum <= stopAbove; x++)
        {
            term *= (double)(counted - x) * (n - x) / ((double)(x + 1) * (total - counted - n + x + 1));
            sum += term;
            if (term <= sum * 1e-17)
            {
                break;
            }
        }

        return sum;
    }

    private static double LogChoose(long n, long k) => LogFactorial(n) - LogFactorial(k) - LogFactorial(n - k);

    /// <summary>ln n!: a table below 1,024, Stirling's series above (its next term is below 1e-23 there).</summary>
    private static double LogFactorial(long n)
    {
        if (n < TableSize)
        {
            return SmallLogFactorials[n];
        }

        double x = n, inverse = 1 / x, inverse2 = inverse * inverse;
        return (x * Math.Log(x)) - x + (0.5 * Math.Log(2 * Math.PI * x)) + (inverse * ((1d / 12) - (inverse2 * ((1d / 360) - (inverse2 / 1260)))));
    }

    private static double[] LogFactorialTable()
    {
        double[] table = new double[TableSize];
        for (int i = 2; i < table.Length; i++)
        {
            table[i] = table[i - 1] + Math.Log(i);
        }

        return table;
    }
}
