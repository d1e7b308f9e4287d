using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NormGuard.Internal;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tests.Adaptive;

/// <summary>
/// The adaptive normalizer freezes on a sudden shift before its parameters follow it, and still adapts to slow drift,
/// on recorded streams of the real Diamonds data with the default options. All figures are counts of rows.
/// </summary>
/// <remarks>
/// Expectations, written before the detector first ran on these streams: the CUSUM (allowance k = 0.25, threshold
/// h = 50) needs about h/(δ − k) rows for a shift of δ stds, so 200 for 0.5, 67 for 1, 45 for carat doubled (≈1.4
/// stds), 29 for 2; with noise the bounds asserted are 600, 200, 150 and 100 rows. The parameters move only at steps
/// (every 1,000 rows) and then by the decayed mean's progress, 1 − 2^(−n/10,000) of the jump after n rows (7 % at
/// most before a detection within 1,000 rows), so the fraction followed is asserted ≤ 10 % (0 when the jump starts
/// on a step boundary and is caught within 1,000 rows). The unchanged stream and the slow drift freeze nothing.
/// </remarks>
public sealed class AdaptiveJumpTests(ITestOutputHelper output)
{
    private const int Before = 20_000;

    public static TheoryData<string, double, int, int> Jumps => new()
    {
        // feature, shift in baseline stds, rows after the last step boundary at which the jump starts, most rows to detect
        { "carat", 0.5, 0, 600 },
        { "carat", 1, 0, 200 },
        { "carat", 2, 0, 100 },
        { "carat", 0.5, 900, 600 },
        { "carat", 1, 900, 200 },
        { "carat", 2, 900, 100 },
        { "depth", 1, 0, 200 },
        { "depth", 0.5, 900, 600 },
        { "table", 1, 500, 200 },
    };

    [Theory]
    [MemberData(nameof(Jumps))]
    public void Jump_FreezesBeforeFollowingATenthOfIt(string feature, double shiftStd, int offset, int mostRows)
    {
        JumpFigures figures = MeasureJump(feature, shiftStd, offset, seed: 42);
        Assert.Equal(AdaptiveAlertKind.Jump, figures.Kind);
        Assert.InRange(figures.DelayRows, 1, mostRows);
        Assert.True(figures.FractionFollowed <= 0.10, $"{feature} +{shiftStd} std: the parameters followed {figures.FractionFollowed:P1} of the jump before freezing");
        Assert.Equal(0, figures.OtherAlerts);
        if (offset == 0 && figures.DelayRows < 1_000)
        {
            // No step happened between the jump and the freeze: nothing was followed at all.
            Assert.Equal(0, figures.FractionFollowed);
        }
    }

