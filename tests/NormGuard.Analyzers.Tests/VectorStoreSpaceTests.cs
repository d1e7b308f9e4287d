using System;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.Extensions.VectorData;
using NormGuard.Generators.Analyzers;
using Xunit;

namespace NormGuard.Analyzers.Tests;

/// <summary>
/// NG0021 on records that use the real <c>[VectorStoreVector]</c> of Microsoft.Extensions.VectorData.Abstractions 11.0.0.
/// The space's definitions are hand-written <c>[assembly: EmbeddingSpaceBinding]</c>s as the generator emits them. Which
/// declarations are wrong (and at which severity) was decided from the space before running the analyzer.
/// </summary>
public sealed class VectorStoreSpaceTests
{
    private const string MiniLM = "sentence-transformers/all-MiniLM-L6-v2";

    private static string Binding(int native = 384, int dimension = 384, string normalization = "l2", bool unit = true, string space = "docs", string featureSet = "docs") =>
        $"[assembly: NormGuard.EmbeddingSpaceBinding(\"{space}\", \"{featureSet}\", \"Embedding\", \"{MiniLM}\", \"\", {native}, {dimension}, \"{normalization}\", {(unit ? "true" : "false")}, \"{new string('a', 64)}\")]\n";

    private static string Record(string vectorAttribute, string space = "docs") => $$"""
        using System;
        using Microsoft.Extensions.VectorData;
        using NormGuard;

        public sealed class DocRecord
        {
            [VectorStoreKey] public Guid Id { get; set; }

            [VectorStoreData] public string Text { get; set; } = "";

            [{{vectorAttribute}}, InEmbeddingSpace("{{space}}")]
            public ReadOnlyMemory<float> Embedding { get; set; }
        }
        """;

