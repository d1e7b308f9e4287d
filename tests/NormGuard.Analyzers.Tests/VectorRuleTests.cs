using System.Threading.Tasks;
using NormGuard.CodeFixes;
using NormGuard.Generators.Analyzers;
using Xunit;

namespace NormGuard.Analyzers.Tests;

/// <summary>NG0019 and the existing rules (NG0007, NG0013, NG0014) on vector (embedding) members.</summary>
public sealed class VectorRuleTests
{
    private const string Path = "/project/docs.normguard.json";

    private static (string, string) Manifest(string profile = "normguard", string dtype = "float32", string truncate = "128", string l2 = """{ "op": "l2" }""") => (Path, $$"""
        {
          "format": "normguard.manifest/1",
          "featureSet": "docs",
          "version": 1,
          "profile": "{{profile}}",
          "dtype": "{{dtype}}",
          "fit": { "split": "train", "rows": 1000 },
          "features": [
            { "name": "Score", "steps": [ { "op": "zscore", "mean": 2, "std": 4 } ] },
            { "name": "Embedding",
              "space": { "name": "docs-minilm", "model": "sentence-transformers/all-MiniLM-L6-v2", "revision": "c9745ed", "nativeDimension": 384, "dimension": {{truncate}} },
              "steps": [ { "op": "truncate", "dimension": {{truncate}} }, {{l2}} ] }
          ]
        }
        """);

    private const string Head = """
        using System;
        using NormGuard;

        [FeatureSet("docs")]
        public sealed partial record Doc
        {
            [ZScore] public float Score { get; init; }

        """;

    private static string Record(string embedding) => Head + "    " + embedding + "\n}\n";

    private const string Clean = """[Embedding("docs-minilm", 384, Model = "sentence-transformers/all-MiniLM-L6-v2", Revision = "c9745ed"), Truncate(128), L2Normalize] public float[] Embedding { get; init; } = [];""";

    [Fact]
    public async Task A_vector_member_that_matches_its_manifest_reports_nothing_from_any_rule()
    {
        string source = Record(Clean);
        await Verify<VectorMismatchAnalyzer>.AnalyzerAsync(source, Manifest());
        await Verify<StepsDifferAnalyzer>.AnalyzerAsync(source, Manifest());
        await Verify<StepTypeMismatchAnalyzer>.AnalyzerAsync(source, Manifest());
        await Verify<UnannotatedMemberAnalyzer>.AnalyzerAsync(source, Manifest());
        await Verify<MemberNotInManifestAnalyzer>.AnalyzerAsync(source, Manifest());
        await Verify<ManifestFeatureNotInRecordAnalyzer>.AnalyzerAsync(source, Manifest());
        await Verify<CategoricalScaledAnalyzer>.AnalyzerAsync(source, Manifest());
    }

    [Fact]
    public Task NG0019_dimension_and_truncation_size_differ_from_the_manifest() =>
        Verify<VectorMismatchAnalyzer>.AnalyzerAsync(
            Record("""[{|NG0019:Embedding("docs-minilm", 768)|}, {|NG0019:Truncate(256)|}, L2Normalize] public ReadOnlyMemory<float> Embedding { get; init; }"""),
            Manifest());

    [Fact]
    public Task NG0019_space_name_differs_from_the_manifest() =>
        Verify<VectorMismatchAnalyzer>.AnalyzerAsync(
            Record("""[{|NG0019:Embedding("docs-e5", 384)|}, Truncate(128), L2Normalize] public float[] Embedding { get; init; } = [];"""),
            Manifest());

    [Fact]
    public Task NG0019_a_model_pin_that_is_not_the_manifests() =>
        Verify<VectorMismatchAnalyzer>.AnalyzerAsync(
            Record("""[{|NG0019:Embedding("docs-minilm", 384, Model = "intfloat/e5-small-v2")|}, Truncate(128), L2Normalize] public float[] Embedding { get; init; } = [];"""),
            Manifest());

