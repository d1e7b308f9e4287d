using System;
using NormGuard;

namespace NormGuard.Tests.Vectors;

// Records bound to tests/NormGuard.Tests/Manifests/Vectors/*.normguard.json, whose parameters make_embedding_manifests.py
// took from the scikit-learn fits stored in Golden/Vectors/vectors_384.npz.

[FeatureSet("golden_vec_zscore_sklearn")]
public sealed partial record GoldenZScoreSklearn
{
    [Embedding("golden-384/golden_vec_zscore_sklearn", 384), ZScore] public float[] X { get; init; } = [];
}

[FeatureSet("golden_vec_zscore_normguard")]
public sealed partial record GoldenZScoreNormGuard
{
    [Embedding("golden-384/golden_vec_zscore_normguard", 384), ZScore] public float[] X { get; init; } = [];
}

[FeatureSet("golden_vec_center_sklearn")]
public partial struct GoldenCenterSklearn
{
    [Embedding("golden-384/golden_vec_center_sklearn", 384), Center] public ReadOnlyMemory<float> X;
}

[FeatureSet("golden_vec_l2")]
public sealed partial record GoldenL2
{
    [Embedding("golden-384/golden_vec_l2", 384), L2Normalize] public float[] X { get; init; } = [];
}

[FeatureSet("golden_vec_l2_torch")]
public sealed partial record GoldenL2Torch
{
    [Embedding("golden-384/golden_vec_l2_torch", 384), L2Normalize(Epsilon = 1e-12)] public float[] X { get; init; } = [];
}

[FeatureSet("golden_vec_truncate_l2")]
public sealed partial record GoldenTruncateL2
{
    [Embedding("golden-384/golden_vec_truncate_l2", 384), Truncate(128), L2Normalize] public Memory<float> X { get; init; }
}

[FeatureSet("golden_vec_pca_whiten")]
public sealed partial record GoldenPcaWhiten
{
    [Embedding("golden-384/golden_vec_pca_whiten", 384), Pca(64, Whiten = true)] public float[] X { get; init; } = [];
}

/// <summary>Scalars around a 384-dimension embedding, as a search document carries them.</summary>
[FeatureSet("embedded_docs")]
public sealed partial record EmbeddedDoc
{
    [ZScore] public float Clicks { get; init; }

    [Embedding("golden-384/embedded_docs", 384, Model = "synthetic/low-rank-gaussian"), Center, L2Normalize] public float[]? Embedding { get; init; }

    [MinMax] public float Age { get; init; }
}

/// <summary>A 4,100-value vector: more scratch than the stack limit, so it is rented from the pool.</summary>
[FeatureSet("wide_vectors")]
public partial struct WideVector
{
    [Embedding("wide-4100", 4100), L2Normalize, Truncate(8)] public float[] V;
}
