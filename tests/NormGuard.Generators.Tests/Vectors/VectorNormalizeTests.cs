using System;
using System.Linq;
using NormGuard.Internal;
using Xunit;
using static NormGuard.Generators.Tests.Vectors.VectorManifests;

namespace NormGuard.Generators.Tests.Vectors;

/// <summary>
/// The generated Normalize of a record with a scalar and a 384-dimension embedding gives, bit for bit, what calling
/// VectorKernels with the manifest's parameters (in the documented per-profile form) gives.
/// </summary>
public sealed class VectorNormalizeTests
{
    private const int D = 384;

    // The scalar "Score" (zscore mean 2, std 4, profile normguard or sklearn) comes first: 2.5 → 0.125 either way.
    private const float Score = 2.5f;
    private const float ScoreOutput = 0.125f;

    private static void AssertBits(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(
                BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                $"column {i}: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }

    [Fact]
    public void Center_then_l2_normguard_profile_is_Subtract_with_float32_means_then_L2Normalize()
    {
        double[] mean = Means(D);
        var record = CompiledVectorRecord.Create(Record("float[]? Embedding { get; init; }", "Center, L2Normalize"), Manifest(D, D, Center(mean) + "," + L2()));
        float[] x = Input(D);

        float[] expected = new float[D];
        VectorKernels.Subtract(x, mean.Select(m => (float)m).ToArray(), expected);
        VectorKernels.L2Normalize(expected, expected);

        float[] output = record.Normalize(record.NewDoc(Score, x));
        Assert.Equal(1 + D, record.Width);
        Assert.Equal(ScoreOutput, output[0]);
        AssertBits(expected, output.AsSpan(1));
        Assert.Contains("Embedding[383]", record.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void ZScore_normguard_profile_is_SubtractMultiply_with_float32_reciprocal_scales()
    {
        double[] mean = Means(D);
        double[] std = Stds(D);
        var record = CompiledVectorRecord.Create(Record("ReadOnlyMemory<float> Embedding { get; init; }", "ZScore"), Manifest(D, D, ZScore(mean, std)));
        float[] x = Input(D, salt: 3);

        // normguard: offset (float)mean, scale (float)(1 / std) (docs/profiles.md), one float32 op each.
        float[] expected = new float[D];
        VectorKernels.SubtractMultiply(x, mean.Select(m => (float)m).ToArray(), std.Select(s => (float)(1d / s)).ToArray(), expected);

        float[] output = record.Normalize(record.NewDoc(Score, new ReadOnlyMemory<float>(x)));
        AssertBits(expected, output.AsSpan(1));
    }

    [Fact]
    public void ZScore_sklearn_profile_is_SubtractDivideSklearn_with_float64_mean_and_std()
    {
        double[] mean = Means(D);
        double[] std = Stds(D);
        var record = CompiledVectorRecord.Create(Record("Memory<float> Embedding { get; init; }", "ZScore"), Manifest(D, D, ZScore(mean, std), profile: "sklearn"));
        float[] x = Input(D, salt: 5);

        float[] expected = new float[D];
        VectorKernels.SubtractDivideSklearn(x, mean, std, expected);

        float[] output = record.Normalize(record.NewDoc(Score, new Memory<float>(x)));
        Assert.Equal(ScoreOutput, output[0]);
        AssertBits(expected, output.AsSpan(1));
    }

    [Fact]
    public void Truncate_then_l2_keeps_the_first_k_values_and_renormalizes_them()
    {
        var record = CompiledVectorRecord.Create(Record("float[] Embedding { get; init; } = [];", "Truncate(128), L2Normalize"), Manifest(D, 128, Truncate(128) + "," + L2()));
        float[] x = Input(D, salt: 7);

        float[] expected = new float[128];
        VectorKernels.L2Normalize(x.AsSpan(0, 128), expected);

        float[] output = record.Normalize(record.NewDoc(Score, x));
        Assert.Equal(1 + 128, record.Width);
        AssertBits(expected, output.AsSpan(1));
        Assert.Equal(1f, MathF.Round(VectorKernels.Norm(output.AsSpan(1)), 5));
    }

    [Fact]
    public void L2_then_truncate_normalizes_the_whole_vector_before_keeping_k_values()
    {
        var record = CompiledVectorRecord.Create(Record("float[] Embedding { get; init; } = [];", "L2Normalize, Truncate(100)"), Manifest(D, 100, L2() + "," + Truncate(100)));
        float[] x = Input(D, salt: 9);

        float[] full = new float[D];
        VectorKernels.L2Normalize(x, full);

        AssertBits(full.AsSpan(0, 100), record.Normalize(record.NewDoc(Score, x)).AsSpan(1));
    }

    [Fact]
    public void Pca_with_whitening_on_a_small_inline_array_is_PcaProject_with_float32_parameters()
    {
        const int d = 8;
        const int k = 3;
        double[] mean = Means(d, salt: 11);
        double[] components = Components(k, d);
        double[] variance = Variances(k);
        string source = Record("Vec8 Embedding { get; init; }", "Center, Pca(3, Whiten = true)", dimension: d) + """

            [System.Runtime.CompilerServices.InlineArray(8)]
            public struct Vec8 { private float _first; }
            """;
        double[] center = Means(d, salt: 2);
        var record = CompiledVectorRecord.Create(source.Replace("namespace Search;", "namespace Search;\n", StringComparison.Ordinal), Manifest(d, k, Center(center) + "," + Pca(mean, components, variance, whiten: true)));
        float[] x = Input(d, salt: 13);

        float[] centered = new float[d];
        VectorKernels.Subtract(x, center.Select(m => (float)m).ToArray(), centered);
        float[] expected = new float[k];
        VectorKernels.PcaProject(
            centered,
            mean.Select(m => (float)m).ToArray(),
            components.Select(c => (float)c).ToArray(),
            variance.Select(v => MathF.Sqrt((float)v)).ToArray(),
            expected);

        Type vec8 = record.Assembly.GetType("Search.Vec8", throwOnError: true)!;
        object inline = Activator.CreateInstance(vec8)!;
        // An inline array's elements are its one field repeated: write them through the struct's raw bytes.
        inline = InlineArrays.From(vec8, x);
        AssertBits(expected, record.Normalize(record.NewDoc(Score, inline)).AsSpan(1));
    }

    [Fact]
    public void L2_with_epsilon_follows_the_PyTorch_rule_on_a_vector_shorter_than_epsilon()
    {
        var record = CompiledVectorRecord.Create(Record("float[] Embedding { get; init; } = [];", "L2Normalize(Epsilon = 1e-3)"), Manifest(D, D, L2(1e-3)));
        // ‖x‖ is about 1e-4 < ε = 1e-3: PyTorch divides by ε, so the vector stays short (norm ‖x‖/ε, about 0.1);
        // scikit-learn's rule would make it unit length.
        float[] x = [.. Input(D, salt: 1).Select(v => v * 1e-4f)];

        float[] expected = new float[D];
        VectorKernels.L2Normalize(x, expected, 1e-3f);
        float[] output = record.Normalize(record.NewDoc(Score, x));
        AssertBits(expected, output.AsSpan(1));
        Assert.Equal(VectorKernels.Norm(x) / 1e-3f, VectorKernels.Norm(output.AsSpan(1)), 3);
        Assert.True(VectorKernels.Norm(output.AsSpan(1)) < 0.5f);
    }
}
