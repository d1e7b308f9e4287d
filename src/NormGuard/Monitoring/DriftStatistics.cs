using System;
using System.Collections.Generic;
using System.Globalization;

namespace NormGuard.Monitoring;

/// <summary>Turns a feature's counters into its <see cref="FeatureDrift"/>: PSI, KS, mean shift, rates and the verdict.</summary>
internal static class DriftStatistics
{
    // PSI's logarithm needs non-zero shares: an empty bin counts as 0.01 % (the usual practice).
    private const double ShareFloor = 1e-4;

    public static FeatureDrift Compute(FeatureBaseline baseline, ReadOnlySpan<long> counters, double sum, double sumOfSquares, DriftThresholds thresholds)
    {
        ReadOnlySpan<long> bins = counters.Slice(baseline.CounterOffset, baseline.Bins);
        long values = 0;
        foreach (long count in bins)
        {
            values += count;
        }

        long missing = counters[baseline.MissingCounter];
        long rows = values + missing;
        double[] liveShares = new double[bins.Length];
        for (int b = 0; b < bins.Length; b++)
        {
            liveShares[b] = values == 0 ? 0 : (double)bins[b] / values;
        }

        double psi = baseline.HasDistribution && values > 0 ? Psi(baseline, liveShares) : double.NaN;
        double? ks = !baseline.IsCategorical && baseline.HasDistribution && values > 0 ? Ks(baseline, bins, values) : null;
        double? ksCritical = ks is null ? null : thresholds.KsCritical(values, baseline.BaselineValues) + baseline.KsGridTolerance;
        double? liveMean = null, liveStd = null, meanShift = null;
        if (!baseline.IsCategorical && values > 0)
        {
            double meanOffset = sum / values;
            liveMean = baseline.Center + meanOffset;
            liveStd = Math.Sqrt(Math.Max(0, (sumOfSquares / values) - (meanOffset * meanOffset)));
            if (baseline.Mean is double mean && baseline.Std is double std && std > 0)
            {
                meanShift = (liveMean.Value - mean) / std;
            }
        }

        double liveMissingRate = rows == 0 ? 0 : (double)missing / rows;
        double unknownRate = baseline.IsCategorical && values > 0 ? liveShares[^1] : 0;
        var reasons = new List<string>();
        DriftStatus status;
        if (!baseline.HasDistribution && baseline.Mean is null && baseline.BaselineValues == 0)
        {
            status = DriftStatus.NoBaseline;
        }
        else if (rows < thresholds.MinRows)
        {
            status = DriftStatus.TooFewRows;
        }
        else
        {
            if (Math.Abs(liveMissingRate - baseline.BaselineMissingRate) >= thresholds.MissingRateChange)
            {
                reasons.Add(Format($"missing {liveMissingRate:P1} against {baseline.BaselineMissingRate:P1} in training (change ≥ {thresholds.MissingRateChange:P0})"));
            }

            if (values >= thresholds.MinRows)
            {
                if (psi >= thresholds.Psi)
                {
                    reasons.Add(Format($"PSI {psi:F3} ≥ {thresholds.Psi:G}"));
                }

                if (ks is double k && ksCritical is double critical && k > critical)
                {
                    // Enough digits that the two figures differ as printed.
                    string digits = Format($"{k:F3}") == Format($"{critical:F3}") ? "F4" : "F3";
                    reasons.Add(Format($"KS {k.ToString(digits, CultureInfo.InvariantCulture)} > {critical.ToString(digits, CultureInfo.InvariantCulture)} (α = {thresholds.KsSignificance:G}, {values:N0} values)"));
                }

                if (meanShift is double shift && !(Math.Abs(shift) < thresholds.MeanShift))
                {
                    reasons.Add(Format($"mean shift {shift:+0.000;-0.000} std (|shift| ≥ {thresholds.MeanShift:G})"));
                }

                if (baseline.IsCategorical && unknownRate >= thresholds.UnknownRate)
                {
                    reasons.Add(Format($"unknown categories {unknownRate:P1} ≥ {thresholds.UnknownRate:P1}"));
                }
            }

            status = reasons.Count > 0 ? DriftStatus.Drifted : DriftStatus.Stable;
        }

        return new FeatureDrift
        {
            Name = baseline.Name,
            IsCategorical = baseline.IsCategorical,
            Status = status,
            Rows = rows,
            Psi = psi,
            Ks = ks,
            KsCritical = ksCritical,
            MeanShift = meanShift,
            BaselineMean = baseline.Mean,
            LiveMean = liveMean,
            BaselineStd = baseline.Std,
            LiveStd = liveStd,
            BaselineMissingRate = baseline.BaselineMissingRate,
            LiveMissingRate = liveMissingRate,
            UnknownRate = unknownRate,
            Reasons = reasons,
            BinLabels = baseline.Labels,
            BinEdges = baseline.Edges,
            BaselineShares = baseline.BaselineShares,
            LiveShares = liveShares,
        };
    }

    /// <summary>Σ (live − baseline) · ln(live / baseline) over the deciles (pairs of the 20 bins) or the categories.</summary>
    private static double Psi(FeatureBaseline baseline, double[] live)
    {
        int step = baseline.IsCategorical ? 1 : 2;
        double psi = 0;
        for (int b = 0; b < live.Length; b += step)
        {
            double a = live[b], e = baseline.BaselineShares[b];
            if (step == 2)
            {
                a += live[b + 1];
                e += baseline.BaselineShares[b + 1];
            }

            a = Math.Max(a, ShareFloor);
            e = Math.Max(e, ShareFloor);
            psi += (a - e) * Math.Log(a / e);
        }

        return psi;
    }

    /// <summary>The largest gap between the cumulative distributions at the 19 edges.</summary>
    private static double Ks(FeatureBaseline baseline, ReadOnlySpan<long> bins, long values)
    {
        double ks = 0;
        long cumulative = 0;
        for (int i = 0; i < baseline.BaselineCdf.Length; i++)
        {
            cumulative += bins[i];
            ks = Math.Max(ks, Math.Abs(((double)cumulative / values) - baseline.BaselineCdf[i]));
        }

        return ks;
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
