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
        long unknown = baseline.IsCategorical ? bins[^1] : 0;
        double unknownRate = baseline.IsCategorical && values > 0 ? liveShares[^1] : 0;

        // Each test judges once it has the values it needs to be valid; the rest wait (docs/drift.md, "Verdicts, and what a small window can say").
        DriftTests applicable = Applicable(baseline);
        long testMinimum = Math.Min(thresholds.MinTestRows, thresholds.MinRows);
        DriftTests judged = DriftTests.None;
        judged |= rows >= testMinimum && rows > 0 ? DriftTests.MissingRate : DriftTests.None;
        judged |= values >= testMinimum && values > 0 ? DriftTests.Ks | DriftTests.UnknownRate : DriftTests.None;
        judged |= values >= thresholds.MinRows && values > 0 ? DriftTests.Psi | DriftTests.MeanShift : DriftTests.None;
        judged &= applicable;

        var reasons = new List<string>();
        if (judged.HasFlag(DriftTests.MissingRate) && Math.Abs(liveMissingRate - baseline.BaselineMissingRate) >= thresholds.MissingRateChange)
        {
            double p = ExactRateTest.TwoSided(missing, rows, baseline.BaselineMissing, baseline.BaselineRows, thresholds.RateSignificance);
            if (p <= thresholds.RateSignificance)
            {
                reasons.Add(Format($"missing {liveMissingRate:P1} against {baseline.BaselineMissingRate:P1} in training (change ≥ {thresholds.MissingRateChange:P0}; exact test {PValue(p)} ≤ {thresholds.RateSignificance:G})"));
            }
        }

        if (judged.HasFlag(DriftTests.Psi) && psi >= thresholds.Psi)
        {
            reasons.Add(Format($"PSI {psi:F3} ≥ {thresholds.Psi:G}"));
        }

        if (judged.HasFlag(DriftTests.Ks) && ks is double k && ksCritical is double critical && k > critical)
        {
            // Enough digits that the two figures differ as printed.
            string digits = Format($"{k:F3}") == Format($"{critical:F3}") ? "F4" : "F3";
            reasons.Add(Format($"KS {k.ToString(digits, CultureInfo.InvariantCulture)} > {critical.ToString(digits, CultureInfo.InvariantCulture)} (α = {thresholds.KsSignificance:G}, {values:N0} values)"));
        }

        if (judged.HasFlag(DriftTests.MeanShift) && meanShift is double shift && !(Math.Abs(shift) < thresholds.MeanShift))
        {
            reasons.Add(Format($"mean shift {shift:+0.000;-0.000} std (|shift| ≥ {thresholds.MeanShift:G})"));
        }

        if (judged.HasFlag(DriftTests.UnknownRate) && unknownRate >= thresholds.UnknownRate)
        {
            // The training data has no unknown category: its categories are the values it held.
            double p = ExactRateTest.Greater(unknown, values, 0, baseline.BaselineValues, thresholds.RateSignificance);
            if (p <= thresholds.RateSignificance)
            {
                reasons.Add(Format($"unknown categories {unknownRate:P1} ≥ {thresholds.UnknownRate:P1} (exact test {PValue(p)} ≤ {thresholds.RateSignificance:G})"));
            }
        }

        // Drift shown by any test counts at once. "Stable" needs every small-sample test the feature has: a numeric
        // feature with 25 rows of which 15 are values has had its missing rate judged, but a stable missing rate says
        // nothing about where its values lie, so it has no verdict until KS runs too. Only PSI and the mean shift may
        // still wait.
        DriftTests waiting = applicable & ~judged;
        DriftStatus status = applicable == DriftTests.None ? DriftStatus.NoBaseline
            : reasons.Count > 0 ? DriftStatus.Drifted
            : (waiting & SmallSampleTests) != DriftTests.None ? DriftStatus.TooFewRows
            : DriftStatus.Stable;

        return new FeatureDrift
        {
            Name = baseline.Name,
            IsCategorical = baseline.IsCategorical,
            Status = status,
            Judged = judged,
            Waiting = waiting,
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
            Notes = status == DriftStatus.NoBaseline ? [NoBaselineNote] : WaitingNotes(waiting, rows, values, testMinimum, thresholds.MinRows),
            BinLabels = baseline.Labels,
            BinEdges = baseline.Edges,
            BaselineShares = baseline.BaselineShares,
            LiveShares = liveShares,
        };
    }

    /// <summary>The tests that are valid from <see cref="DriftThresholds.MinTestRows"/> values: a verdict needs all of
    /// those that apply.</summary>
    private const DriftTests SmallSampleTests = DriftTests.Ks | DriftTests.MissingRate | DriftTests.UnknownRate;

    private const string NoBaselineNote = "no training baseline (stats) in the manifest: no test can run";

    /// <summary>The tests this feature's baseline allows: every one needs the baseline's counterpart of its figure.</summary>
    private static DriftTests Applicable(FeatureBaseline baseline)
    {
        DriftTests tests = DriftTests.None;
        tests |= baseline.BaselineRows > 0 ? DriftTests.MissingRate : DriftTests.None;
        tests |= baseline.HasDistribution ? DriftTests.Psi : DriftTests.None;
        tests |= baseline.HasDistribution && !baseline.IsCategorical ? DriftTests.Ks : DriftTests.None;
        tests |= !baseline.IsCategorical && baseline.Mean is not null && baseline.Std is > 0 ? DriftTests.MeanShift : DriftTests.None;
        tests |= baseline.IsCategorical && baseline.BaselineValues > 0 ? DriftTests.UnknownRate : DriftTests.None;
        return tests;
    }

    /// <summary>One line per group of waiting tests: "PSI and mean shift wait for 200 rows; 169 seen". Values and rows
    /// are the same count when nothing is missing, and then one word does for both.</summary>
    private static string[] WaitingNotes(DriftTests waiting, long rows, long values, long testMinimum, long minRows)
    {
        var notes = new List<string>();
        if (rows == values)
        {
            Add(waiting & (DriftTests.Ks | DriftTests.MissingRate | DriftTests.UnknownRate), testMinimum, "rows", rows);
        }
        else
        {
            Add(waiting & DriftTests.MissingRate, testMinimum, "rows", rows);
            Add(waiting & (DriftTests.Ks | DriftTests.UnknownRate), testMinimum, "values", values);
        }

        Add(waiting & (DriftTests.Psi | DriftTests.MeanShift), minRows, rows == values ? "rows" : "values", values);
        return notes.ToArray();

        void Add(DriftTests tests, long needed, string unit, long seen)
        {
            if (tests != DriftTests.None)
            {
                string[] names = Names(tests);
                string verb = names.Length == 1 ? "waits" : "wait";
                notes.Add(Format($"{Join(names)} {verb} for {needed:N0} {unit}; {seen:N0} seen"));
            }
        }
    }

    /// <summary>The tests by the names the reports use, in a fixed order.</summary>
    public static string[] Names(DriftTests tests)
    {
        var names = new List<string>();
        foreach ((DriftTests test, string name) in TestNames)
        {
            if (tests.HasFlag(test))
            {
                names.Add(name);
            }
        }

        return names.ToArray();
    }

    private static readonly (DriftTests Test, string Name)[] TestNames =
    [
        (DriftTests.Psi, "PSI"), (DriftTests.Ks, "KS"), (DriftTests.MeanShift, "mean shift"), (DriftTests.MissingRate, "missing rate"), (DriftTests.UnknownRate, "unknown rate"),
    ];

    private static string Join(string[] names) =>
        names.Length <= 1 ? string.Concat(names) : string.Join(", ", names[..^1]) + " and " + names[^1];

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

    /// <summary>"p = 4.2E-08"; below double's range the sum is 0, which is only known to be tiny.</summary>
    private static string PValue(double p) => p < 1e-300 ? "p < 1E-300" : Format($"p = {p:G2}");

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
