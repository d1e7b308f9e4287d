using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace NormGuard.Generators.Tests.Fuzz;

/// <summary>The minimized inputs of the failures the fuzz harness found, kept as plain regression tests.</summary>
public sealed class FuzzRegressionTests
{
    private const string Path = "/p/s.normguard.json";

    // Found as a feature-set name "tab\there" run with a feature named "line\nbreak": the name went raw into the
    // generated // and /// comments, the line break ended the comment and the rest of the name became code (CS1519).
    [Theory]
    [InlineData("line\nbreak")]
    [InlineData("cr\ronly")]
    [InlineData("ls\u2028ps\u2029nel\u0085")]
    [InlineData("lone\uD800surrogate")]
    public void A_feature_name_with_a_line_break_gives_generated_code_that_compiles(string name)
    {
        string literal = Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(name, quote: true);
        string json = Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(name, quote: true).Replace("\\0", "\\u0000", StringComparison.Ordinal);
        string source = "using NormGuard;\n[FeatureSet(" + literal + ", Manifest = \"s.normguard.json\")]\npublic partial record struct S { [FeatureName(" + literal + "), ZScore] public double X { get; init; } }";
        string manifest = "{\"format\":\"normguard.manifest/1\",\"featureSet\":" + json + ",\"version\":1,\"profile\":\"normguard\",\"fit\":{\"split\":\"train\"},"
            + "\"features\":[{\"name\":" + json + ",\"steps\":[{\"op\":\"zscore\",\"mean\":1,\"std\":2}]}]}";

        GenerationRun run = GeneratorHost.Run(source, (Path, manifest));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(run.CompileErrors);
        Assert.Contains(run.AllSources, s => s.Contains("public static void NormalizeBatch(", StringComparison.Ordinal));
    }

    // Found as "fittedAt": "rrrr…" (a huge string put in a real field): the shared reader accepted any string, the build
    // said valid, and Manifest.Parse then threw FormatException from DateTimeOffset.Parse instead of ManifestException.
    [Fact]
    public void An_unreadable_fittedAt_is_NG0002_in_the_build_and_a_ManifestException_at_run_time()
    {
        string manifest = "{\"format\":\"normguard.manifest/1\",\"featureSet\":\"s\",\"version\":1,\"profile\":\"normguard\",\n"
            + "\"fit\":{\"split\":\"train\",\"fittedAt\":\"yesterday\"},\"features\":[{\"name\":\"X\",\"steps\":[{\"op\":\"zscore\",\"mean\":1,\"std\":2}]}]}";

        ManifestException failure = Assert.Throws<ManifestException>(() => Manifest.Parse(manifest));
        ManifestProblem problem = Assert.Single(failure.Problems);
        Assert.Contains("fittedAt", problem.Message, StringComparison.Ordinal);
        Assert.Equal((2, 35), (problem.Line, problem.Column));

        GenerationRun run = GeneratorHost.Run("using NormGuard;\n[FeatureSet(\"s\")]\npublic partial record struct S { [ZScore] public double X { get; init; } }", (Path, manifest));
        Diagnostic diagnostic = Assert.Single(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("NG0002", diagnostic.Id);
        Assert.Equal(new LinePosition(1, 34), diagnostic.Location.GetLineSpan().StartLinePosition);
    }

    // Found as a feature-set name holding U+2028 on a one-line manifest: the reader counted only \r and \n as line
    // breaks, Roslyn (and the IDE) also U+0085, U+2028 and U+2029, so an error after it was reported at a column past
    // the end of its line, and the runtime named another line than the build.
    [Theory]
    [InlineData('\u2028')]
    [InlineData('\u2029')]
    [InlineData('\u0085')]
    public void Lines_are_counted_as_Roslyn_counts_them(char lineBreak)
    {
        string manifest = "{\"format\":\"normguard.manifest/1\",\"featureSet\":\"a" + lineBreak + "b\",\"version\":\"1\"}";

        GenerationRun run = GeneratorHost.Run("using NormGuard;\n[FeatureSet(\"s\")]\npublic partial record struct S { [ZScore] public double X { get; init; } }", (Path, manifest));

        SourceText text = SourceText.From(manifest);
        Diagnostic version = run.Diagnostics.Single(d => d.GetMessage().Contains("\"version\" must be", StringComparison.Ordinal));
        Assert.Equal(text.Lines.GetLinePosition(version.Location.SourceSpan.Start), version.Location.GetLineSpan().StartLinePosition);
        Assert.Equal(1, version.Location.GetLineSpan().StartLinePosition.Line);
        ManifestException failure = Assert.Throws<ManifestException>(() => Manifest.Parse(manifest));
        Assert.Contains(failure.Problems, p => p.Line == 2 && p.Message.Contains("\"version\" must be", StringComparison.Ordinal));
    }
}
