using System;

namespace NormGuard;

/// <summary>
/// When an embedding feature counts as drifted (docs/drift.md, "Embeddings"): its norm distribution by the scalar
/// tests (<see cref="Norm"/>: PSI, KS, mean shift and missing rate, with their thresholds and minimum counts), and its
/// mean vector by the cosine distance to the baseline mean, tested at <see cref="MeanSignificance"/> from
/// <see cref="MeanMinVectors"/> live vectors.
/// </summary>
public sealed record EmbeddingDriftThresholds
{
    private readonly double _meanSignificance = 0.0001;
    private readonly long _meanMinVectors = 50;

    /// <summary>The defaults: the scalar defaults for the norm, the mean-vector test at α = 0.0001 from 50 vectors.</summary>
    public static EmbeddingDriftThresholds Default { get; } = new();

    /// <summary>The thresholds of the norm distribution's tests (the scalar statistics).</summary>
    public DriftThresholds Norm { get; init; } = DriftThresholds.Default;

    /// <summary>The mean-vector test's false-alarm bound α: under no drift, the cosine distance passes its critical
    /// value with probability at most α (asymptotically in the number of vectors). From 10⁻¹² to 0.2.</summary>
    public double MeanSignificance
    {
        get => _meanSignificance;
        init => _meanSignificance = value is >= 1e-12 and <= 0.2 ? value
            : throw new ArgumentOutOfRangeException(nameof(MeanSignificance), value, "Expected a significance level from 1e-12 to 0.2 (the trace-only bound holds up to 0.215).");
    }

    /// <summary>Live vectors the mean-vector test needs before it judges: below it, the normal approximation of the
    /// mean behind the critical value is not relied on. At least 2.</summary>
    public long MeanMinVectors
    {
        get => _meanMinVectors;
        init => _meanMinVectors = value >= 2 ? value : throw new ArgumentOutOfRangeException(nameof(MeanMinVectors), value, "Expected at least 2 vectors.");
    }
}
