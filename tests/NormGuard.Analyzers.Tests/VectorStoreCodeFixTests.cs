using System;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using NormGuard.CodeFixes;
using NormGuard.Generators.Analyzers;
using Xunit;

namespace NormGuard.Analyzers.Tests;

/// <summary>
/// NG0021's code fixes on records that use the real <c>[VectorStoreVector]</c> of Microsoft.Extensions.VectorData.Abstractions
/// 11.0.0 (one constructor <c>(int dimensions)</c>, a settable string <c>DistanceFunction</c>; see
/// <see cref="VectorStoreSpaceTests"/>). The fixed sources were written from the space before running the fix.
/// </summary>
public sealed class VectorStoreCodeFixTests
{
    private const string UnitSpace = "[assembly: NormGuard.EmbeddingSpaceBinding(\"docs\", \"docs\", \"Embedding\", \"sentence-transformers/all-MiniLM-L6-v2\", \"\", 384, 384, \"l2\", true, \"" + Sha + "\")]";
    private const string CenteredSpace = "[assembly: NormGuard.EmbeddingSpaceBinding(\"docs\", \"docs\", \"Embedding\", \"sentence-transformers/all-MiniLM-L6-v2\", \"\", 384, 384, \"center\", false, \"" + Sha + "\")]";
    private const string Sha = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    private static readonly string VectorDataNet80 = typeof(VectorStoreCodeFixTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "VectorDataNet80").Value!;

    private static string Record(string binding, string vectorAttribute, string extraUsing = "", string members = "") => $$"""
        using System;
        using Microsoft.Extensions.VectorData;
        using NormGuard;
        {{extraUsing}}
        {{binding}}

        public sealed class DocRecord
        {
            {{members}}[VectorStoreKey] public Guid Id { get; set; }

            [{{vectorAttribute}}, InEmbeddingSpace("docs")]
            public ReadOnlyMemory<float> Embedding { get; set; }
        }
        """;

