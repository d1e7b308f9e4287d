using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using NormGuard.Serialization;

namespace NormGuard;

/// <summary>The usual population-stability bands.</summary>
public enum PsiBand
{
    /// <summary>PSI below 0.1.</summary>
    Stable,

    /// <summary>PSI from 0.1 to 0.25.</summary>
    Moderate,

    /// <summary>PSI of 0.25 or more.</summary>
    Significant,
}

/// <summary>A feature's verdict.</summary>
public enum DriftStatus
{
    /// <summary>Every test the feature has ran and is within its threshold, except PSI and the mean shift, which may
    /// still wait for <see cref="DriftThresholds.MinRows"/> values (see <see cref="FeatureDrift.Waiting"/>).</summary>
    Stable,

    /// <summary>At least one test that ran crossed its threshold (see <see cref="FeatureDrift.Reasons"/>), even if others
    /// still wait.</summary>
    Drifted,

    /// <summary>No verdict yet, and no drift seen: a test that every verdict needs (KS, the missing or unknown rate, as
    /// the feature has them) waits for <see cref="DriftThresholds.MinTestRows"/> live values (none at all, for
    /// instance, or 15 values in 20 rows). <see cref="FeatureDrift.Notes"/> says what it waits for.</summary>
    TooFewRows,

    /// <summary>No verdict: the manifest holds no training baseline (<c>stats</c>) for this feature, so no test can
    /// ever run.</summary>
    NoBaseline,
}

/// <summary>The tests behind a feature's verdict.</summary>
[Flags]
public enum DriftTests
{
    None = 0,

    /// <summary>Population stability index; from <see cref="DriftThresholds.MinRows"/> values.</summary>
    Psi = 1,

    /// <summary>Two-sample Kolmogorov–Smirnov test (numeric features); from <see cref="DriftThresholds.MinTestRows"/> values.</summary>
    Ks = 2,

    /// <summary>Mean shift in baseline standard deviations (numeric features); from <see cref="DriftThresholds.MinRows"/> values.</summary>
    MeanShift = 4,

    /// <summary>Missing rate against the baseline's; from <see cref="DriftThresholds.MinTestRows"/> rows.</summary>
    MissingRate = 8,

    /// <summary>Share of values that are not a category (one-hot features); from <see cref="DriftThresholds.MinTestRows"/> values.</summary>
    UnknownRate = 16,
}

/// <summary>One feature's live distribution against its training baseline.</summary>
public sealed class FeatureDrift
{
    public required string Name { get; init; }

    /// <summary>True for a one-hot feature: its bins are its categories, then "unknown".</summary>
    public bool IsCategorical { get; init; }

    public DriftStatus Status { get; init; }

    public bool Drifted => Status == DriftStatus.Drifted;

    /// <summary>True when the feature was judged (<see cref="DriftStatus.Stable"/> or <see cref="DriftStatus.Drifted"/>).</summary>
    public bool HasVerdict => Status is DriftStatus.Stable or DriftStatus.Drifted;

    /// <summary>The tests that judged the feature: those its baseline allows that have enough live values.</summary>
    public DriftTests Judged { get; init; }

    /// <summary>The tests its baseline allows that wait for more live values (PSI and the mean shift below
    /// <see cref="DriftThresholds.MinRows"/> values, for instance); <see cref="Notes"/> says how many.</summary>
    public DriftTests Waiting { get; init; }

    /// <summary>Live rows seen for this feature, missing ones included.</summary>
    public long Rows { get; init; }

    /// <summary>Population stability index (NaN without a baseline or live values). Computed from any number of values,
    /// but it judges the feature only from <see cref="DriftThresholds.MinRows"/> values (see <see cref="Judged"/>).</summary>
    [JsonConverter(typeof(JsonNaNAsNullConverter))]
    public double Psi { get; init; } = double.NaN;

    public PsiBand PsiBand => Psi >= 0.25 ? PsiBand.Significant : Psi >= 0.1 ? PsiBand.Moderate : PsiBand.Stable;

    /// <summary>Largest gap between the live and baseline cumulative distributions at the baseline's 5 %, 10 %, …, 95 %
    /// quantiles; null for a one-hot feature.</summary>
    [JsonConverter(typeof(JsonNullableNaNAsNullConverter))]
    public double? Ks { get; init; }

    /// <summary>The KS value above which this feature counts as drifted, for its number of live values: the
    /// two-sample critical value, plus 0.01 when the baseline has tied values (its CDF is known to one percentile).</summary>
    [JsonConverter(typeof(JsonNullableNaNAsNullConverter))]
    public double? KsCritical { get; init; }

    /// <summary>(live mean − baseline mean) / baseline std; null for a one-hot feature or without a baseline std.</summary>
    [JsonConverter(typeof(JsonNullableNaNAsNullConverter))]
    public double? MeanShift { get; init; }

    [JsonConverter(typeof(JsonNullableNaNAsNullConverter))]
    public double? BaselineMean { get; init; }

    [JsonConverter(typeof(JsonNullableNaNAsNullConverter))]
    public double? LiveMean { get; init; }

    [JsonConverter(typeof(JsonNullableNaNAsNullConverter))]
    public double? BaselineStd { get; init; }

    [JsonConverter(typeof(JsonNullableNaNAsNullConverter))]
    public double? LiveStd { get; init; }

