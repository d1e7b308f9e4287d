using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using NormGuard.Generators.Analyzers;
using Xunit;

namespace NormGuard.Analyzers.Tests;

/// <summary>
/// NG0020: one embedding space bound with different definitions. The bindings are written by hand as the generator
/// emits them (<c>[assembly: EmbeddingSpaceBinding(...)]</c>); libraries are compiled and emitted for real and referenced
/// by the compilation the analyzer runs on. Expected sides and first differing fields were written before running.
/// </summary>
public sealed class EmbeddingSpaceConflictTests
{
    private const string MiniLM = "sentence-transformers/all-MiniLM-L6-v2";
    private const string Sha = "3f2a9c0d5e6b7a8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e";
    private const string OtherSha = "3f2a9c0d5e6b7a8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6f";

    private static string Binding(string featureSet, string feature, string model = MiniLM, string revision = "", int native = 384, int dimension = 384, string normalization = "l2", bool unit = true, string sha = Sha, string space = "docs") =>
        $"[assembly: NormGuard.EmbeddingSpaceBinding(\"{space}\", \"{featureSet}\", \"{feature}\", \"{model}\", \"{revision}\", {native}, {dimension}, \"{normalization}\", {(unit ? "true" : "false")}, \"{sha}\")]\n";

    private static MetadataReference Library(string name, params string[] bindings)
    {
        Compilation compilation = RoslynHost.Compile(name, [], string.Concat(bindings) + "namespace " + name + " { public static class Marker { } }");
        return RoslynHost.Emit(compilation);
    }

    private static async Task<ImmutableArray<Diagnostic>> AppAsync(string source, params MetadataReference[] references) =>
        await RoslynHost.AnalyzeAsync(RoslynHost.Compile("Search.App", references, source), new EmbeddingSpaceConflictAnalyzer());