    private static Task VerifyFixAsync(string source, string fixedSource, int fixAllIterations = 1)
    {
        var test = new CSharpCodeFixTest<VectorStoreSpaceAnalyzer, SetVectorStoreFromSpaceCodeFix, DefaultVerifier> { TestCode = source, FixedCode = fixedSource, NumberOfFixAllIterations = fixAllIterations };
        // Markup left in the fixed source is a diagnostic that no fix removes.
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        if (source == fixedSource)
        {
            // No fix is offered: neither one at a time nor fix-all changes anything.
            test.NumberOfIncrementalIterations = 0;
            test.NumberOfFixAllIterations = 0;
        }

        foreach (SolutionState state in new SolutionState[] { test.TestState, test.FixedState })
        {
            state.ReferenceAssemblies = References.Net80;
            state.AdditionalReferences.Add(typeof(FeatureSetAttribute).Assembly);
            state.AdditionalReferences.Add(MetadataReference.CreateFromFile(VectorDataNet80));
        }

        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task A_positional_dimension_is_set_to_the_spaces() =>
        VerifyFixAsync(
            Record(UnitSpace, "VectorStoreVector({|NG0021:1536|}, DistanceFunction = DistanceFunction.CosineSimilarity)"),
            Record(UnitSpace, "VectorStoreVector(384, DistanceFunction = DistanceFunction.CosineSimilarity)"));

    [Fact]
    public Task A_dimension_given_by_parameter_name_keeps_its_name() =>
        VerifyFixAsync(
            Record(UnitSpace, "VectorStoreVector({|NG0021:dimensions: 512|})"),
            Record(UnitSpace, "VectorStoreVector(dimensions: 384)"));

    [Fact]
    public Task A_length_sensitive_distance_on_a_centered_space_becomes_cosine_written_the_same_way() =>
        VerifyFixAsync(
            Record(CenteredSpace, "VectorStoreVector(384, {|NG0021:DistanceFunction = DistanceFunction.DotProductSimilarity|})"),
            Record(CenteredSpace, "VectorStoreVector(384, DistanceFunction = DistanceFunction.CosineSimilarity)"));

    [Fact]
    public Task A_fully_qualified_constant_stays_fully_qualified() =>
        VerifyFixAsync(
            Record(CenteredSpace, "VectorStoreVector(384, {|NG0021:DistanceFunction = Microsoft.Extensions.VectorData.DistanceFunction.EuclideanDistance|})"),
            Record(CenteredSpace, "VectorStoreVector(384, DistanceFunction = Microsoft.Extensions.VectorData.DistanceFunction.CosineSimilarity)"));

    [Fact]
    public Task A_string_literal_stays_a_string_literal() =>
        VerifyFixAsync(
            Record(CenteredSpace, "VectorStoreVector(384, {|NG0021:DistanceFunction = \"ManhattanDistance\"|})"),
            Record(CenteredSpace, "VectorStoreVector(384, DistanceFunction = \"CosineSimilarity\")"));

    [Fact]
    public Task A_constant_imported_with_using_static_stays_unqualified() =>
        VerifyFixAsync(
            Record(CenteredSpace, "VectorStoreVector(384, {|NG0021:DistanceFunction = EuclideanSquaredDistance|})", extraUsing: "using static Microsoft.Extensions.VectorData.DistanceFunction;"),
            Record(CenteredSpace, "VectorStoreVector(384, DistanceFunction = CosineSimilarity)", extraUsing: "using static Microsoft.Extensions.VectorData.DistanceFunction;"));

    /// <summary>Renaming the user's own constant would change what else uses it: the argument gets the VectorData constant.</summary>
    [Fact]
    public Task A_constant_of_the_users_own_is_replaced_by_the_VectorData_constant_not_renamed() =>
        VerifyFixAsync(
            Record(CenteredSpace, "VectorStoreVector(384, {|NG0021:DistanceFunction = Metric|})", members: "private const string Metric = DistanceFunction.DotProductSimilarity;\n\n    "),
            Record(CenteredSpace, "VectorStoreVector(384, DistanceFunction = DistanceFunction.CosineSimilarity)", members: "private const string Metric = DistanceFunction.DotProductSimilarity;\n\n    "));

    [Fact]
    public Task A_wrong_dimension_and_a_length_sensitive_distance_are_both_fixed() =>
        VerifyFixAsync(
            Record(CenteredSpace, "VectorStoreVector({|NG0021:768|}, {|NG0021:DistanceFunction = DistanceFunction.DotProductSimilarity|})"),
            Record(CenteredSpace, "VectorStoreVector(384, DistanceFunction = DistanceFunction.CosineSimilarity)"),
            fixAllIterations: 2);

    /// <summary>Undecided forms carry no fix: which side is right is not known (the fixed source is the source: no fix offered).</summary>
    [Fact]
    public Task An_unknown_distance_function_offers_no_fix()
    {
        string unknownDistance = Record(CenteredSpace, "VectorStoreVector(384, {|NG0021:DistanceFunction = \"ProviderSpecificDistance\"|})");
        return VerifyFixAsync(unknownDistance, unknownDistance);
    }

    [Fact]
    public Task A_space_no_visible_binding_defines_offers_no_fix()
    {
        string unknownSpace = Record(UnitSpace, "VectorStoreVector(1536, DistanceFunction = DistanceFunction.DotProductSimilarity)")
            .Replace("InEmbeddingSpace(\"docs\")", "{|NG0021:InEmbeddingSpace(\"queries\")|}", StringComparison.Ordinal);
        return VerifyFixAsync(unknownSpace, unknownSpace);
    }

    [Fact]
    public Task Dimensions_that_the_bindings_disagree_on_offer_no_fix()
    {
        string twoDefinitions = Record(
            UnitSpace + "\n" + UnitSpace.Replace("\"docs\", \"Embedding\"", "\"queries\", \"Embedding\"", StringComparison.Ordinal).Replace("384, 384, \"l2\"", "768, 256, \"truncate(256), l2\"", StringComparison.Ordinal),
            "VectorStoreVector({|NG0021:512|})");
        return VerifyFixAsync(twoDefinitions, twoDefinitions);
    }
}
