using System;
using System.Linq;
using NormGuard.Internal;
using Xunit;
using static NormGuard.Generators.Tests.Vectors.VectorManifests;

namespace NormGuard.Generators.Tests.Vectors;

/// <summary>Errors, missing vectors, ReadInputs, batches and Denormalize of generated vector features.</summary>
public sealed class VectorBehaviourTests
{
    private const int D = 384;

    private static CompiledVectorRecord CenterL2(string missing = "error") =>
        CompiledVectorRecord.Create(Record("float[]? Embedding { get; init; }", "Center, L2Normalize"), Manifest(D, D, Center(Means(D)) + "," + L2(), missing: missing));

    [Fact]
    public void A_vector_of_another_length_names_the_feature_set_feature_space_and_both_lengths_and_writes_nothing()
    {
        CompiledVectorRecord record = CenterL2();
        var error = Assert.Throws<NormalizationException>(() => record.Call("NormalizeBatch", Array(record, record.NewDoc(1f, Input(D)), record.NewDoc(1f, Input(512)))));
        Assert.Equal("docs", error.FeatureSet);
        Assert.Equal("Embedding", error.Feature);
        Assert.Equal(1, error.RowIndex);
        Assert.Contains("expected 384 values, found 512", error.Message, StringComparison.Ordinal);
        Assert.Contains("'docs-minilm'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_vector_under_error_throws_and_under_propagate_writes_NaN_for_every_column()
    {
        CompiledVectorRecord strict = CenterL2();
        var error = Assert.Throws<NormalizationException>(() => strict.Normalize(strict.NewDoc(1f, null)));
        Assert.Equal("Embedding", error.Feature);
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);

        CompiledVectorRecord propagating = CenterL2("propagate");
        float[] output = propagating.Normalize(propagating.NewDoc(2.5f, null));
        Assert.Equal(0.125f, output[0]);
        Assert.All(output.Skip(1), v => Assert.True(float.IsNaN(v)));
        double[] inputs = (double[])propagating.Call("ReadInputs", propagating.NewDoc(2.5f, null))!;
        Assert.Equal(1 + D, inputs.Length);
        Assert.Equal(2.5d, inputs[0]);
        Assert.All(inputs.Skip(1), v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void A_NaN_or_infinity_inside_the_vector_under_error_is_named_with_its_index()
    {
        CompiledVectorRecord record = CenterL2();
        float[] x = Input(D);
        x[17] = float.NaN;
        var error = Assert.Throws<NormalizationException>(() => record.Normalize(record.NewDoc(1f, x)));
        Assert.Contains("index 17", error.Message, StringComparison.Ordinal);
        Assert.Equal("NaN", error.Value);

        x[17] = 0.5f;
        x[300] = float.NegativeInfinity;
        error = Assert.Throws<NormalizationException>(() => record.Normalize(record.NewDoc(1f, x)));
        Assert.Contains("index 300", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadInputs_gives_the_scalar_then_the_native_values_as_doubles()
    {
        CompiledVectorRecord record = CompiledVectorRecord.Create(Record("float[] Embedding { get; init; } = [];", "Truncate(64), L2Normalize"), Manifest(D, 64, Truncate(64) + "," + L2()));
        float[] x = Input(D, salt: 4);
        Assert.Equal(1 + D, record.InputCount);
        Assert.Equal(1 + 64, record.Width);
        double[] inputs = (double[])record.Call("ReadInputs", record.NewDoc(3f, x))!;
        Assert.Equal(3d, inputs[0]);
        Assert.Equal(x.Select(v => (double)v), inputs.Skip(1));
    }

    [Fact]
    public void NormalizeBatch_writes_each_row_as_Normalize_does()
    {
        CompiledVectorRecord record = CenterL2();
        object[] docs = [record.NewDoc(1f, Input(D, 1)), record.NewDoc(2f, Input(D, 2)), record.NewDoc(3f, Input(D, 3))];
        float[] batch = (float[])record.Call("NormalizeBatch", Array(record, docs))!;
        for (int r = 0; r < docs.Length; r++)
        {
            Assert.Equal(record.Normalize(docs[r]), batch.Skip(r * record.Width).Take(record.Width));
        }
    }

    [Fact]
    public void Denormalize_undoes_zscore_to_float_rounding_and_returns_a_new_array()
    {
        double[] mean = Means(D);
        double[] std = Stds(D);
        CompiledVectorRecord record = CompiledVectorRecord.Create(Record("float[] Embedding { get; init; } = [];", "ZScore"), Manifest(D, D, ZScore(mean, std)));
        float[] x = Input(D, salt: 8);
        float[] normalized = record.Normalize(record.NewDoc(2.5f, x));
        object back = record.Call("Denormalize", normalized)!;
        float[] restored = (float[])record.Doc.GetProperty("Embedding")!.GetValue(back)!;
        Assert.NotSame(x, restored);
        Assert.Equal(2.5f, (float)record.Doc.GetProperty("Score")!.GetValue(back)!);
        for (int i = 0; i < D; i++)
        {
            // Two float32 roundings forward (offset, scale) and one back: within a few ulps of x around the mean.
            Assert.True(Math.Abs(restored[i] - x[i]) <= 4e-7 * (1 + Math.Abs(mean[i]) + Math.Abs(x[i])), $"dimension {i}: {x[i]:R} → {restored[i]:R}");
        }
    }

    [Fact]
    public void Denormalize_of_truncate_and_l2_gives_the_unit_prefix_and_a_zero_tail()
    {
        CompiledVectorRecord record = CompiledVectorRecord.Create(Record("float[] Embedding { get; init; } = [];", "Truncate(64), L2Normalize"), Manifest(D, 64, Truncate(64) + "," + L2()));
        float[] normalized = record.Normalize(record.NewDoc(2.5f, Input(D, salt: 6)));
        float[] restored = (float[])record.Doc.GetProperty("Embedding")!.GetValue(record.Call("Denormalize", normalized))!;
        Assert.Equal(D, restored.Length);
        Assert.Equal(normalized.Skip(1), restored.Take(64));
        Assert.All(restored.Skip(64), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Denormalize_of_a_full_rank_pca_recovers_the_input()
    {
        const int d = 4;
        // Orthonormal components (a rotation), so the projection is invertible: x = mean + yᵀ·C.
        double c = Math.Sqrt(0.5);
        double[] components = [c, c, 0, 0, -c, c, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
        double[] mean = [0.25, -0.5, 0.125, 1];
        CompiledVectorRecord record = CompiledVectorRecord.Create(
            Record("ReadOnlyMemory<float> Embedding { get; init; }", "Pca(4)", dimension: d),
            Manifest(d, d, Pca(mean, components, [1, 1, 1, 1], whiten: false)));
        float[] x = [0.5f, 0.25f, -1f, 2f];
        float[] normalized = record.Normalize(record.NewDoc(2.5f, new ReadOnlyMemory<float>(x)));
        var restored = (ReadOnlyMemory<float>)record.Doc.GetProperty("Embedding")!.GetValue(record.Call("Denormalize", normalized))!;
        for (int i = 0; i < d; i++)
        {
            Assert.Equal(x[i], restored.Span[i], 5);
        }
    }

    [Fact]
    public void The_assembly_declares_the_space_binding_from_the_manifest()
    {
        CompiledVectorRecord record = CenterL2();
        var binding = Assert.Single(record.Assembly.GetCustomAttributesData(), a => a.AttributeType.Name == "EmbeddingSpaceBindingAttribute");
        object?[] values = [.. binding.ConstructorArguments.Select(a => a.Value)];
        Assert.Equal("docs-minilm", values[0]);
        Assert.Equal("docs", values[1]);
        Assert.Equal("Embedding", values[2]);
        Assert.Equal(VectorManifests.Model, values[3]);
        Assert.Equal(string.Empty, values[4]);
        Assert.Equal(384, values[5]);
        Assert.Equal(384, values[6]);
        Assert.Equal("center, l2", values[7]);
        Assert.Equal(true, values[8]);
        Assert.Matches("^[0-9a-f]{64}$", (string)values[9]!);
    }

    [Fact]
    public void An_empty_ReadOnlyMemory_is_a_missing_vector()
    {
        CompiledVectorRecord record = CompiledVectorRecord.Create(Record("ReadOnlyMemory<float> Embedding { get; init; }", "L2Normalize"), Manifest(D, D, L2()));
        var error = Assert.Throws<NormalizationException>(() => record.Normalize(record.NewDoc(1f, ReadOnlyMemory<float>.Empty)));
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
        Assert.Null(error.Value);
    }

    [Fact]
    public void Two_vector_features_of_different_spaces_in_one_record_each_get_their_own_columns_and_checks()
    {
        string source = """
            using System;
            using NormGuard;

            namespace Search;

            [FeatureSet("docs")]
            public sealed partial record Doc
            {
                [ZScore] public float Score { get; init; }
                [Embedding("docs-minilm", 4), L2Normalize] public float[] Embedding { get; init; } = [];
                [Embedding("query-e5", 3), Truncate(2)] public float[] Query { get; init; } = [];
            }
            """;
        string manifest = Manifest(4, 4, L2()).Replace("\"error\"}]}", "\"error\"},{\"name\":\"Query\",\"space\":{\"name\":\"query-e5\",\"model\":\"intfloat/e5-small-v2\",\"nativeDimension\":3,\"dimension\":2},\"steps\":[" + Truncate(2) + "]}]}", StringComparison.Ordinal);
        CompiledVectorRecord record = CompiledVectorRecord.Create(source, manifest);
        object doc = record.NewDoc(2.5f, new float[] { 3, 0, 4, 0 });
        record.Doc.GetProperty("Query")!.SetValue(doc, new float[] { 7, 8, 9 });
        Assert.Equal(new[] { 0.125f, 0.6f, 0f, 0.8f, 0f, 7f, 8f }, record.Normalize(doc));
        Assert.Equal(2, record.Assembly.GetCustomAttributesData().Count(a => a.AttributeType.Name == "EmbeddingSpaceBindingAttribute"));

        record.Doc.GetProperty("Query")!.SetValue(doc, new float[] { 7, 8 });
        var error = Assert.Throws<NormalizationException>(() => record.Normalize(doc));
        Assert.Equal("Query", error.Feature);
        Assert.Contains("expected 3 values, found 2", error.Message, StringComparison.Ordinal);
    }

    private static Array Array(CompiledVectorRecord record, params object[] docs)
    {
        Array array = System.Array.CreateInstance(record.Doc, docs.Length);
        for (int i = 0; i < docs.Length; i++)
        {
            array.SetValue(docs[i], i);
        }

        return array;
    }
}
