using System.Threading.Tasks;
using NormGuard.CodeFixes;
using NormGuard.Generators.Analyzers;
using Xunit;

namespace NormGuard.Analyzers.Tests;

/// <summary>
/// NG0001 with the feature set's manifest present under another name (a renamed snapshot): "Bind to …" sets
/// <c>Manifest</c> on <c>[FeatureSet]</c>, adding it or replacing a name that matches no file, and the rule is quiet
/// afterwards. Two declaring files get no fix (which one to bind is a decision): DeclaredManifestTests checks that the
/// diagnostic then carries no manifest to bind.
/// </summary>
public sealed class BindManifestCodeFixTests
{
    private const string Record = """
        {
            [ZScore] public double Area { get; init; }
            [MinMax(0, 1, Clip = true)] public double Rooms { get; init; }
            [OneHot] public HouseKind Kind { get; init; }
            [Passthrough] public bool Garden { get; init; }
        }
        """;

    [Fact]
    public Task The_fix_adds_Manifest_naming_the_renamed_file() =>
        Verify<NoManifestAnalyzer>.CodeFixAsync<BindManifestCodeFix>(
            Sources.Usings + "[FeatureSet(\"houses\", Version = 3)]\npublic partial record struct {|NG0001:House|}\n" + Record,
            Sources.Usings + "[FeatureSet(\"houses\", Version = 3, Manifest = \"houses-v2.normguard.json\")]\npublic partial record struct House\n" + Record,
            ("/project/models/houses-v2.normguard.json", Sources.Manifest));

    [Fact]
    public Task The_fix_replaces_a_Manifest_that_names_a_missing_file() =>
        Verify<NoManifestAnalyzer>.CodeFixAsync<BindManifestCodeFix>(
            Sources.Usings + "[FeatureSet(\"houses\", Manifest = \"houses.v1.normguard.json\")]\npublic partial record struct {|NG0001:House|}\n" + Record,
            Sources.Usings + "[FeatureSet(\"houses\", Manifest = \"houses-v2.normguard.json\")]\npublic partial record struct House\n" + Record,
            ("/project/houses-v2.normguard.json", Sources.Manifest));

    [Fact]
    public Task Two_declaring_files_still_get_the_diagnostic() =>
        Verify<NoManifestAnalyzer>.AnalyzerAsync(
            Sources.Usings + "[FeatureSet(\"houses\")]\npublic partial record struct {|NG0001:House|}\n" + Record,
            ("/project/houses-v2.normguard.json", Sources.Manifest),
            ("/project/houses-v3.normguard.json", Sources.Manifest));
}
