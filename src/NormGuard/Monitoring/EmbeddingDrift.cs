using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Serialization;
using NormGuard.Serialization;

namespace NormGuard;

/// <summary>An embedding feature's live vectors against its baseline: the norm distribution's scalar statistics
/// (<see cref="Norm"/>) and the cosine distance of the live mean vector to the baseline mean.</summary>
public sealed class EmbeddingDrift
{
    public required string Name { get; init; }

    /// <summary>Drifted when the norm or the mean vector drifted; Stable when both were judged and neither drifted;
    /// otherwise TooFewRows (<see cref="Notes"/> says what waits or cannot decide).</summary>
    public DriftStatus Status { get; init; }

    public bool Drifted => Status == DriftStatus.Drifted;

    /// <summary>True when the feature was judged (<see cref="DriftStatus.Stable"/> or <see cref="DriftStatus.Drifted"/>).</summary>
    public bool HasVerdict => Status is DriftStatus.Stable or DriftStatus.Drifted;

    /// <summary>Live rows, missing vectors included.</summary>
    public long Rows { get; init; }

    /// <summary>Live vectors (rows that had one).</summary>
    public long Vectors { get; init; }

    /// <summary>The norm distribution as a scalar feature (named "<see cref="Name"/> ‖x‖"): PSI, KS, mean shift in
    /// baseline stds and the missing rate, with the scalar thresholds and verdict rules.</summary>
    public required FeatureDrift Norm { get; init; }

    /// <summary>1 − cos(live mean vector, baseline mean vector); null without live vectors.</summary>
    [JsonConverter(typeof(JsonNullableNaNAsNullConverter))]
    public double? MeanCosineDistance { get; init; }

    /// <summary>The distance above which the mean vector counts as drifted for this many vectors; null while the test
    /// waits or cannot decide.</summary>
    [JsonConverter(typeof(JsonNullableNaNAsNullConverter))]
    public double? MeanCosineCritical { get; init; }

    /// <summary>The inequality behind <see cref="MeanCosineCritical"/> (covariance norms, or the trace only).</summary>
    public string? MeanCosineBound { get; init; }

    /// <summary>The mean-vector test judged this window (enough vectors, and a critical value below 1).</summary>
    public bool MeanJudged { get; init; }

    /// <summary>Why the feature counts as drifted, one line per crossed threshold (the norm's first).</summary>
    public IReadOnlyList<string> Reasons { get; init; } = Array.Empty<string>();

    /// <summary>What the verdict did not cover: tests that wait or cannot decide.</summary>
    public IReadOnlyList<string> Notes { get; init; } = Array.Empty<string>();

    public override string ToString()
    {
        string critical = MeanCosineCritical is double c ? Format($" (critical {c:F4})") : " (not judged)";
        string ks = Norm.Ks is double k ? Format($", KS {k:F3}") : string.Empty;
        return Format($"{Name}: {Status}, mean cosine distance {MeanCosineDistance:F4}{critical}; norm PSI {Norm.Psi:F3}{ks}");
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
