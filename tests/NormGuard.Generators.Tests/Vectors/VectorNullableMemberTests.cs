using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;
using static NormGuard.Generators.Tests.Vectors.VectorManifests;

namespace NormGuard.Generators.Tests.Vectors;

/// <summary>
/// Vector members that may be missing: <c>ReadOnlyMemory&lt;float&gt;?</c> (Nullable) and <c>float[]?</c>, and what
/// <c>Denormalize</c> gives back for a missing vector (every column NaN, as Normalize writes it under propagate): the
/// member's missing value, as a missing value of a nullable scalar comes back null. Decided before running: null for
/// <c>float[]?</c> and <c>ReadOnlyMemory&lt;float&gt;?</c>, the empty memory for <c>ReadOnlyMemory&lt;float&gt;</c>,
/// NaN values for a <c>float[]</c> declared non-nullable (it has no missing value, like a non-nullable float), and an
/// inline array under Nullable is NG0019 (an inline array is never missing), the generator not throwing.
/// </summary>
public sealed class VectorNullableMemberTests
{
    private const int D = 16;

    private static CompiledVectorRecord Centered(string declaration, string missing) =>
        CompiledVectorRecord.Create(Record(declaration, "Center", dimension: D), Manifest(D, D, Center(Means(D)), missing: missing));

    private static float[] AllNaN(CompiledVectorRecord record)
    {
        float[] source = Enumerable.Repeat(float.NaN, record.Width).ToArray();
        source[0] = 0.5f; // Score: present
        return source;
    }

    private static object? Embedding(CompiledVectorRecord record, object doc) => record.Doc.GetProperty("Embedding")!.GetValue(doc);