    [JsonConverter(typeof(JsonNaNAsNullConverter))]
    public double BaselineMissingRate { get; init; }

    [JsonConverter(typeof(JsonNaNAsNullConverter))]
    public double LiveMissingRate { get; init; }

    /// <summary>The share of live values not among the categories (one-hot features; 0 otherwise).</summary>
    [JsonConverter(typeof(JsonNaNAsNullConverter))]
    public double UnknownRate { get; init; }

    /// <summary>Why the feature counts as drifted, one line per crossed threshold.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = Array.Empty<string>();

    /// <summary>What the verdict did not cover: tests waiting for more values ("PSI and mean shift wait for 200 values;
    /// 169 seen"), or why there is no verdict.</summary>
    public IReadOnlyList<string> Notes { get; init; } = Array.Empty<string>();

    /// <summary>Bin labels: "≤ 0.42", "0.42 – 0.5", …, "> 3.1" for a numeric feature; the categories, then
    /// "(unknown)", for a one-hot feature.</summary>
    public IReadOnlyList<string> BinLabels { get; init; } = Array.Empty<string>();

    /// <summary>The interior bin edges of a numeric feature (the baseline's 5 %, …, 95 % quantiles).</summary>
    [JsonConverter(typeof(JsonNaNAsNullListConverter))]
    public IReadOnlyList<double> BinEdges { get; init; } = Array.Empty<double>();

    /// <summary>The baseline's share of values in each bin.</summary>
    [JsonConverter(typeof(JsonNaNAsNullListConverter))]
    public IReadOnlyList<double> BaselineShares { get; init; } = Array.Empty<double>();

    /// <summary>The live share of (non-missing) values in each bin.</summary>
    [JsonConverter(typeof(JsonNaNAsNullListConverter))]
    public IReadOnlyList<double> LiveShares { get; init; } = Array.Empty<double>();

    public override string ToString() =>
        $"{Name}: {Status}, PSI {Psi:F3}" + (Ks is double ks ? $", KS {ks:F3}" : string.Empty) + (MeanShift is double shift ? $", mean shift {shift:+0.00;-0.00} std" : string.Empty);
}

/// <summary>The verdict of a whole report.</summary>
public enum DriftVerdict
{
    /// <summary>Every feature was judged and none drifted.</summary>
    Stable,

    /// <summary>At least one feature drifted (others may lack a verdict).</summary>
    Drifted,

    /// <summary>No feature drifted, but some have no verdict (too few rows, or no baseline): not a clean bill.</summary>
    Incomplete,

    /// <summary>No feature could be judged: no test could run on any of them.</summary>
    NoVerdict,
}

/// <summary>A snapshot of a monitor: every scalar feature of the manifest in <see cref="Features"/>, every vector
/// feature in <see cref="Embeddings"/>, each in manifest order.</summary>
public sealed class DriftReport
{
    public required string FeatureSet { get; init; }

    public int Version { get; init; }

    /// <summary>Live rows in the monitor's current window (<see cref="DriftMonitorOptions.Window"/>); with no window, every
    /// row since the monitor was created or last reset.</summary>
    public long Rows { get; init; }

    public required DriftThresholds Thresholds { get; init; }

    /// <summary>The scalar features.</summary>
    public required IReadOnlyList<FeatureDrift> Features { get; init; }

    /// <summary>The vector (embedding) features: the norm distribution and the mean vector's cosine distance
    /// (docs/drift.md, "Embeddings"); empty for a feature set of scalars only.</summary>
    public IReadOnlyList<EmbeddingDrift> Embeddings { get; init; } = Array.Empty<EmbeddingDrift>();

    /// <summary>A scalar or a vector feature drifted.</summary>
    public bool AnyDrifted => Features.Any(f => f.Drifted) || Embeddings.Any(e => e.Drifted);

    /// <summary>The report as a whole, over scalar and vector features alike: drifted when any feature drifted;
    /// otherwise stable only when every feature was judged, incomplete when some were not, and no verdict when none
    /// was. Only <see cref="DriftVerdict.Stable"/> means "checked, and no drift".</summary>
    public DriftVerdict Verdict =>
        AnyDrifted ? DriftVerdict.Drifted
        : Features.All(f => f.HasVerdict) && Embeddings.All(e => e.HasVerdict) ? DriftVerdict.Stable
        : Features.Any(f => f.HasVerdict) || Embeddings.Any(e => e.HasVerdict) ? DriftVerdict.Incomplete
        : DriftVerdict.NoVerdict;

    /// <summary>The scalar features without a verdict (too few rows, or no baseline), in manifest order (vector
    /// features: <see cref="Embeddings"/> and <see cref="EmbeddingDrift.HasVerdict"/>).</summary>
    public IEnumerable<FeatureDrift> WithoutVerdict => Features.Where(f => !f.HasVerdict);

    /// <summary>The drifted features, largest PSI first.</summary>
    public IEnumerable<FeatureDrift> Drifted => Features.Where(f => f.Drifted).OrderByDescending(f => f.Psi);

    public FeatureDrift this[string feature] => Features.FirstOrDefault(f => f.Name == feature)
        ?? throw new KeyNotFoundException($"Feature set '{FeatureSet}' has no feature '{feature}'.");
}
