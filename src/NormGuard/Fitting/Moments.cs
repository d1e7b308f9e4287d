using System;

namespace NormGuard.Fitting;

/// <summary>
/// Count, mean and sum of squared deviations, updated one value at a time (Welford) and merged across partitions
/// (Chan, Golub and LeVeque), so that partial fits combine to what one pass over all rows gives.
/// </summary>
internal struct Moments
{
    public long Count;
    public double Mean;
    public double M2;
    public double Min;
    public double Max;
    public double MaxAbs;

    public void Add(double value)
    {
        if (Count == 0)
        {
            Min = Max = value;
        }
        else
        {
            Min = Math.Min(Min, value);
            Max = Math.Max(Max, value);
        }

        MaxAbs = Math.Max(MaxAbs, Math.Abs(value));
        Count++;
        double delta = value - Mean;
        Mean += delta / Count;
        M2 += delta * (value - Mean);
    }

    public void Merge(in Moments other)
    {
        if (other.Count == 0)
        {
            return;
        }

        if (Count == 0)
        {
            this = other;
            return;
        }

        long count = Count + other.Count;
        double delta = other.Mean - Mean;
        Mean += delta * ((double)other.Count / count);
        M2 += other.M2 + (delta * delta * ((double)Count * other.Count / count));
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
        MaxAbs = Math.Max(MaxAbs, other.MaxAbs);
        Count = count;
    }

    /// <summary>Variance with <paramref name="ddof"/> delta degrees of freedom (0: population, 1: sample).</summary>
    public readonly double Variance(int ddof) => Count - ddof > 0 ? Math.Max(0d, M2 / (Count - ddof)) : 0d;
}
