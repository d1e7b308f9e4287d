using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGuard.Generators.Analyzers;
using NormGuard.Generators.Analyzers.HandWritten;
using Xunit;

namespace NormGuard.Analyzers.Tests;

/// <summary>NG0012 on code that does not compile or that resolves to nothing sensible, on a feature set declared in
/// another assembly, and what its work grows with: never an exception, reports only where the evidence is, and work
/// beyond a per-reference filter only for arithmetic on feature members.</summary>
public sealed class HandWrittenRobustnessTests
{
    private const string Manifest = """
        {
          "format": "normguard.manifest/1",
          "featureSet": "gems",
          "version": 1,
          "profile": "sklearn",
          "fit": { "split": "train", "rows": 40000 },
          "features": [
            { "name": "depth", "steps": [ { "op": "zscore", "mean": 61.74304551353355, "std": 1.4282265684596371 } ] },
            { "name": "table", "steps": [ { "op": "minmax", "min": 43, "max": 95 } ] }
          ]
        }
        """;

    private const string Record = """
        using NormGuard;

        namespace Shop;

        [FeatureSet("gems")]
        public partial record struct Gem
        {
            [FeatureName("depth"), ZScore] public double Depth { get; init; }
            [FeatureName("table"), MinMax] public double Table { get; init; }
        }
        """;

    [Fact]
    public async Task Broken_and_hostile_code_never_makes_the_analysis_throw()
    {
        string deep = string.Join(" - 1", Enumerable.Repeat(string.Empty, 1500));
        string wide = string.Join(" + ", Enumerable.Repeat("Cycle.A", 1500));
        string source = """
            using System;
            using Shop;

            public static class Cycle
            {
                public static readonly double A = B + 1;
                public static readonly double B = A + 1;
                public static double P => P;
                public static readonly double[] Means = { 61.743 };
            }

            public static class Hostile
            {
                public static double Unresolved(Gem g) => (g.Depth - Missing.Mean) / 1.428;
                public static double Cyclic(Gem g) => (g.Depth - Cycle.A) / Cycle.B;
                public static double Recursive(Gem g) => (g.Depth - Cycle.P) / 1.428;
                public static double ByZero(Gem g) => (g.Depth - 50) / 0.0;
                public static double IntegerByZero(Gem g) => (g.Depth - 50) / (1 / 0);
                public static double NotFinite(Gem g) => (g.Depth - double.NaN) / double.PositiveInfinity;
                public static double Huge(Gem g) => (g.Depth - double.MaxValue) * double.MaxValue;
                public static double OutOfRange(Gem g) => (g.Depth - Cycle.Means[7]) / 1.428;
                public static double NoSuchMember(Gem g) => (g.Nope - 61.743) / 1.428;
                public static double SelfLocal(Gem g) { double m = m + 1; return (g.Depth - m) / 1.428; }
                public static double Deep(Gem g) => g.Depth DEEP;
                public static double Wide(Gem g) => (g.Depth - (WIDE)) / 1.428;
                public static double Unfinished(Gem g) => (g.Depth - 50) /
            }

            public static class Control
            {
                // The one case with evidence: shows the manifest is bound, so the silence above is the analysis's.
                public static double Depth(Gem g) => (g.Depth - 61.743) / 1.428;
            }
            """.Replace("DEEP", deep, StringComparison.Ordinal).Replace("WIDE", wide, StringComparison.Ordinal);

        (ImmutableArray<Diagnostic> diagnostics, List<Exception> exceptions) = await AnalyzeAsync(Compile(Record, source), tolerateErrors: true);

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        Assert.Equal(["(g.Depth - 61.743) / 1.428"], ReportedTexts(diagnostics));
    }

