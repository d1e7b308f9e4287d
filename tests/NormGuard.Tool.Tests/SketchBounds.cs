using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NormGuard.Fitting;

namespace NormGuard.Tool.Tests;

/// <summary>
/// The documented bounds of a merge of partials that carry sketches (docs/distributed-fit.md), checked against the exact
/// fit and the exact training values: counts, missing counts, min, max and one-hot categories equal; mean and std (the
/// stats' and the z-score step's) within <see cref="MomentRelativeBound"/> relative; each of the 101 stats quantiles and
/// a robust step's center within the sketch's rank bound: the value's rank interval [#(x &lt; v), #(x ≤ v)] lies within
/// ε·n + 1 of the position q·(n − 1) that numpy's percentile interpolates at, ε = <see cref="ManifestFitter.QuantileRankError"/>.
/// </summary>
internal static class SketchBounds
{
    /// <summary>Chosen before measuring: Chan's combination of Welford moments against numpy's pairwise sums.</summary>
    public const double MomentRelativeBound = 1e-10;

    /// <summary>The largest errors seen by <see cref="Violations"/>, for the log.</summary>
    internal sealed class Worst
    {
        public double Moment;
        public double Rank;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"max relative mean/std difference {Moment:E2}, max quantile rank error {Rank:P3} of n");
    }

    /// <summary>Every way <paramref name="merged"/> breaks the bounds; empty when it keeps them.</summary>
    public static List<string> Violations(Manifest merged, Manifest exact, IReadOnlyDictionary<string, double[]> sortedValues, Worst? worst = null)
    {
        var problems = new List<string>();
        foreach (FeatureManifest e in exact.Features)
        {
            FeatureManifest m = merged.Features.Single(f => f.Name == e.Name);
            FeatureStats es = e.Stats!, ms = m.Stats!;
            if (ms.Count != es.Count || ms.Missing != es.Missing || ms.Min != es.Min || ms.Max != es.Max)
            {
                problems.Add($"{e.Name}: count/missing/min/max {ms.Count}/{ms.Missing}/{ms.Min}/{ms.Max} instead of {es.Count}/{es.Missing}/{es.Min}/{es.Max}");
            }

            if (e.Steps.OfType<OneHotStep>().SingleOrDefault() is { } oneHot)
            {
                if (!oneHot.Categories.SequenceEqual(m.Steps.OfType<OneHotStep>().Single().Categories) || !es.CategoryCounts.SequenceEqual(ms.CategoryCounts))
                {
                    problems.Add($"{e.Name}: other categories or category counts");
                }

                continue;
            }

            Moment(problems, worst, e.Name + " stats mean", ms.Mean!.Value, es.Mean!.Value);
            Moment(problems, worst, e.Name + " stats std", ms.Std!.Value, es.Std!.Value);
            if (e.Steps.OfType<ZScoreStep>().SingleOrDefault() is { } z)
            {
                ZScoreStep mz = m.Steps.OfType<ZScoreStep>().Single();
                Moment(problems, worst, e.Name + " zscore mean", mz.Mean, z.Mean);
                Moment(problems, worst, e.Name + " zscore std", mz.Std, z.Std);
            }

            double[] values = sortedValues[e.Name];
            for (int p = 0; p <= 100; p++)
            {
                Rank(problems, worst, $"{e.Name} quantile {p}", values, ms.Quantiles[p], p / 100d);
            }

            if (m.Steps.OfType<RobustStep>().SingleOrDefault() is { } robust && !m.Steps.OfType<Log1pStep>().Any())
            {
                Rank(problems, worst, $"{e.Name} robust center", values, robust.Center, 0.5);
            }
        }

        return problems;
    }

    private static void Moment(List<string> problems, Worst? worst, string what, double merged, double exact)
    {
        double relative = merged == exact ? 0d : Math.Abs(merged - exact) / Math.Abs(exact);
        if (worst is not null)
        {
            worst.Moment = Math.Max(worst.Moment, relative);
        }

        if (!(relative <= MomentRelativeBound))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{what}: {merged:R} vs exact {exact:R}, relative {relative:E2} > {MomentRelativeBound:E0}"));
        }
    }

    private static void Rank(List<string> problems, Worst? worst, string what, double[] sorted, double value, double q)
    {
        long n = sorted.Length;
        long below = LowerBound(sorted, value), atOrBelow = UpperBound(sorted, value);
        double target = q * (n - 1);
        double error = Math.Max(0d, Math.Max(below - target, target - atOrBelow));
        if (worst is not null)
        {
            worst.Rank = Math.Max(worst.Rank, error / n);
        }

        double allowed = (ManifestFitter.QuantileRankError * n) + 1;
        if (error > allowed)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{what}: {value:R} has ranks {below}..{atOrBelow} of {n}, {error:F0} from {target:F1} (allowed {allowed:F0})"));
        }
    }

    private static long LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static long UpperBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