    [Fact]
    public Task NG0019_Embedding_on_a_double_array_and_a_float_vector_without_Embedding() =>
        Verify<VectorMismatchAnalyzer>.AnalyzerAsync(Head + """
                [{|NG0019:Embedding("docs-minilm", 384)|}, Truncate(128), L2Normalize] public double[] Embedding { get; init; } = [];
                [L2Normalize] public float[] {|NG0019:Other|} { get; init; } = [];
            }
            """);

    [Fact]
    public Task NG0019_an_inline_array_of_another_length_than_declared() =>
        Verify<VectorMismatchAnalyzer>.AnalyzerAsync(Record("""[{|NG0019:Embedding("docs-minilm", 384)|}, Truncate(128), L2Normalize] public Vec256 Embedding { get; init; }""") + """

            [System.Runtime.CompilerServices.InlineArray(256)]
            public struct Vec256 { private float _element; }
            """);

    [Fact]
    public Task NG0019_a_manifest_whose_profile_has_no_vector_arithmetic() =>
        Verify<VectorMismatchAnalyzer>.AnalyzerAsync(
            Record("""[Embedding("docs-minilm", 384), Truncate(128), L2Normalize] public float[] {|NG0019:Embedding|} { get; init; } = [];"""),
            Manifest(profile: "onnx"));

    [Fact]
    public Task NG0019_a_scalar_member_bound_to_a_vector_feature() =>
        Verify<VectorMismatchAnalyzer>.AnalyzerAsync(Record("""[ZScore] public float {|NG0019:Embedding|} { get; init; }"""), Manifest());

    [Fact]
    public Task NG0014_L2Normalize_on_a_double_and_MinMax_on_a_vector() =>
        Verify<StepTypeMismatchAnalyzer>.AnalyzerAsync(Head + """
                [L2Normalize] public double {|NG0014:Norm|} { get; init; }
                [Embedding("docs-minilm", 384), MinMax] public float[] {|NG0014:Embedding|} { get; init; } = [];
            }
            """);

    [Fact]
    public Task NG0007_an_epsilon_the_manifests_l2_does_not_have() =>
        Verify<StepsDifferAnalyzer>.AnalyzerAsync(
            Record("""[Embedding("docs-minilm", 384), Truncate(128), L2Normalize(Epsilon = 1e-12)] public float[] {|NG0007:Embedding|} { get; init; } = [];"""),
            Manifest());

    [Fact]
    public Task NG0013_is_not_reported_for_an_Embedding_member_without_steps_but_is_for_a_bare_vector() =>
        Verify<UnannotatedMemberAnalyzer>.AnalyzerAsync(Head + """
                [Embedding("docs-minilm", 384)] public float[] Embedding { get; init; } = [];
                public float[] {|NG0013:Raw|} = [];
            }
            """);

    [Fact]
    public Task NG0019_code_fix_sets_the_dimension_to_the_manifests() =>
        Verify<VectorMismatchAnalyzer>.CodeFixAsync<SetEmbeddingFromManifestCodeFix>(
            Record("""[{|NG0019:Embedding("docs-minilm", 768)|}, Truncate(128), L2Normalize] public float[] Embedding { get; init; } = [];"""),
            Record("""[Embedding("docs-minilm", 384), Truncate(128), L2Normalize] public float[] Embedding { get; init; } = [];"""),
            Manifest());

    [Fact]
    public Task NG0019_code_fix_sets_the_space_to_the_manifests() =>
        Verify<VectorMismatchAnalyzer>.CodeFixAsync<SetEmbeddingFromManifestCodeFix>(
            Record("""[{|NG0019:Embedding(space: "docs-e5", dimension: 384)|}, Truncate(128), L2Normalize] public float[] Embedding { get; init; } = [];"""),
            Record("""[Embedding(space: "docs-minilm", dimension: 384), Truncate(128), L2Normalize] public float[] Embedding { get; init; } = [];"""),
            Manifest());
}
