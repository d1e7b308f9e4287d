using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NormGuard.Generators.Tests;

/// <summary>What the build reports about a record and its manifest, and where: in the C# source, or at the line and
/// column in the manifest. NG0001 and NG0002 come from analyzers (editors show them, .editorconfig configures them);
/// the generator reports nothing and only decides what to emit.</summary>
public sealed class DiagnosticTests
{
    private const string Path = "/p/diamonds.normguard.json";

    [Fact]
    public void NG0001_names_the_expected_file_at_the_type()
    {
        GenerationRun run = GeneratorHost.Run(TestManifests.DiamondsSource);
        Assert.Empty(run.GeneratorDiagnostics);
        Diagnostic d = Single(run, "NG0001");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains("diamonds.normguard.json", d.GetMessage(), StringComparison.Ordinal);
        FileLinePositionSpan span = d.Location.GetLineSpan();
        Assert.Equal("Source0.cs", span.Path);
        Assert.Equal("Diamond", TestManifests.DiamondsSource.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length));
        Assert.EndsWith("docs/rules/NG0001.md", d.Descriptor.HelpLinkUri, StringComparison.Ordinal);
    }

    [Fact]
    public void NG0001_when_two_files_match_lists_both()
    {
        Diagnostic d = Single(GeneratorHost.Run(TestManifests.DiamondsSource, ("/a/diamonds.normguard.json", TestManifests.DiamondsManifest), ("/b/diamonds.normguard.json", TestManifests.DiamondsManifest)), "NG0001");
        Assert.Contains("/a/diamonds.normguard.json", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("/b/diamonds.normguard.json", d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\n  \"format\": \"normguard.manifest/1\",\n  \"featureSet\": \"diamonds\",\n  \"version\": 3,,\n}", 4, 16, "expected a property name")]
    [InlineData("{\n  \"format\": \"normguard.manifest/2\"\n}", 2, 13, "unknown format")]
    [InlineData("{\n  \"format\": \"normguard.manifest/1\",\n  \"featureSet\": \"diamonds\",\n  \"version\": \"3\"\n}", 4, 14, "\"version\" must be a positive integer")]
    [InlineData("", 1, 1, "empty")]
    [InlineData("\uFEFF{ \"format\": \"normguard.manifest/1\", \"featureSet\": \"diamonds\", \"featureSet\": \"x\" }", 1, 64, "duplicate key")]
    public void NG0002_points_at_the_line_and_column_in_the_manifest(string manifest, int line, int column, string message)
    {
        GenerationRun run = GeneratorHost.Run(TestManifests.DiamondsSource, (Path, manifest));
        Diagnostic d = run.Diagnostics.First(d => d.Id == "NG0002");
        Assert.Contains(message, d.GetMessage(), StringComparison.Ordinal);
        FileLinePositionSpan span = d.Location.GetLineSpan();
        Assert.Equal(Path, span.Path);
        Assert.Equal((line, column), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        AssertUnbound(run, "NG0002");
    }

    [Fact]
    public void NG0002_reports_every_schema_problem_not_just_the_first()
    {
        string manifest = TestManifests.DiamondsManifest
            .Replace("\"std\": 0.22", "\"stdev\": 0.22", StringComparison.Ordinal)
            .Replace("\"op\": \"maxabs\"", "\"op\": \"maxabs2\"", StringComparison.Ordinal);
        Diagnostic[] diagnostics = GeneratorHost.Run(TestManifests.DiamondsSource, (Path, manifest)).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.All(diagnostics, d => Assert.Equal("NG0002", d.Id));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("unknown field \"stdev\"", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("has no \"std\"", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("unknown op \"maxabs2\"", StringComparison.Ordinal));
    }

    [Fact]
    public void NG0002_rejects_a_hand_edited_parameter_through_the_hash()
    {
        Diagnostic d = Single(GeneratorHost.Run(TestManifests.DiamondsSource, (Path, WithSha("0.4", "0.41"))), "NG0002");
        Assert.Contains("changed after it was written", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("normguard seal", d.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain("remove the field", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_manifest_of_another_feature_set_is_refused()
    {
        string manifest = TestManifests.DiamondsManifest.Replace("\"featureSet\": \"diamonds\"", "\"featureSet\": \"rubies\"", StringComparison.Ordinal);
        Diagnostic d = Single(GeneratorHost.Run(TestManifests.DiamondsSource, (Path, manifest)), "NG0002");
        Assert.Contains("'rubies'", d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[FeatureName(\"depth\"), ZScore]", "[FeatureName(\"depth\"), MinMax]", "NG0007")]
    [InlineData("[FeatureName(\"y\"), MaxAbs]", "[FeatureName(\"width\"), MaxAbs]", "NG0008")]
    [InlineData("[FeatureName(\"cut\"), OneHot]", "[FeatureName(\"cut\"), ZScore]", "NG0004")]
    [InlineData("[FeatureName(\"depth\"), ZScore]", "[FeatureName(\"depth\"), OneHot]", "NG0014")]
    public void A_record_that_cannot_bind_gets_only_throwing_members_and_the_generator_leaves_reporting_to_the_analyzers(string from, string to, string rule)
    {
        // NG0004, NG0007, NG0008, NG0009, NG0014 and NG0015 are analyzer diagnostics (configurable per file);
        // the generator only declines to generate what would be wrong.
        GenerationRun run = GeneratorHost.Run(TestManifests.DiamondsSource.Replace(from, to, StringComparison.Ordinal), (Path, TestManifests.DiamondsManifest));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains(run.Diagnostics, d => d.Id == rule && d.Severity == DiagnosticSeverity.Error);
        AssertUnbound(run, rule);
        Assert.Empty(run.CompileErrors);
    }

    [Theory]
    [InlineData("public partial record struct", "public record struct", "NG0015")]
    [InlineData("record struct Diamond", "record struct Diamond<T>", "NG0014")]
    public void Nothing_is_generated_into_a_type_that_cannot_take_members(string from, string to, string rule)
    {
        GenerationRun run = GeneratorHost.Run(TestManifests.DiamondsSource.Replace(from, to, StringComparison.Ordinal), (Path, TestManifests.DiamondsManifest));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains(run.Diagnostics, d => d.Id == rule && d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(run.AllSources);
    }

    [Fact]
    public void A_non_finite_parameter_generates_no_Normalize()
    {
        string manifest = TestManifests.DiamondsManifest.Replace("\"mean\": 61.749", "\"mean\": NaN", StringComparison.Ordinal);
        GenerationRun run = GeneratorHost.Run(TestManifests.DiamondsSource, (Path, manifest));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains(run.Diagnostics, d => d.Id == "NG0011" && d.Severity == DiagnosticSeverity.Error);
        AssertUnbound(run, "NG0011");
    }

    [Fact]
    public void An_unsupported_member_leaves_a_fitter_that_compiles()
    {
        string source = TestManifests.DiamondsSource.Replace("[Ignore] public double Price", "[ZScore] public System.DateTime Sold { get; init; }\n    [Ignore] public double Price", StringComparison.Ordinal);
        GenerationRun run = GeneratorHost.Run(source, (Path, TestManifests.DiamondsManifest));
        Assert.Empty(run.CompileErrors);
        Assert.Contains("CreateFitter", run.AllSources.Single(), StringComparison.Ordinal);
    }

    /// <summary>The one error of the build, with the expected id: no cascade beside it.</summary>
    private static Diagnostic Single(GenerationRun run, string id)
    {
        Diagnostic d = Assert.Single(run.Diagnostics.Concat(run.CompileErrors), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(id, d.Id);
        return d;
    }

    /// <summary>The members are there with their signatures, each throwing and naming the rules; no parameter is.</summary>
    internal static void AssertUnbound(GenerationRun run, string rules)
    {
        string source = Assert.Single(run.AllSources);
        int start = source.IndexOf("no manifest is bound (", StringComparison.Ordinal);
        Assert.True(start >= 0, "the generated code does not say why nothing is bound");
        string named = source[(start + "no manifest is bound (".Length)..source.IndexOf(')', start)];
        Assert.Contains(rules, named.Split(", "));
        Assert.Contains("void Normalize(global::System.Span<float> destination) => throw __NormGuardUnbound();", source, StringComparison.Ordinal);
        Assert.DoesNotContain("__NormGuard.Write(", source, StringComparison.Ordinal);
        Assert.DoesNotContain("FeatureSetBinding(", source, StringComparison.Ordinal);
    }

    /// <summary>The Diamonds manifest with a valid sha256, then one value edited by hand.</summary>
    private static string WithSha(string from, string to)
    {
        NormGuard.Manifest manifest = NormGuard.Manifest.Parse(TestManifests.DiamondsManifest);
        return manifest.ToJson().Replace("\"mean\": " + from + ",", "\"mean\": " + to + ",", StringComparison.Ordinal);
    }
}
