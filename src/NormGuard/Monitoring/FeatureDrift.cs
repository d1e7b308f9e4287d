using System;
using System.Collections.Generic;
using System.Linq;

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
    /// <summary>Every statistic is within its threshold.</summary>
    Stable,

    /// <summary>At least one statistic crossed its threshold (see <see cref="FeatureDrift.Reasons"/>).</summary>
    Drifted,

    /// <summary>Fewer live values than <see cref="DriftThresholds.MinRows"/>: no verdict yet.</summary>
    TooFewRows,

    /// <summary>The manifest holds no training baseline (<c>stats</c>) for this feature.</summary>
    NoBaseline,
}

/// <summary>One feature's live distribution against its training baseline.</summary>
public sealed class FeatureDrift
{
    public required string Name { get; init; }

    /// <summary>True for a one-hot feature: its bins are its categories, then "unknown".</summary>
    public bool IsCategorical { get; init; }

    public DriftStatus Status { get; init; }

    public bool Drifted => Status == DriftStatus.Drifted;

    /// <summary>Live rows seen for this feature, missing ones included.</summary>
    public long Rows { get; init; }

    /// <summary>Population stability index (NaN without a baseline or live values).</summary>
    public double Psi { get; init; } = double.NaN;

    public PsiBand PsiBand => Psi >= 0.25 ? PsiBand.Significant : Psi >= 0.1 ? PsiBand.Moderate : PsiBand.Stable;

    /// <summary>Largest gap between the live and baseline cumulative distributions at the baseline's 5 %, 10 %, …, 95 %
    /// quantiles; null for a one-hot feature.</summary>
    public double? Ks { get; init; }

    /// <summary>The KS value above which this feature counts as drifted, for its number of live values: the
    /// two-sample critical value, plus 0.01 when the baseline has tied values (its CDF is known to one percentile).</summary>
    public double? KsCritical { get; init; }

    /// <summary>(live mean − baseline mean) / baseline std; null for a one-hot feature or without a baseline std.</summary>
    public double? MeanShift { get; init; }

    public double? BaselineMean { get; init; }

    public double? LiveMean { get; init; }

    public double? BaselineStd { get; init; }

    public double? LiveStd { get; init; }

    public double BaselineMissingRate { get; init; }

    public double LiveMissingRate { get; init; }

    /// <summary>The share of live values not among the categories (one-hot features; 0 otherwise).</summary>
    public double UnknownRate { get; init; }

    /// <summary>Why the feature counts as drifted, one line per crossed threshold.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = Array.Empty<string>();

    /// <summary>Bin labels: "≤ 0.42", "0.42 – 0.5", …, "> 3.1" for a numeric feature; the categories, then
    /// "(unknown)", for a one-hot feature.</summary>
    public IReadOnlyList<string> BinLabels { get; init; } = Array.Empty<string>();

    /// <summary>The interior bin edges of a numeric feature (the baseline's 5 %, …, 95 % quantiles).</summary>
    public IReadOnlyList<double> BinEdges { get; init; } = Array.Empty<double>();

    /// <summary>The baseline's share of values in each bin.</summary>
    public IReadOnlyList<double> BaselineShares { get; init; } = Array.Empty<double>();

    /// <summary>The live share of (non-missing) values in each bin.</summary>
    public IReadOnlyList<double> LiveShares { get; init; } = Array.Empty<double>();

    public override string ToString() =>
        $"{Name}: {Status}, PSI {Psi:F3}" + (Ks is double ks ? $", KS {ks:F3}" : string.Empty) + (MeanShift is double shift ? $", mean shift {shift:+0.00;-0.00} std" : string.Empty);
}

/// <summary>A snapshot of a monitor: every feature of the manifest, in manifest order.</summary>
public sealed class DriftReport
{
    public required string FeatureSet { get; init; }

    public int Version { get; init; }

    /// <summary>Live rows seen since the monitor was created or last reset.</summary>
    public long Rows { get; init; }

    public required DriftThresholds Thresholds { get; init; }

    public required IReadOnlyList<FeatureDrift> Features { get; init; }

    public bool AnyDrifted => Features.Any(f => f.Drifted);

    /// <summary>The drifted features, largest PSI first.</summary>
    public IEnumerable<FeatureDrift> Drifted => Features.Where(f => f.Drifted).OrderByDescending(f => f.Psi);

    public FeatureDrift this[string feature] => Features.FirstOrDefault(f => f.Name == feature)
        ?? throw new KeyNotFoundException($"Feature set '{FeatureSet}' has no feature '{feature}'.");
}
