using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NormGuard.Generators.Tests;

/// <summary>
/// A record that cannot bind: the NG diagnostic is the only error, whatever the user's code calls (no CS0117/CS1061
/// cascade), nothing can run with wrong parameters, and a training project that only fits builds without a manifest.
/// </summary>
public sealed class UnboundRecordTests
{
    private const string ManifestPath = "/p/diamonds.normguard.json";

    // Every generated member a serving program touches, directly and through the generic API.
    private const string Serving = """

        // In the record's file-scoped namespace Shop.Pricing.
            public static class Serving
            {
                public static float[] Score(Diamond row, Diamond[] rows)
                {
                    var one = new float[Diamond.Width];
                    row.Normalize(one);
                    var many = new float[rows.Length * Diamond.Width];
                    Diamond.NormalizeBatch(rows, many);
                    NormGuard.Normalizer.NormalizeBatch<Diamond>(rows, many);
                    Diamond back = Diamond.Denormalize(one);
                    Diamond.DenormalizeBatch(many, rows);
                    var inputs = new double[Diamond.InputCount];
                    back.ReadInputs(inputs);
                    string name = Diamond.FeatureSet.Name;
                    using var monitor = new NormGuard.DriftMonitor<Diamond>();
                    return name.Length > 0 ? one : many;
                }
            }
        """;

    public static TheoryData<string, string, string?> Causes => new()
    {
        // rule, what is changed in the record (from → to, or nothing), the manifest (null: none)
        { "NG0001", string.Empty, null },
        { "NG0002", string.Empty, "{ \"format\": \"normguard.manifest/1\", \"featureSet\": \"diamonds\", " },
        { "NG0002", "edited", TestManifests.DiamondsManifest },
        { "NG0004", "[FeatureName(\"cut\"), OneHot]|[FeatureName(\"cut\"), ZScore]", TestManifests.DiamondsManifest },
        { "NG0007", "[FeatureName(\"depth\"), ZScore]|[FeatureName(\"depth\"), MinMax]", TestManifests.DiamondsManifest },
        { "NG0008", "[FeatureName(\"y\"), MaxAbs]|[FeatureName(\"width\"), MaxAbs]", TestManifests.DiamondsManifest },
        { "NG0014", "[FeatureName(\"depth\"), ZScore]|[FeatureName(\"depth\"), OneHot]", TestManifests.DiamondsManifest },
        { "NG0011", "NaN", TestManifests.DiamondsManifest },
    };

