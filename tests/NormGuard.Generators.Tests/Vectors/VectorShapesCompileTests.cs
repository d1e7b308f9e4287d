using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;
using static NormGuard.Generators.Tests.Vectors.VectorManifests;

namespace NormGuard.Generators.Tests.Vectors;

/// <summary>Record shapes around a vector member compile without a warning (positional parameters, readonly structs, fields).</summary>
public sealed class VectorShapesCompileTests
{
    public static readonly TheoryData<string> Declarations = new()
    {
        """
        [FeatureSet("docs")]
        public sealed partial record Doc([property: ZScore] float Score, [property: Embedding("docs-minilm", 8), L2Normalize] float[] Embedding);
        """,
        """
        [FeatureSet("docs")]
        public readonly partial record struct Doc([property: ZScore] float Score, [property: Embedding("docs-minilm", 8), L2Normalize] Vec8 Embedding);

        [System.Runtime.CompilerServices.InlineArray(8)]
        public struct Vec8 { private float _element; }
        """,
        """
        [FeatureSet("docs")]
        public partial struct Doc
        {
            [ZScore] public float Score;
            [Embedding("docs-minilm", 8), L2Normalize] public Memory<float> Embedding;
        }
        """,
        """
        [FeatureSet("docs")]
        public partial class Doc
        {
            [ZScore] public float Score { get; set; }
            [Embedding("docs-minilm", 8, Model = "sentence-transformers/all-MiniLM-L6-v2"), L2Normalize] public required ReadOnlyMemory<float> Embedding { get; init; }
        }
        """,
    };

    [Theory]
    [MemberData(nameof(Declarations))]
    public void Generated_code_compiles_without_warnings(string declaration)
    {
        GenerationRun run = GeneratorHost.Run("using System;\nusing NormGuard;\n\nnamespace Search;\n\n" + declaration, ("/p/docs.normguard.json", Manifest(8, 8, L2())));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Diagnostic[] problems = [.. run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)];
        Assert.True(problems.Length == 0, string.Join(Environment.NewLine, problems.Select(d => d.ToString())));
        Assert.Contains("VectorKernels.L2Normalize", run.AllSources.Single(), StringComparison.Ordinal);
    }
}