    [Fact]
    public async Task Two_feature_sets_of_one_project_that_bind_one_space_with_different_dimensions_are_both_reported()
    {
        string source = "using NormGuard;\n" + Binding("docs", "Embedding") + Binding("queries", "Query", dimension: 256, normalization: "truncate(256), l2") + """

            [FeatureSet("docs")]
            public partial record struct DocRow
            {
                [{|NG0020:Embedding("docs", 384)|}, L2Normalize] public float[] Embedding { get; init; }
            }

            [FeatureSet("queries")]
            public partial record struct QueryRow
            {
                [{|NG0020:Embedding("docs", 384)|}, Truncate(256), L2Normalize] public float[] Query { get; init; }
            }
            """;

        await Verify<EmbeddingSpaceConflictAnalyzer>.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Two_feature_sets_that_bind_the_same_definition_are_fine()
    {
        string source = "using NormGuard;\n" + Binding("docs", "Embedding") + Binding("queries", "Query") + """

            [FeatureSet("docs")]
            public partial record struct DocRow { [Embedding("docs", 384), L2Normalize] public float[] Embedding { get; init; } }

            [FeatureSet("queries")]
            public partial record struct QueryRow { [Embedding("docs", 384), L2Normalize] public float[] Query { get; init; } }
            """;

        await Verify<EmbeddingSpaceConflictAnalyzer>.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Two_libraries_with_different_models_are_reported_compilation_wide_naming_both_sides_and_the_model()
    {
        MetadataReference indexer = Library("Search.Indexer", Binding("docs", "Embedding"));
        MetadataReference query = Library("Search.Query", Binding("queries", "Query", model: "BAAI/bge-small-en-v1.5"));

        Diagnostic ng0020 = Assert.Single(await AppAsync("public static class Program { }", indexer, query));

        Assert.Equal("NG0020", ng0020.Id);
        Assert.Equal(DiagnosticSeverity.Error, ng0020.Severity);
        Assert.Equal(Location.None, ng0020.Location);
        Assert.Equal(
            "Embedding space 'docs' is bound with different definitions: Search.Indexer (feature set 'docs', feature 'Embedding') binds model '" + MiniLM +
            "' but Search.Query (feature set 'queries', feature 'Query') binds 'BAAI/bge-small-en-v1.5'; model is the first field that differs, and a vector one side produces is not in the space the other expects: build both against the same manifest of the space, or give a changed space a new name",
            ng0020.GetMessage());
    }

    [Theory]
    [InlineData("revision", "384", "384", "c9745ed", "l2", "no revision", "'c9745ed'")]
    [InlineData("native dimension", "768", "384", "", "l2", "768", "384")]
    [InlineData("normalization", "384", "384", "", "center, l2", "'l2'", "'center, l2'")]
    public async Task The_first_field_that_differs_is_named_with_both_values(string field, string indexerNative, string queryNative, string queryRevision, string queryNormalization, string indexerValue, string queryValue)
    {
        MetadataReference indexer = Library("Search.Indexer", Binding("docs", "Embedding", native: int.Parse(indexerNative, System.Globalization.CultureInfo.InvariantCulture), sha: OtherSha));
        MetadataReference query = Library("Search.Query", Binding("queries", "Query", revision: queryRevision, native: int.Parse(queryNative, System.Globalization.CultureInfo.InvariantCulture), normalization: queryNormalization));

        Diagnostic ng0020 = Assert.Single(await AppAsync("public static class Program { }", indexer, query));

        Assert.Contains("binds " + field + " " + indexerValue + " but Search.Query", ng0020.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("binds " + queryValue + "; " + field + " is the first field that differs", ng0020.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refit_that_changed_only_the_fitted_parameters_is_reported_by_its_sha256()
    {
        MetadataReference indexer = Library("Search.Indexer", Binding("docs", "Embedding", normalization: "center, l2"));
        MetadataReference query = Library("Search.Query", Binding("queries", "Query", normalization: "center, l2", sha: OtherSha));

        Diagnostic ng0020 = Assert.Single(await AppAsync("public static class Program { }", indexer, query));

        // The hashes share 63 digits: both are shown in full so they visibly differ.
        Assert.Contains("binds sha256 " + Sha + " but Search.Query (feature set 'queries', feature 'Query') binds " + OtherSha + " (same model, dimensions and steps with other fitted parameters: one side was refitted)", ng0020.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_that_binds_the_space_itself_is_reported_at_its_Embedding_attribute()
    {
        MetadataReference indexer = Library("Search.Indexer", Binding("docs", "Embedding"));
        string source = "using NormGuard;\n" + Binding("queries", "Query", revision: "c9745ed") + """

            [FeatureSet("queries")]
            public partial record struct QueryRow { [Embedding("docs", 384), L2Normalize] public float[] Query { get; init; } }
            """;

        Diagnostic ng0020 = Assert.Single(await AppAsync(source, indexer));

        Assert.Equal("Embedding(\"docs\", 384)", ng0020.Location.SourceTree!.GetText().ToString(ng0020.Location.SourceSpan));
        Assert.StartsWith(
            "Embedding space 'docs' is bound with different definitions: Search.App (this project; feature set 'queries', feature 'Query') binds revision 'c9745ed' but Search.Indexer (feature set 'docs', feature 'Embedding') binds no revision;",
            ng0020.GetMessage(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Libraries_that_bind_the_same_definition_or_different_spaces_are_fine()
    {
        MetadataReference indexer = Library("Search.Indexer", Binding("docs", "Embedding"), Binding("images", "Image", model: "openai/clip-vit-base-patch32", native: 512, dimension: 512, space: "images"));
        MetadataReference query = Library("Search.Query", Binding("queries", "Query"));
        MetadataReference other = Library("Search.Other", Binding("other", "Vector", model: "BAAI/bge-small-en-v1.5", space: "other-space"));

        Assert.Empty(await AppAsync("public static class Program { }", indexer, query, other));
    }

    [Fact]
    public async Task Three_definitions_of_one_space_give_one_diagnostic_per_definition_that_differs_from_the_first()
    {
        MetadataReference a = Library("A.Lib", Binding("a", "V"));
        MetadataReference b = Library("B.Lib", Binding("b", "V", dimension: 256, normalization: "truncate(256), l2"));
        MetadataReference c = Library("C.Lib", Binding("c", "V", model: "BAAI/bge-small-en-v1.5"));

        ImmutableArray<Diagnostic> diagnostics = await AppAsync("public static class Program { }", a, b, c);

        Assert.Equal(2, diagnostics.Length);
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("A.Lib (feature set 'a', feature 'V') binds dimension 384 but B.Lib (feature set 'b', feature 'V') binds 256", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("A.Lib (feature set 'a', feature 'V') binds model '" + MiniLM + "' but C.Lib", StringComparison.Ordinal));
    }
}