    [Fact]
    public void CaratDoubled_AsInTheIssue_FreezesBeforeFollowingATenthOfIt()
    {
        // Today's scenario: 20,000 normal rows, then carat × 2 (≈1.4 baseline stds in log1p space): it froze 19,000
        // rows later after following 71 % of the jump.
        DiamondRow[] stream = DiamondStreams.Unchanged(Before + 20_000, seed: 7);
        for (int i = Before; i < stream.Length; i++)
        {
            stream[i] = stream[i] with { Carat = stream[i].Carat * 2 };
        }

        var adaptive = new AdaptiveNormalizer<DiamondRow>();
        var alerts = Record(adaptive);
        adaptive.Observe(stream.AsSpan(0, Before));
        double centerAtJump = Mean(adaptive, "carat");
        adaptive.Observe(stream.AsSpan(Before));

        AdaptiveAlert alert = Assert.Single(alerts);
        Assert.Equal("carat", alert.Feature);
        Assert.Equal(AdaptiveAlertKind.Jump, alert.Kind);
        Assert.InRange(alert.Rows - Before, 1, 150);
        double jump = stream.Skip(Before).Average(r => NormMath.Log1p(r.Carat)) - stream.Skip(Before).Average(r => NormMath.Log1p(r.Carat / 2));
        Assert.True((Mean(adaptive, "carat") - centerAtJump) / jump <= 0.10);
        Assert.Contains("sudden rise", alert.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void UnchangedStream_FreezesNothing()
    {
        // Four passes over the data in four shuffles: 215,760 rows with every default.
        var adaptive = new AdaptiveNormalizer<DiamondRow>();
        var alerts = Record(adaptive);
        adaptive.Observe(DiamondStreams.Unchanged(4 * 53_940, seed: 100));
        Assert.Empty(alerts);
        Assert.False(adaptive.IsFrozen);
    }

    [Theory]
    [InlineData("carat", 0.8)]
    [InlineData("depth", -0.8)]
    public void SlowDrift_Adapts_AndFreezesNothing(string feature, double totalStd)
    {
        // 0.8 std over 100,000 rows after 20,000 normal ones. The decayed mean lags a ramp of r stds a row by
        // r·H/ln 2 = 0.115 std, and the parameters follow within a step of it.
        DiamondRow[] stream = DiamondStreams.Ramp(Before, 100_000, feature, totalStd, seed: 5);
        var adaptive = new AdaptiveNormalizer<DiamondRow>();
        var alerts = Record(adaptive);
        adaptive.Observe(stream);

        Assert.Empty(alerts);
        double std = DiamondStreams.Std(feature);
        double moved = (Mean(adaptive, feature) - DiamondStreams.Mean(feature)) / std;
        Assert.InRange(moved / totalStd, 0.75, 0.95);
    }

    /// <summary>The table in docs/adaptive-normalization.md; run with <c>--logger "console;verbosity=detailed"</c>.</summary>
    [Fact]
    public void JumpFigures_Table()
    {
        var lines = new List<string> { "| feature | jump (baseline stds) | starts at | detected after (rows) | fraction followed | other features frozen |", "| --- | --- | --- | --- | --- | --- |" };
        foreach (object[] row in Jumps)
        {
            var (feature, shift, offset) = ((string)row[0], (double)row[1], (int)row[2]);
            foreach (int seed in new[] { 42, 43, 44 })
            {
                JumpFigures f = MeasureJump(feature, shift, offset, seed);
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"| {feature} | {shift} | row {Before + offset:N0} (seed {seed}) | {f.DelayRows} | {f.FractionFollowed:P2} | {f.OtherAlerts} |"));
                Assert.True(f.FractionFollowed <= 0.10);
            }
        }

        // Below the detector's allowance (JumpShiftStd/2 = 0.25 std) a shift is adapted to like drift; just above it,
        // detection is slow and the steps may follow part of it first. Reported, not asserted: this is the documented limit.
        foreach (double shift in new[] { 0.25, 0.3, 0.4 })
        {
            foreach (int seed in new[] { 42, 43, 44 })
            {
                JumpFigures f = MeasureJump("carat", shift, 0, seed, mustDetect: false);
                string delay = f.DelayRows < 0 ? "not in 20,000 rows" : f.DelayRows.ToString("N0", CultureInfo.InvariantCulture);
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"| carat | {shift} | row {Before:N0} (seed {seed}) | {delay} | {f.FractionFollowed:P2} | {f.OtherAlerts} |"));
            }
        }

        // The same streams with the detector off: the freeze thresholds alone, which is how the normalizer behaved
        // before (carat doubled: frozen 19,000 rows late, 71 % followed).
        foreach (double shift in new[] { 0.5, 1.0, 1.4, 2.0 })
        {
            JumpFigures f = MeasureJump("carat", shift, 0, 42, mustDetect: false, new AdaptiveOptions { JumpThreshold = double.PositiveInfinity });
            string delay = f.DelayRows < 0 ? "not in 20,000 rows" : f.DelayRows.ToString("N0", CultureInfo.InvariantCulture);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"| carat, detector off | {shift} | row {Before:N0} (seed 42) | {delay} | {f.FractionFollowed:P2} | {f.OtherAlerts} |"));
        }

        foreach (string line in lines)
        {
            output.WriteLine(line);
        }
    }

    private static JumpFigures MeasureJump(string feature, double shiftStd, int offset, int seed, bool mustDetect = true, AdaptiveOptions? options = null)
    {
        int start = Before + offset;
        DiamondRow[] stream = DiamondStreams.Jump(start, 20_000, feature, shiftStd, seed);
        var adaptive = new AdaptiveNormalizer<DiamondRow>(options);
        var alerts = Record(adaptive);
        adaptive.Observe(stream.AsSpan(0, start));
        Assert.Empty(alerts);
        double centerAtJump = Mean(adaptive, feature);
        adaptive.Observe(stream.AsSpan(start));

        AdaptiveAlert? alert = alerts.FirstOrDefault(a => a.Feature == feature);
        if (mustDetect)
        {
            Assert.NotNull(alert);
        }

        // Frozen: the parameters at the freeze; never detected: where the 20,000 rows took them.
        double followed = (Mean(adaptive, feature) - centerAtJump) / (shiftStd * DiamondStreams.Std(feature));
        return new JumpFigures(alert?.Kind ?? AdaptiveAlertKind.Threshold, alert is null ? -1 : alert.Rows - start, followed, alerts.Count(a => a.Feature != feature));
    }

    private static double Mean(AdaptiveNormalizer<DiamondRow> adaptive, string feature) =>
        ((ZScoreStep)adaptive.Features.Single(f => f.Feature == feature).Step).Mean;

    private static List<AdaptiveAlert> Record<T>(AdaptiveNormalizer<T> adaptive)
        where T : INormalizable<T>
    {
        var alerts = new List<AdaptiveAlert>();
        adaptive.Alert += (_, alert) => alerts.Add(alert);
        return alerts;
    }

    private sealed record JumpFigures(AdaptiveAlertKind Kind, long DelayRows, double FractionFollowed, int OtherAlerts);
}