    [Theory]
    [MemberData(nameof(Causes))]
    public void The_rule_is_the_only_error_whatever_the_code_calls(string rule, string change, string? manifest)
    {
        GenerationRun run = Run(rule, change, manifest, TestManifests.DiamondsSource + Serving);

        Assert.Empty(run.CompileErrors);
        Diagnostic[] errors = [.. run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)];
        // The rule stands, and nothing but NormGuard's own rules (a scaled string is also a step the manifest lacks).
        Assert.Contains(errors, d => d.Id == rule);
        Assert.All(errors, d => Assert.StartsWith("NG", d.Id, StringComparison.Ordinal));
        DiagnosticTests.AssertUnbound(run, rule);
    }

    [Theory]
    [MemberData(nameof(Causes))]
    public void Every_generated_member_throws_and_names_the_rule(string rule, string change, string? manifest)
    {
        GenerationRun run = Run(rule, change, manifest, TestManifests.DiamondsSource + Serving);
        Assembly assembly = Load(run.Output);
        Type type = assembly.GetType("Shop.Pricing.Diamond")!;
        Assert.Throws<TargetInvocationException>(() => type.GetProperty("Width")!.GetValue(null));
        Assert.Throws<TargetInvocationException>(() => type.GetProperty("InputCount")!.GetValue(null));

        var failure = Assert.Throws<TargetInvocationException>(() => assembly.GetType("Shop.Pricing.Serving")!.GetMethod("Score")!.Invoke(null, [Activator.CreateInstance(type), Array.CreateInstance(type, 1)]));
        InvalidOperationException unbound = Assert.IsType<InvalidOperationException>(failure.InnerException);
        Assert.Contains("'diamonds'", unbound.Message, StringComparison.Ordinal);
        Assert.Contains("diamonds.normguard.json", unbound.Message, StringComparison.Ordinal);
        Assert.Contains(rule, unbound.Message, StringComparison.Ordinal);
        Assert.Throws<TargetInvocationException>(() => type.GetProperty("FeatureSet")!.GetValue(null));
    }

    // A record missing a manifest feature is NG0009, a warning: with nothing failing the build, the throwing members
    // are obsolete as errors, so serving code that calls them does not build either, and the error says why.
    [Fact]
    public void When_the_rule_in_the_way_is_only_a_warning_calling_the_members_fails_the_build_with_the_reason()
    {
        string source = TestManifests.DiamondsSource.Replace("[FeatureName(\"y\"), MaxAbs] public double Y { get; init; }", string.Empty, StringComparison.Ordinal) + Serving;
        GenerationRun run = GeneratorHost.Run(source, (ManifestPath, TestManifests.DiamondsManifest));

        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains(run.Diagnostics, d => d.Id == "NG0009");
        Diagnostic[] errors = [.. run.CompileErrors];
        Assert.NotEmpty(errors);
        Assert.All(errors, d =>
        {
            Assert.Equal("CS0619", d.Id);
            Assert.Contains("NG0009", d.GetMessage(), StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("dotnet_diagnostic.NG0009.severity", "error", "[FeatureName(\"y\"), MaxAbs] public double Y { get; init; }", "", false)]
    [InlineData("dotnet_diagnostic.NG0004.severity", "warning", "[FeatureName(\"cut\"), OneHot]", "[FeatureName(\"cut\"), ZScore]", true)]
    [InlineData("dotnet_analyzer_diagnostic.category-NormGuard.severity", "warning", "[FeatureName(\"depth\"), ZScore]", "[FeatureName(\"depth\"), MinMax]", true)]
    public void The_guard_follows_the_severities_the_project_configures(string key, string severity, string from, string to, bool guarded)
    {
        string source = TestManifests.DiamondsSource.Replace(from, to, StringComparison.Ordinal) + Serving;
        GenerationRun run = GeneratorHost.Run(source, new System.Collections.Generic.Dictionary<string, string> { [key] = severity }, (ManifestPath, TestManifests.DiamondsManifest));

        Assert.Equal(guarded, run.CompileErrors.Any(d => d.Id == "CS0619"));
        Assert.Equal(guarded, run.AllSources.Single().Contains("[global::System.Obsolete(", StringComparison.Ordinal));
    }

    [Fact]
    public void A_training_project_that_only_fits_builds_without_a_manifest()
    {
        const string Training = """

                public static class Training
                {
                    public static NormGuard.Manifest Fit(System.Collections.Generic.IEnumerable<Diamond> train)
                    {
                        NormGuard.FeatureSetFitter<Diamond> fitter = Diamond.CreateFitter();
                        foreach (Diamond row in train)
                        {
                            fitter.Add(row);
                        }

                        return fitter.ToManifest(new NormGuard.FitProvenance { Split = NormGuard.DataSplit.Train }, 1);
                    }
                }
            """;
        GenerationRun run = GeneratorHost.Run(TestManifests.DiamondsSource + Training);

        Assert.Empty(run.CompileErrors);
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning);
        Diagnostic info = Assert.Single(run.Diagnostics);
        Assert.Equal("NG0018", info.Id);
        Assert.Equal(DiagnosticSeverity.Info, info.Severity);
        Assert.Contains("diamonds.normguard.json", info.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("row.Normalize(new float[8]);")]
    [InlineData("NormGuard.Normalizer.NormalizeBatch(new System.ReadOnlySpan<Diamond>(new[] { row }), new float[8]);")]
    [InlineData("_ = NormGuard.Normalizer.Width<Diamond>();")]
    [InlineData("using var monitor = new NormGuard.DriftMonitor<Diamond>();")]
    [InlineData("_ = Diamond.Denormalize(new float[8]);")]
    [InlineData("_ = Diamond.FeatureSet;")]
    public void A_project_that_fits_and_normalizes_needs_the_manifest(string normalizes)
    {
        string program = """

                public static class Both
                {
                    public static void Run(Diamond row)
                    {
                        _ = Diamond.CreateFitter();
                        NORMALIZES
                    }
                }
            """.Replace("NORMALIZES", normalizes, StringComparison.Ordinal);
        GenerationRun run = GeneratorHost.Run(TestManifests.DiamondsSource + program);

        Assert.Empty(run.CompileErrors);
        Diagnostic error = Assert.Single(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("NG0001", error.Id);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "NG0018");
        Location use = Assert.Single(error.AdditionalLocations);
        Assert.Equal("Source0.cs", use.GetLineSpan().Path);
    }

    [Fact]
    public void A_record_nothing_uses_still_needs_its_manifest()
    {
        GenerationRun run = GeneratorHost.Run(TestManifests.DiamondsSource);

        Diagnostic error = Assert.Single(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("NG0001", error.Id);
        string message = error.GetMessage();
        Assert.Contains("Diamond.CreateFitter()", message, StringComparison.Ordinal);
        Assert.Contains("normguard fit", message, StringComparison.Ordinal);
        Assert.Contains("normguard import", message, StringComparison.Ordinal);
    }

    private static GenerationRun Run(string rule, string change, string? manifest, string source)
    {
        if (change.Contains('|', StringComparison.Ordinal))
        {
            string[] parts = change.Split('|');
            source = source.Replace(parts[0], parts[1], StringComparison.Ordinal);
        }

        if (manifest is not null && change == "edited")
        {
            manifest = Manifest.Parse(manifest).ToJson().Replace("\"mean\": 0.4,", "\"mean\": 0.41,", StringComparison.Ordinal);
        }
        else if (manifest is not null && change == "NaN")
        {
            manifest = manifest.Replace("\"mean\": 61.749", "\"mean\": NaN", StringComparison.Ordinal);
        }

        Assert.False(string.IsNullOrEmpty(rule));
        return manifest is null ? GeneratorHost.Run(source) : GeneratorHost.Run(source, (ManifestPath, manifest));
    }

    private static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        stream.Position = 0;
        return new AssemblyLoadContext("unbound-" + Guid.NewGuid().ToString("N"), isCollectible: true).LoadFromStream(stream);
    }
}