    [Fact]
    public void A_nullable_ReadOnlyMemory_normalizes_as_a_ReadOnlyMemory_does_and_null_is_missing()
    {
        CompiledVectorRecord nullable = Centered("ReadOnlyMemory<float>? Embedding { get; init; }", "error");
        CompiledVectorRecord plain = Centered("ReadOnlyMemory<float> Embedding { get; init; }", "error");
        float[] x = Input(D, salt: 3);

        // No rule reports it (the test manifest is not sealed: NG0017), and no analyzer throws on it (AD0001 would say so).
        Assert.Empty(nullable.Run.Diagnostics.Where(d => d.Id != "NG0017"));
        Assert.DoesNotContain(GeneratorHost.Analyze(nullable.Run.Output, nullable.Run.AdditionalTexts), d => d.Id == "AD0001");
        Assert.Equal(plain.Normalize(plain.NewDoc(2f, new ReadOnlyMemory<float>(x))), nullable.Normalize(nullable.NewDoc(2f, (ReadOnlyMemory<float>?)new ReadOnlyMemory<float>(x))));
        var error = Assert.Throws<NormalizationException>(() => nullable.Normalize(nullable.NewDoc(2f, null)));
        Assert.Equal("Embedding", error.Feature);
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
        var empty = Assert.Throws<NormalizationException>(() => nullable.Normalize(nullable.NewDoc(2f, (ReadOnlyMemory<float>?)ReadOnlyMemory<float>.Empty)));
        Assert.Contains("missing", empty.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nullable_ReadOnlyMemory_under_propagate_writes_NaN_reads_NaN_inputs_and_comes_back_null()
    {
        CompiledVectorRecord record = Centered("ReadOnlyMemory<float>? Embedding { get; init; }", "propagate");
        float[] output = record.Normalize(record.NewDoc(2f, null));
        Assert.All(output.Skip(1), v => Assert.True(float.IsNaN(v)));
        double[] inputs = (double[])record.Call("ReadInputs", record.NewDoc(2f, null))!;
        Assert.All(inputs.Skip(1), v => Assert.True(double.IsNaN(v)));

        Assert.Null(Embedding(record, record.Call("Denormalize", output)!));

        float[] x = Input(D, salt: 5);
        object back = record.Call("Denormalize", record.Normalize(record.NewDoc(2f, (ReadOnlyMemory<float>?)new ReadOnlyMemory<float>(x))))!;
        var restored = (ReadOnlyMemory<float>?)Embedding(record, back);
        Assert.True(restored.HasValue);
        float[] values = restored.Value.ToArray();
        Assert.Equal(D, values.Length);
        for (int i = 0; i < D; i++)
        {
            Assert.True(Math.Abs(values[i] - x[i]) <= 1e-6, $"dimension {i}: {x[i]:R} → {values[i]:R}");
        }
    }

    [Fact]
    public void Denormalize_of_a_missing_vector_gives_null_for_a_nullable_array()
    {
        CompiledVectorRecord record = Centered("float[]? Embedding { get; init; }", "propagate");
        Assert.Null(Embedding(record, record.Call("Denormalize", record.Normalize(record.NewDoc(2f, null)))!));
    }

    [Fact]
    public void Denormalize_of_a_missing_vector_gives_the_empty_memory_for_a_ReadOnlyMemory()
    {
        CompiledVectorRecord record = Centered("ReadOnlyMemory<float> Embedding { get; init; }", "propagate");
        var back = (ReadOnlyMemory<float>)Embedding(record, record.Call("Denormalize", record.Normalize(record.NewDoc(2f, ReadOnlyMemory<float>.Empty)))!)!;
        Assert.True(back.IsEmpty);
    }

    [Fact]
    public void Denormalize_of_NaN_columns_for_a_non_nullable_array_gives_NaN_values_as_a_non_nullable_float_does()
    {
        CompiledVectorRecord record = Centered("float[] Embedding { get; init; } = [];", "propagate");
        var back = (float[])Embedding(record, record.Call("Denormalize", AllNaN(record))!)!;
        Assert.Equal(D, back.Length);
        Assert.All(back, v => Assert.True(float.IsNaN(v)));
    }

    [Fact]
    public void A_vector_that_is_only_partly_NaN_is_not_missing()
    {
        CompiledVectorRecord record = Centered("float[]? Embedding { get; init; }", "propagate");
        float[] source = AllNaN(record);
        source[3] = 0.25f;
        var back = (float[]?)Embedding(record, record.Call("Denormalize", source)!);
        Assert.NotNull(back);
        Assert.Equal(0.25f + (float)Means(D)[2], back![2], 6);
    }

    /// <summary>The generated fitter adds a present ReadOnlyMemory&lt;float&gt;? as a vector and a null one as missing.</summary>
    [Fact]
    public void The_generated_fitter_counts_a_null_nullable_ReadOnlyMemory_as_missing_and_fits_the_others()
    {
        string fit = """

            public static class FitProbe
            {
                public static NormGuard.Manifest Fit(float[] a, float[] b)
                {
                    var fitter = Search.Doc.CreateFitter();
                    fitter.Add(new Search.Doc { Score = 1f, Embedding = a });
                    fitter.Add(new Search.Doc { Score = 2f, Embedding = b });
                    fitter.Add(new Search.Doc { Score = 3f, Embedding = null });
                    return fitter.ToManifest(new NormGuard.FitProvenance { Split = NormGuard.DataSplit.Train }, 1);
                }
            }
            """;
        string record = Record("ReadOnlyMemory<float>? Embedding { get; init; }", "Center", dimension: D)
            .Replace("Embedding(\"docs-minilm\", 16)", "Embedding(\"docs-minilm\", 16, Model = \"" + VectorManifests.Model + "\")", StringComparison.Ordinal);
        CompiledVectorRecord compiled = CompiledVectorRecord.Create(record + fit, Manifest(D, D, Center(Means(D)), missing: "propagate"));
        float[] a = Input(D, salt: 1), b = Input(D, salt: 2);

        var manifest = (Manifest)compiled.Assembly.GetType("Search.FitProbe", throwOnError: true)!.GetMethod("Fit")!.Invoke(null, [a, b])!;

        FeatureManifest embedding = manifest.Features.Single(f => f.Name == "Embedding");
        Assert.Equal(1, embedding.Stats!.Missing);
        var center = Assert.IsType<CenterStep>(Assert.Single(embedding.Steps));
        for (int i = 0; i < D; i++)
        {
            double mean = ((double)a[i] + b[i]) / 2;
            Assert.True(Math.Abs(center.Mean[i] - mean) <= 1e-7 * (1 + Math.Abs(mean)), $"dimension {i}: {center.Mean[i]:R} vs {mean:R}");
        }
    }

    [Fact]
    public void An_inline_array_under_Nullable_is_NG0019_and_the_generator_does_not_throw()
    {
        string source = """
            using System;
            using NormGuard;

            namespace Search;

            [FeatureSet("docs")]
            public sealed partial record Doc
            {
                [ZScore] public float Score { get; init; }
                [Embedding("docs-minilm", 16), Center] public Vec16? Embedding { get; init; }
            }

            [System.Runtime.CompilerServices.InlineArray(16)]
            public struct Vec16 { private float _element; }
            """;

        GenerationRun run = GeneratorHost.Run(source, ("/project/docs.normguard.json", Manifest(D, D, Center(Means(D)))));

        Assert.Empty(run.GeneratorDiagnostics.Where(d => d.Id.StartsWith("CS", StringComparison.Ordinal)));
        Assert.DoesNotContain(GeneratorHost.Analyze(run.Output, run.AdditionalTexts), d => d.Id == "AD0001");
        Diagnostic ng0019 = Assert.Single(run.Diagnostics, d => d.Id == "NG0019");
        Assert.Equal(DiagnosticSeverity.Error, ng0019.Severity);
        Assert.Contains("not under Nullable<>: an inline array is never missing", ng0019.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