    [Fact]
    public async Task A_feature_set_from_another_assembly_is_checked_against_this_project_s_manifest()
    {
        MetadataReference library = RoslynHost.Emit(RoslynHost.Compile("Shop.Features", [], Record));
        Compilation serving = RoslynHost.Compile("Shop.Serving", [library], """
            using System;
            using Shop;

            public static class Serving
            {
                public static double Depth(Gem g) => (g.Depth - 61.743) / 1.428;
                public static double Celsius(Gem g) => (g.Table - 32) / 1.8;
                public static Func<Gem, double> Table { get; } = g => (g.Table - 43) / 52.0;
            }
            """);

        (ImmutableArray<Diagnostic> diagnostics, List<Exception> exceptions) = await AnalyzeAsync(serving, tolerateErrors: false);

        Assert.Empty(exceptions);
        Assert.Equal(["(g.Depth - 61.743) / 1.428", "(g.Table - 43) / 52.0"], ReportedTexts(diagnostics));
    }

    private static string[] ReportedTexts(ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics
            .Where(d => d.Id == "NG0012")
            .Select(d => d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length))
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToArray();

    [Fact]
    public async Task Work_follows_feature_arithmetic_and_not_the_size_of_the_rest_of_the_code()
    {
        const string features = """
            using Shop;

            public static class Serving
            {
                private static readonly double DepthMean = 61.743;

                public static double Depth(Gem g) => (g.Depth - DepthMean) / 1.428;

                public static double Table(Gem g)
                {
                    double table = g.Table;
                    return (table - 43) / 52.0;
                }

                public static float[] Features(Gem g)
                {
                    var x = new float[2];
                    x[0] = (float)((g.Depth - 60) / 1.5);
                    x[1] = (float)(g.Table * 0.2);
                    return x;
                }
            }
            """;

        (HandWrittenWork small, string[] smallReports) = await WorkAsync(features, Unrelated(20));
        (HandWrittenWork large, string[] largeReports) = await WorkAsync(features, Unrelated(400));

        // Four references to two bound members; the rest of the code (numeric members of other records, locals,
        // readonly fields, arithmetic) is let go by the filter, so twenty times more of it adds no work.
        Assert.Equal(["(g.Depth - DepthMean) / 1.428", "(table - 43) / 52.0"], smallReports);
        Assert.Equal(smallReports, largeReports);
        Assert.Equal(2, small.MembersBound);
        Assert.Equal(4, small.ReferencesFollowed);
        Assert.Equal(1, small.FlowsFollowed);
        Assert.Equal(
            (small.MembersBound, small.ReferencesFollowed, small.OperationsIndexed, small.InitializersRead, small.FlowsFollowed),
            (large.MembersBound, large.ReferencesFollowed, large.OperationsIndexed, large.InitializersRead, large.FlowsFollowed));
    }

    private static string Unrelated(int methods)
    {
        var code = new System.Text.StringBuilder("""
            public sealed record Point(double X, double Y);

            public static class Geometry
            {
                private static readonly double Scale = 2.5;

            """);
        for (int i = 0; i < methods; i++)
        {
            code.Append("    public static double Area").Append(i).Append("(Point p) { double w = p.X * 2; return (w - 1.5) / Scale + p.Y * 3.0 - ").Append(i).Append("; }\n");
        }

        return code.Append("}\n").ToString();
    }

    private static async Task<(HandWrittenWork, string[])> WorkAsync(params string[] sources)
    {
        var work = new HandWrittenWork();
        Compilation compilation = Compile([Record, .. sources]);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([new InMemoryAdditionalText("/project/gems.normguard.json", Manifest)]),
            onAnalyzerException: null,
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new HandWrittenNormalizationAnalyzer(work)), options)
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        return (work, ReportedTexts(diagnostics));
    }

    private static Compilation Compile(params string[] sources) => RoslynHost.Compile("Shop", [], sources);

    private static async Task<(ImmutableArray<Diagnostic>, List<Exception>)> AnalyzeAsync(Compilation compilation, bool tolerateErrors)
    {
        if (!tolerateErrors)
        {
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        }

        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([new InMemoryAdditionalText("/project/gems.normguard.json", Manifest)]),
            (exception, _, _) => exceptions.Add(exception),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new HandWrittenNormalizationAnalyzer()), options)
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        return (diagnostics, exceptions);
    }
}
