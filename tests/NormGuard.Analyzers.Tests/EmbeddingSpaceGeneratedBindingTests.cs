using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using NormGuard.Generators.Analyzers;
using Xunit;

namespace NormGuard.Analyzers.Tests;

/// <summary>
/// NG0020 across an assembly boundary as samples/SemanticSearch builds it: the indexer's feature record is compiled
/// in a library with the REAL generator bound to its manifest (so the <c>[assembly: EmbeddingSpaceBinding]</c> is the
/// generator's, not written by hand as in <see cref="EmbeddingSpaceConflictTests"/>), emitted, and referenced by the
/// query service's compilation, which the generator binds to its own manifest before the analyzer runs.
/// Expected before running: the 256-dimension query side fails naming both sides and "dimension" as the first field
/// that differs; an identical query side and a query side of another space build clean.
/// </summary>
public sealed class EmbeddingSpaceGeneratedBindingTests
{
    private const string Model = "sentence-transformers/all-MiniLM-L6-v2";

    private const string IndexerRecord = """
        using NormGuard;

        namespace Search.Indexer;

        [FeatureSet("semantic-search-documents")]
        public partial record DocumentFeatures
        {
            [FeatureName("Embedding"), Embedding("debian-docs-minilm", 384, Model = "sentence-transformers/all-MiniLM-L6-v2"), L2Normalize]
            public float[] Embedding { get; init; } = [];
        }
        """;

    private static string Manifest(string featureSet, int dimension, string steps, string space = "debian-docs-minilm") =>
        "{\"format\":\"normguard.manifest/1\",\"featureSet\":\"" + featureSet + "\",\"version\":1,\"profile\":\"normguard\",\"dtype\":\"float32\"," +
        "\"features\":[{\"name\":\"Embedding\",\"space\":{\"name\":\"" + space + "\",\"model\":\"" + Model + "\",\"nativeDimension\":384,\"dimension\":" +
        dimension.ToString(CultureInfo.InvariantCulture) + "},\"steps\":[" + steps + "],\"missing\":\"error\"}]}";

    private static string QueryRecord(string attributes, string space = "debian-docs-minilm") => $$"""
        using NormGuard;

        namespace Search.Query;

        [FeatureSet("semantic-search-queries")]
        public partial record QueryFeatures
        {
            [FeatureName("Embedding"), Embedding("{{space}}", 384, Model = "sentence-transformers/all-MiniLM-L6-v2"), {{attributes}}]
            public float[] Embedding { get; init; } = [];
        }
        """;

    private static MetadataReference IndexerLibrary()
    {
        Compilation generated = RoslynHost.Generate(
            RoslynHost.Compile("Search.Indexer", [], IndexerRecord),
            new InMemoryAdditionalText("semantic-search-documents.normguard.json", Manifest("semantic-search-documents", 384, "{\"op\":\"l2\"}")));
        Assert.Contains(generated.Assembly.GetAttributes(), a => a.AttributeClass?.Name == "EmbeddingSpaceBindingAttribute");
        return RoslynHost.Emit(generated);
    }

    private static async Task<ImmutableArray<Diagnostic>> QueryServiceAsync(string record, string manifest)
    {
        Compilation query = RoslynHost.Generate(
            RoslynHost.Compile("Search.Query", [IndexerLibrary()], record),
            new InMemoryAdditionalText("semantic-search-queries.normguard.json", manifest));
        return await RoslynHost.AnalyzeAsync(query, new EmbeddingSpaceConflictAnalyzer());
    }

    [Fact]
    public async Task A_query_service_that_truncates_the_indexers_space_fails_naming_both_assemblies()
    {
        ImmutableArray<Diagnostic> diagnostics = await QueryServiceAsync(
            QueryRecord("Truncate(256), L2Normalize"),
            Manifest("semantic-search-queries", 256, "{\"op\":\"truncate\",\"dimension\":256},{\"op\":\"l2\"}"));

        Diagnostic ng0020 = Assert.Single(diagnostics);
        Assert.Equal("NG0020", ng0020.Id);
        Assert.Equal(DiagnosticSeverity.Error, ng0020.Severity);
        Assert.StartsWith(
            "Embedding space 'debian-docs-minilm' is bound with different definitions: Search.Query (this project; feature set 'semantic-search-queries', feature 'Embedding') binds dimension 256 but Search.Indexer (feature set 'semantic-search-documents', feature 'Embedding') binds 384",
            ng0020.GetMessage(CultureInfo.InvariantCulture),
            StringComparison.Ordinal);
        Assert.Equal("Search.Query", ng0020.Location.SourceTree!.FilePath.Split('/')[2]);
    }

    [Fact]
    public async Task A_query_service_that_binds_the_indexers_space_identically_builds()
    {
        Assert.Empty(await QueryServiceAsync(QueryRecord("L2Normalize"), Manifest("semantic-search-queries", 384, "{\"op\":\"l2\"}")));
    }

    [Fact]
    public async Task A_query_service_of_another_space_does_not_conflict()
    {
        Assert.Empty(await QueryServiceAsync(
            QueryRecord("Truncate(256), L2Normalize", space: "debian-docs-minilm-256"),
            Manifest("semantic-search-queries", 256, "{\"op\":\"truncate\",\"dimension\":256},{\"op\":\"l2\"}", space: "debian-docs-minilm-256")));
    }
}