    /// <summary>The package's net8.0 assembly: the markup tests compile against the .NET 8 reference pack.</summary>
    private static readonly string VectorDataNet80 = typeof(VectorStoreSpaceTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "VectorDataNet80").Value!;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = Verify<VectorStoreSpaceAnalyzer>.Test(UsingsFirst(source));
        test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(VectorDataNet80));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>The bindings are written before the record; C# wants the using directives before assembly attributes.</summary>
    private static string UsingsFirst(string source)
    {
        string[] lines = source.Split('\n');
        return string.Join('\n', lines.Where(l => l.StartsWith("using ", StringComparison.Ordinal)).Concat(lines.Where(l => !l.StartsWith("using ", StringComparison.Ordinal))));
    }

    private static DiagnosticResult Warning(int location) => new DiagnosticResult("NG0021", DiagnosticSeverity.Warning).WithLocation(location);

    [Fact]
    public async Task A_dimension_that_differs_from_the_spaces_is_an_error_at_the_argument()
    {
        await VerifyAsync(Binding() + Record("VectorStoreVector({|NG0021:256|}, DistanceFunction = DistanceFunction.CosineSimilarity)"));
    }

    [Fact]
    public async Task A_dimension_given_by_name_is_read_too()
    {
        await VerifyAsync(Binding() + Record("VectorStoreVector({|NG0021:dimensions: 512|})"));
    }

    [Fact]
    public async Task The_models_native_dimension_on_a_truncated_space_is_named_as_such()
    {
        var expected = new DiagnosticResult("NG0021", DiagnosticSeverity.Error).WithLocation(0).WithMessage(
            "'DocRecord.Embedding' is in embedding space 'docs': the vector store declares Dimensions = 768 but the space's vectors have 256 (" + MiniLM +
            ", 768 native, steps 'truncate(256), l2'); 768 is the model's native dimension, before the steps: the store would reject the space's vectors or hold vectors of another space; declare Dimensions = 256");

        await VerifyAsync(Binding(native: 768, dimension: 256, normalization: "truncate(256), l2") + Record("VectorStoreVector({|#0:768|})"), expected);
    }

    [Theory]
    [InlineData("CosineSimilarity")]
    [InlineData("CosineDistance")]
    [InlineData("DotProductSimilarity")]
    [InlineData("EuclideanDistance")]
    public async Task On_a_unit_length_space_cosine_dot_product_and_Euclidean_rank_alike_and_nothing_is_reported(string distance)
    {
        await VerifyAsync(Binding() + Record($"VectorStoreVector(384, DistanceFunction = DistanceFunction.{distance})"));
    }

    [Theory]
    [InlineData("DotProductSimilarity")]
    [InlineData("NegativeDotProductSimilarity")]
    [InlineData("EuclideanDistance")]
    [InlineData("EuclideanSquaredDistance")]
    [InlineData("ManhattanDistance")]
    public async Task On_a_space_that_is_not_unit_length_length_sensitive_distances_are_a_warning(string distance)
    {
        var expected = Warning(0).WithMessage(
            "'DocRecord.Embedding' is in embedding space 'docs': DistanceFunction = " + distance + " ranks differently from cosine because the space's vectors are not declared unit length (steps 'center' do not end with l2): " +
            Why(distance) + "; use CosineSimilarity or CosineDistance, or end the space's steps with [L2Normalize]");

        await VerifyAsync(Binding(normalization: "center", unit: false) + Record($"VectorStoreVector(384, {{|#0:DistanceFunction = DistanceFunction.{distance}|}})"), expected);
    }

    [Theory]
    [InlineData("CosineSimilarity")]
    [InlineData("CosineDistance")]
    public async Task On_a_space_that_is_not_unit_length_cosine_is_fine(string distance)
    {
        await VerifyAsync(Binding(normalization: "center", unit: false) + Record($"VectorStoreVector(384, DistanceFunction = DistanceFunction.{distance})"));
    }

    [Fact]
    public async Task An_unknown_distance_function_on_a_space_that_is_not_unit_length_cannot_be_decided_and_says_so()
    {
        var expected = Warning(0).WithMessage(
            "'DocRecord.Embedding' is in embedding space 'docs': DistanceFunction = \"ProviderSpecificDistance\" is not a function this check knows, and the space's vectors are not declared unit length (steps 'none'), so it cannot decide whether the store ranks them as cosine would; use CosineSimilarity or CosineDistance, or end the space's steps with [L2Normalize]");

        await VerifyAsync(Binding(normalization: "none", unit: false) + Record("VectorStoreVector(384, {|#0:DistanceFunction = \"ProviderSpecificDistance\"|})"), expected);
    }

    [Fact]
    public async Task A_space_no_visible_binding_defines_is_a_warning_that_the_check_cannot_decide()
    {
        var expected = Warning(0).WithMessage(
            "'DocRecord.Embedding' is in embedding space 'queries': no visible binding defines the space (no [assembly: EmbeddingSpaceBinding] for it in this project or the assemblies it references), so this check cannot decide whether Dimensions = 384 and DistanceFunction = DotProductSimilarity fit it: reference the assembly whose feature set binds the space, or correct the name");

        await VerifyAsync(
            Binding() + Record("VectorStoreVector(384, DistanceFunction = DistanceFunction.DotProductSimilarity)", space: "queries").Replace("InEmbeddingSpace(\"queries\")", "{|#0:InEmbeddingSpace(\"queries\")|}", StringComparison.Ordinal),
            expected);
    }

    [Fact]
    public async Task Definitions_that_disagree_on_the_dimension_leave_the_check_undecided()
    {
        var expected = Warning(0).WithMessage(
            "'DocRecord.Embedding' is in embedding space 'docs': the visible bindings give the space 2 dimensions (384, 256, NG0020), so this check cannot decide whether Dimensions = 384 fits it");

        await VerifyAsync(Binding() + Binding(dimension: 256, normalization: "truncate(256), l2", featureSet: "queries") + Record("VectorStoreVector({|#0:384|})"), expected);
    }

    [Fact]
    public async Task Vector_properties_without_InEmbeddingSpace_and_InEmbeddingSpace_without_a_vector_attribute_are_not_checked()
    {
        string source = Binding() + """
            using System;
            using Microsoft.Extensions.VectorData;
            using NormGuard;

            public sealed class Other
            {
                [VectorStoreVector(3, DistanceFunction = DistanceFunction.DotProductSimilarity)] public ReadOnlyMemory<float> Plain { get; set; }

                [InEmbeddingSpace("docs")] public float[] Message { get; set; } = Array.Empty<float>();
            }
            """;

        await VerifyAsync(source);
    }

    [Fact]
    public async Task The_space_is_found_in_a_referenced_library_as_the_build_of_a_consumer_sees_it()
    {
        MetadataReference vectorData = MetadataReference.CreateFromFile(typeof(VectorStoreVectorAttribute).Assembly.Location);
        MetadataReference indexer = RoslynHost.Emit(RoslynHost.Compile("Search.Indexer", [], Binding(normalization: "center", unit: false) + "public static class Marker { }"));
        Compilation app = RoslynHost.Compile("Search.Store", [indexer, vectorData], UsingsFirst(Record("VectorStoreVector(256, DistanceFunction = DistanceFunction.EuclideanDistance)")));

        ImmutableArray<Diagnostic> diagnostics = await RoslynHost.AnalyzeAsync(app, new VectorStoreSpaceAnalyzer());

        Assert.Equal(2, diagnostics.Length);
        Diagnostic dimension = Assert.Single(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains("Dimensions = 256 but the space's vectors have 384", dimension.GetMessage(), StringComparison.Ordinal);
        Diagnostic distance = Assert.Single(diagnostics, d => d.Severity == DiagnosticSeverity.Warning);
        Assert.Contains("DistanceFunction = EuclideanDistance ranks differently from cosine", distance.GetMessage(), StringComparison.Ordinal);
    }

    /// <summary>The shape of the real attribute this rule reads by name (11.0.0; 10.5.2 is the same, 9.7.0 names the
    /// constructor parameter <c>Dimensions</c>): one constructor taking the dimension, a get-only <c>Dimensions</c>, and a
    /// settable string <c>DistanceFunction</c> whose well-known values are the <c>DistanceFunction</c> constants.</summary>
    [Fact]
    public void The_VectorStoreVector_attribute_of_11_0_0_has_the_shape_the_rule_reads()
    {
        Type attribute = typeof(VectorStoreVectorAttribute);
        Assert.Equal("11.0.0", attribute.Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0]);
        ConstructorInfo constructor = Assert.Single(attribute.GetConstructors());
        ParameterInfo parameter = Assert.Single(constructor.GetParameters());
        Assert.Equal((typeof(int), "dimensions"), (parameter.ParameterType, parameter.Name));
        Assert.Null(attribute.GetProperty("Dimensions")!.GetSetMethod());
        Assert.Equal(typeof(string), attribute.GetProperty("DistanceFunction")!.PropertyType);
        Assert.NotNull(attribute.GetProperty("DistanceFunction")!.GetSetMethod());
        Assert.Equal(
            ["CosineDistance", "CosineSimilarity", "DotProductSimilarity", "EuclideanDistance", "EuclideanSquaredDistance", "HammingDistance", "ManhattanDistance", "NegativeDotProductSimilarity"],
            typeof(DistanceFunction).GetFields().Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal));
    }

    private static string Why(string distance) => distance switch
    {
        "DotProductSimilarity" => "q·d = ‖q‖‖d‖cos θ, so a longer stored vector ranks higher at the same angle",
        "NegativeDotProductSimilarity" => "−q·d = −‖q‖‖d‖cos θ, so a longer stored vector ranks higher at the same angle",
        "ManhattanDistance" => "Σ|qᵢ − dᵢ| grows with the vectors' lengths, so lengths shift the ranking",
        _ => "‖q − d‖² = ‖q‖² + ‖d‖² − 2 q·d equals 2 − 2 cos θ only for unit vectors, so lengths shift the ranking",
    };
}
