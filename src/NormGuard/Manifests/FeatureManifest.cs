using System;
using System.Collections.Generic;

namespace NormGuard;

/// <summary>What a missing value (<c>null</c> in a <c>Nullable&lt;T&gt;</c> member) does.</summary>
public enum MissingValueKind
{
    /// <summary>Throw a <see cref="NormalizationException"/>.</summary>
    Error,

    /// <summary>Write NaN to every output of the feature.</summary>
    Propagate,

    /// <summary>Replace the missing input by <see cref="MissingValuePolicy.FillValue"/> before the steps run.</summary>
    Fill,
}

/// <summary>A feature's missing-value policy (the manifest's <c>missing</c>).</summary>
public readonly record struct MissingValuePolicy(MissingValueKind Kind, double FillValue = 0)
{
    public static MissingValuePolicy Error => new(MissingValueKind.Error);

    public static MissingValuePolicy Propagate => new(MissingValueKind.Propagate);

    public static MissingValuePolicy Fill(double value) => new(MissingValueKind.Fill, value);
}

/// <summary>The training baseline of one feature, for drift monitoring; it never changes the arithmetic.</summary>
public sealed class FeatureStats
{
    public long Count { get; init; }

    public long Missing { get; init; }

    public double? Min { get; init; }

    public double? Max { get; init; }

    public double? Mean { get; init; }

    public double? Std { get; init; }

    /// <summary>The percentiles 0, 1, …, 100 (linear interpolation), or empty.</summary>
    public IReadOnlyList<double> Quantiles { get; init; } = Array.Empty<double>();

    /// <summary>One count per one-hot category, in category order, or empty.</summary>
    public IReadOnlyList<long> CategoryCounts { get; init; } = Array.Empty<long>();

    /// <summary>A vector feature: the distribution of the raw input vectors' L2 norms (count, min, max, mean, std and
    /// <see cref="Quantiles"/>); null for a scalar feature.</summary>
    public FeatureStats? Norm { get; init; }

    /// <summary>A vector feature: the mean of the raw input vectors, one value per native dimension, or empty.</summary>
    public IReadOnlyList<double> MeanVector { get; init; } = Array.Empty<double>();

    /// <summary>
    /// A vector feature: √tr(Σ²), the Frobenius norm of the raw input vectors' population covariance Σ (manifest
    /// <c>stats.covarianceFrobenius</c>), or null. With <see cref="CovarianceSchatten4Norm"/> it gives drift's mean-vector
    /// test its tight critical value (<see cref="EmbeddingBaseline"/>); without the pair the test uses the looser
    /// trace-only bound.
    /// </summary>
    public double? CovarianceFrobeniusNorm { get; init; }

    /// <summary>A vector feature: (tr Σ⁴)^¼, the Schatten-4 norm of the same covariance (manifest
    /// <c>stats.covarianceSchatten4</c>; never above <see cref="CovarianceFrobeniusNorm"/>), or null.</summary>
    public double? CovarianceSchatten4Norm { get; init; }
}

/// <summary>One feature of a manifest: its name, its steps in order, its missing-value policy and its baseline.</summary>
public sealed class FeatureManifest
{
    public required string Name { get; init; }

    public required IReadOnlyList<NormalizationStep> Steps { get; init; }

    public MissingValuePolicy Missing { get; init; } = MissingValuePolicy.Error;

    public FeatureStats? Stats { get; init; }

    /// <summary>
    /// The feature is a slot of an ML.NET vector column (manifest <c>"mlnetColumn": "vector"</c>, profile mlnet only):
    /// ML.NET's vector path writes an exact zero result as +0 where its scalar path, and the mlnet arithmetic, write −0,
    /// so the feature's output has a −0 result turned into +0. False (the default) is ML.NET's scalar (R4) column.
    /// </summary>
    public bool MLNetVectorColumn { get; init; }

    /// <summary>
    /// The embedding space of a vector feature (manifest <c>space</c>), or null for a scalar feature. A vector feature's
    /// steps are <see cref="L2NormalizeStep"/>, <see cref="CenterStep"/>, <see cref="VectorZScoreStep"/>,
    /// <see cref="PcaStep"/> and <see cref="TruncateStep"/>, and may be empty.
    /// </summary>
    public EmbeddingSpaceDeclaration? Space { get; init; }

    /// <summary>The feature is a vector (it has a <see cref="Space"/>).</summary>
    public bool IsVector => Space is not null;
}
