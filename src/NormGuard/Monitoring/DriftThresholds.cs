using System;
using System.Text.Json.Serialization;
using NormGuard.Serialization;

namespace NormGuard;

/// <summary>
/// When a feature counts as drifted. Each test judges a feature once it has seen enough live values to be valid: the
/// KS test and the missing and unknown-category rates from <see cref="MinTestRows"/> (20), PSI and the mean shift from
/// <see cref="MinRows"/> (200). A feature is drifted when any test that judges it crosses its threshold. The defaults
/// were calibrated on the Diamonds and air-quality data (docs/drift.md): no alarm on same-distribution samples of
/// 1,000 rows; an alarm, in that feature only, for a 0.5-std mean shift or a doubled spread; and on samples of 20 to
/// 169 rows, false alarms within the significance level, and shifts of 1.6 and 2.4 std caught (every one from 50 rows).
/// </summary>
public sealed record DriftThresholds
{
    /// <summary>The defaults: PSI 0.25, KS at significance 0.0001, mean shift 0.25 std, missing rate ±0.05, unknown
    /// categories 1 %, the rate tests at significance 0.0001; KS and rates from 20 live values, PSI and mean shift from
    /// 200.</summary>
    public static DriftThresholds Default { get; } = new();

    /// <summary>Population stability index over the baseline deciles (categories for a one-hot feature). The usual
    /// bands: below 0.1 stable, 0.1 to 0.25 moderate, 0.25 and above significant.</summary>
    [JsonConverter(typeof(JsonNaNAsNullConverter))]
    public double Psi { get; init; } = 0.25;

    /// <summary>The thresholds of vector (embedding) features (docs/drift.md, "Embeddings"); null, the default: the
    /// <see cref="EmbeddingDriftThresholds"/> defaults with these thresholds for the norm distribution.</summary>
    public EmbeddingDriftThresholds? Embeddings { get; init; }

    /// <summary>The Kolmogorov–Smirnov test's significance level: drifted when the KS statistic exceeds the
    /// two-sample critical value c(α)·√((n + m)/(n·m)) for n live and m baseline values.</summary>
    [JsonConverter(typeof(JsonNaNAsNullConverter))]
    public double KsSignificance { get; init; } = 0.0001;

    /// <summary>|live mean − baseline mean| in baseline standard deviations.</summary>
    [JsonConverter(typeof(JsonNaNAsNullConverter))]
    public double MeanShift { get; init; } = 0.25;

    /// <summary>|live missing rate − baseline missing rate|; the change must also be significant at
    /// <see cref="RateSignificance"/>.</summary>
    [JsonConverter(typeof(JsonNaNAsNullConverter))]
    public double MissingRateChange { get; init; } = 0.05;

    /// <summary>The share of a one-hot feature's live values that are not among the manifest's categories; the share
    /// must also be significant at <see cref="RateSignificance"/>.</summary>
    [JsonConverter(typeof(JsonNaNAsNullConverter))]
    public double UnknownRate { get; init; } = 0.01;

    /// <summary>The significance level of the exact tests behind the missing and unknown-category rates (Fisher's
    /// exact test of the live count against the baseline's, two-sided for missing values, one-sided for unknown
    /// categories): a rate past its threshold that chance explains at this level is not drift.</summary>
    [JsonConverter(typeof(JsonNaNAsNullConverter))]
    public double RateSignificance { get; init; } = 0.0001;

    /// <summary>Live values of a feature that PSI and the mean shift need before they judge it: below this, PSI is
    /// biased upwards and the mean's chance error is too large for a fixed threshold. The feature is judged by the
    /// tests that are valid with fewer values (see <see cref="MinTestRows"/>) and the report says that these wait.</summary>
    public long MinRows { get; init; } = 200;

    /// <summary>Live values (rows, for the missing rate) that the KS test and the missing and unknown-category rate
    /// tests need before they judge a feature (or <see cref="MinRows"/>, if that is smaller). Until every one of them
    /// that the feature has can run, it has no verdict (<see cref="DriftStatus.TooFewRows"/>) unless one that ran
    /// already shows drift. The KS critical value is valid at
    /// any size (docs/drift.md), but with 10 values it catches a 1.6-std shift only one time in four, so a "stable"
    /// from it would mean little; from 20 values it catches such a shift nearly nine times in ten.</summary>
    public long MinTestRows { get; init; } = 20;

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
