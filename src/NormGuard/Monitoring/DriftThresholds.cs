using System;

namespace NormGuard;

/// <summary>
/// When a feature counts as drifted. A feature is drifted when any of its statistics crosses its threshold, once at
/// least <see cref="MinRows"/> live values were seen. The defaults were calibrated on the Diamonds and air-quality
/// data (docs/drift.md): no alarm on same-distribution samples of 1,000 rows; an alarm, in that feature only, for a
/// 0.5-std mean shift or a doubled spread.
/// </summary>
public sealed record DriftThresholds
{
    /// <summary>The defaults: PSI 0.25, KS at significance 0.0001, mean shift 0.25 std, missing rate ±0.05, unknown
    /// categories 1 %, at least 200 live values.</summary>
    public static DriftThresholds Default { get; } = new();

    /// <summary>Population stability index over the baseline deciles (categories for a one-hot feature). The usual
    /// bands: below 0.1 stable, 0.1 to 0.25 moderate, 0.25 and above significant.</summary>
    public double Psi { get; init; } = 0.25;

    /// <summary>The Kolmogorov–Smirnov test's significance level: drifted when the KS statistic exceeds the
    /// two-sample critical value c(α)·√((n + m)/(n·m)) for n live and m baseline values.</summary>
    public double KsSignificance { get; init; } = 0.0001;

    /// <summary>|live mean − baseline mean| in baseline standard deviations.</summary>
    public double MeanShift { get; init; } = 0.25;

    /// <summary>|live missing rate − baseline missing rate|.</summary>
    public double MissingRateChange { get; init; } = 0.05;

    /// <summary>The share of a one-hot feature's live values that are not among the manifest's categories.</summary>
    public double UnknownRate { get; init; } = 0.01;

    /// <summary>Below this many live values of a feature no verdict is given (<see cref="DriftStatus.TooFewRows"/>).</summary>
    public long MinRows { get; init; } = 200;

    /// <summary>The KS critical value for <paramref name="live"/> and <paramref name="baseline"/> values.</summary>
    public double KsCritical(long live, long baseline)
    {
        if (live <= 0 || baseline <= 0)
        {
            return double.PositiveInfinity;
        }

        double c = Math.Sqrt(-Math.Log(KsSignificance / 2) / 2);
        return c * Math.Sqrt((double)(live + baseline) / ((double)live * baseline));
    }
}
