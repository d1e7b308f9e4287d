using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using NormGuard.Generators.Binding;
using Xunit;

namespace NormGuard.Generators.Tests;

/// <summary>
/// NG0001 when the feature set's manifest is among the AdditionalFiles under another name (issue 17: a snapshot saved as
/// <c>diamonds-v2.normguard.json</c>). Written before running: the message names every AdditionalFile whose content
/// declares <c>"featureSet": "diamonds"</c> and the attribute that binds it — the file name, or as many directories as
/// tell it from another manifest of that name; a <c>*.json</c> that is not read as a manifest is told to be renamed;
/// files of other feature sets and invalid JSON are not named, and nothing throws.
/// </summary>
public sealed class DeclaredManifestTests
{
    private const string Declares = " declares \"featureSet\": \"diamonds\": bind it with ";

    [Fact]
    public void A_renamed_manifest_is_named_with_the_attribute_that_binds_it()
    {
        string message = NoManifest(("/p/diamonds-v2.normguard.json", TestManifests.DiamondsManifest), ("/p/houses.normguard.json", Houses));

        Assert.Contains("has no manifest 'diamonds.normguard.json' among the AdditionalFiles, but /p/diamonds-v2.normguard.json" + Declares + "[FeatureSet(\"diamonds\", Manifest = \"diamonds-v2.normguard.json\")]; fit it", message, StringComparison.Ordinal);
        Assert.DoesNotContain("houses", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_declaring_file_is_named_and_a_shared_file_name_is_told_apart_by_its_directory()
    {
        string message = NoManifest(
            ("/a/diamonds-v2.normguard.json", TestManifests.DiamondsManifest),
            ("/b/diamonds-v2.normguard.json", TestManifests.DiamondsManifest),
            ("/b/old/diamonds.v1.normguard.json", TestManifests.DiamondsManifest));

        Assert.Contains("/a/diamonds-v2.normguard.json" + Declares + "[FeatureSet(\"diamonds\", Manifest = \"a/diamonds-v2.normguard.json\")]", message, StringComparison.Ordinal);
        Assert.Contains("/b/diamonds-v2.normguard.json" + Declares + "[FeatureSet(\"diamonds\", Manifest = \"b/diamonds-v2.normguard.json\")]", message, StringComparison.Ordinal);
        Assert.Contains("/b/old/diamonds.v1.normguard.json" + Declares + "[FeatureSet(\"diamonds\", Manifest = \"diamonds.v1.normguard.json\")]", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_file_that_is_not_read_as_a_manifest_is_told_to_be_renamed()
    {
        string message = NoManifest(("/p/diamonds-snapshot.json", TestManifests.DiamondsManifest));

        Assert.Contains("/p/diamonds-snapshot.json declares \"featureSet\": \"diamonds\" and is not read as a manifest (the name must end in .normguard.json): rename it to diamonds-snapshot.normguard.json and bind it with [FeatureSet(\"diamonds\", Manifest = \"diamonds-snapshot.normguard.json\")]", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_and_other_feature_sets_are_not_named_and_nothing_throws()
    {
        string message = NoManifest(
            ("/p/truncated.json", "{ \"format\": \"normguard.manifest/1\", \"featureSet\": \"diamo"),
            ("/p/dangling.json", "{ \"featureSet\" :"),
            ("/p/number.json", "{ \"featureSet\": 3 }"),
            ("/p/escaped.json", "{ \"featureSet\": \"dia\\u006donds\" }"),
            ("/p/other.json", "{ \"featureSet\": \"houses\" }"),
            ("/p/broken.normguard.json", "{ \"featureSet\": \"diamonds\", "));

        Assert.DoesNotContain(", but ", message, StringComparison.Ordinal);
        Assert.Contains("has no manifest 'diamonds.normguard.json' among the AdditionalFiles; fit it", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"featureSet\":\"diamonds\"}", "diamonds")]
    [InlineData("{ \"x\": \"\\\"featureSet\\\"\", \"featureSet\" :\n \"diamonds\" }", "diamonds")]
    [InlineData("{ \"featureSet\": 3, \"featureSet\": \"second\" }", "second")]
    [InlineData("\"featureSet\"", null)]
    [InlineData("{ \"featureSet\": \"line\nbreak\" }", null)]
    [InlineData("", null)]
    public void The_scan_reads_the_first_plain_string_value_and_never_throws(string text, string? expected) =>
        Assert.Equal(expected, ManifestDeclarations.Scan(text));

    [Fact]
    public void The_code_fix_gets_the_one_binding_manifest_name()
    {
        GenerationRun run = GeneratorHost.Run(TestManifests.DiamondsSource, ("/p/models/diamonds-v2.normguard.json", TestManifests.DiamondsManifest));
        Diagnostic d = Single(run);
        Assert.Equal("diamonds-v2.normguard.json", d.Properties["BindManifest"]);

        // Two declaring manifests: which one to bind is a decision, so there is nothing for the fix to write.
        Diagnostic two = Single(GeneratorHost.Run(TestManifests.DiamondsSource, ("/p/diamonds-v2.normguard.json", TestManifests.DiamondsManifest), ("/p/diamonds-v3.normguard.json", TestManifests.DiamondsManifest)));
        Assert.False(two.Properties.ContainsKey("BindManifest"));
    }

    private const string Houses = """
        { "format": "normguard.manifest/1", "featureSet": "houses", "version": 1, "features": [ { "name": "Area", "steps": [ { "op": "zscore", "mean": 1, "std": 2 } ] } ] }
        """;

    private static string NoManifest(params (string Path, string Text)[] files) => Single(GeneratorHost.Run(TestManifests.DiamondsSource, files)).GetMessage();

    private static Diagnostic Single(GenerationRun run)
    {
        Diagnostic d = Assert.Single(run.Diagnostics, d => d.Id == "NG0001");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        return d;
    }
}
