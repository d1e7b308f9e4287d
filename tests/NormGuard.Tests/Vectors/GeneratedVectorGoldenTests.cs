using System;
using System.IO;
using Xunit;

namespace NormGuard.Tests.Vectors;

/// <summary>
/// Generated Normalize of records bound to manifests that hold scikit-learn's fitted parameters (make_embedding_manifests.py
/// from Golden/Vectors/vectors_384.npz) against the committed reference outputs of make_vector_golden.py. Decided before
/// running, as that script states for the kernels: every output that the script computes in the kernels' documented
/// order (l2, l2 with epsilon, truncate + l2, PCA with whitening) and every element-wise scikit-learn output
/// (StandardScaler centered and z-scored, sklearn profile; the normguard profile's float32 z-score) is equal bit for bit.
/// </summary>
public sealed class GeneratedVectorGoldenTests
{
    private static readonly NpzFile Golden = new(GoldenFiles.PathOf(Path.Combine("Vectors", "vectors_384.npz")));

    private static int Rows => Golden.Shape("x")[0];

    private static void AssertRows(string expectedName, int width, Func<float[], float[]> normalize)
    {
        for (int r = 0; r < Rows; r++)
        {
            float[] expected = Golden.Row(expectedName, r);
            float[] actual = normalize(Golden.Row("x", r));
            Assert.Equal(width, actual.Length);
            for (int i = 0; i < width; i++)
            {
                Assert.True(VectorOracle.Same(expected[i], actual[i]), $"{expectedName} row {r} column {i}: expected {expected[i]:R}, got {actual[i]:R}");
            }
        }
    }

    private static float[] Normalized<T>(T row)
        where T : INormalizable<T>
    {
        float[] output = new float[T.Width];
        Normalizer.Normalize(row, output);
        return output;
    }

    [Fact]
    public void ZScore_sklearn_profile_equals_StandardScaler_transform() =>
        AssertRows("zscore_sklearn", 384, x => Normalized(new GoldenZScoreSklearn { X = x }));

    [Fact]
    public void ZScore_normguard_profile_equals_the_float32_offset_and_scale_reference() =>
        AssertRows("ng_zscore", 384, x => Normalized(new GoldenZScoreNormGuard { X = x }));

    [Fact]
    public void Center_sklearn_profile_equals_StandardScaler_without_std() =>
        AssertRows("center_sklearn", 384, x => Normalized(new GoldenCenterSklearn { X = x }));

    [Fact]
    public void L2_equals_the_documented_order_reference() =>
        AssertRows("l2_order", 384, x => Normalized(new GoldenL2 { X = x }));

    [Fact]
    public void L2_with_epsilon_equals_the_PyTorch_rule_reference() =>
        AssertRows("l2_torch_order", 384, x => Normalized(new GoldenL2Torch { X = x }));

    [Fact]
    public void Truncate_then_l2_equals_the_documented_order_reference() =>
        AssertRows("truncate_order", 128, x => Normalized(new GoldenTruncateL2 { X = x }));

    [Fact]
    public void Pca_with_whitening_equals_the_documented_order_reference() =>
        AssertRows("pca_whiten_order", 64, x => Normalized(new GoldenPcaWhiten { X = x }));

    [Fact]
    public void The_feature_set_info_lists_the_space_with_the_manifest_identity()
    {
        var space = Assert.Single(GoldenTruncateL2.FeatureSet.EmbeddingSpaces);
        Assert.Equal("golden-384/golden_vec_truncate_l2", space.Name);
        Assert.Equal(384, space.NativeDimension);
        Assert.Equal(128, space.Dimension);
        Assert.Equal("truncate(128), l2", space.Normalization);
        Assert.True(space.IsUnitLength);
    }
}
