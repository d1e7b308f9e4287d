using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGuard.Generators.Analyzers;
using Xunit;

namespace NormGuard.Analyzers.Tests;

/// <summary>NG0006 on code that does not compile, recurses, or is deeper than any program should be: no exception
/// escapes, the compiler is not taken down by a stack overflow, and the rest of the compilation is still analyzed
/// (a control leak across methods, found only by the compilation-end pass, is still reported).</summary>
public sealed class LeakageRobustnessTests
{
    private const string Record = """
        using NormGuard;
        using NormGuard.Fitting;

        [FeatureSet("houses")]
        public partial record struct House
        {
            [ZScore] public double Area { get; init; }

            public static FeatureSetFitter<House> CreateFitter() => new Fitter();

            private sealed class Fitter : FeatureSetFitter<House>
            {
                public Fitter()
                    : base("houses", NormalizationProfile.NormGuard, ManifestDType.Float64, new[] { FitterFeature.Numeric("Area", new[] { FitStep.ZScore() }) })
                {
                }

                protected override void AddRow(in House row) => AddValue(0, row.Area);
            }
        }
        """;

    [Fact]
    public async Task Recursive_deep_and_broken_code_never_makes_the_analysis_throw()
    {
        string deep = string.Concat(Enumerable.Repeat(".Where(h => h.Area > 0)", 1500));
        string source = """
            using System.Collections.Generic;
            using System.Linq;
            using NormGuard;
            using NormGuard.Fitting;

            public interface IFit { void Fit(IEnumerable<House> rows); }
            public abstract class Base : IFit { public abstract void Fit(IEnumerable<House> rows); }
            public sealed class Loop : Base { private readonly IFit _next; public Loop(IFit next) => _next = next; public override void Fit(IEnumerable<House> rows) => _next.Fit(rows); }

            public static class Hostile
            {
                public static void Ping(House[] rows, FeatureSetFitter<House> f) { f.Add(rows); Pong(rows, f); }
                public static void Pong(House[] rows, FeatureSetFitter<House> f) { Ping(rows.Take(1).ToArray(), f); }
                public static IEnumerable<T> Grow<T>(IEnumerable<T> rows) => Grow(rows.Select(r => new List<T> { r })).SelectMany(x => x);

                public static void Cycles(House[] all)
                {
                    House[] a = all, b = a;
                    a = b; b = a;
                    var f = House.CreateFitter();
                    f.Add(a);
                    IEnumerable<House> Self(IEnumerable<House> r) => Self(r.Skip(1));
                    f.Add(Self(b).ToArray());
                    var (x, y) = Split(Split(all).Item2);
                    f.Add(all DEEP .ToArray());
                }

                public static (House[], House[]) Split(House[] rows) => Split(rows.Reverse().ToArray());
                public static void Broken(House[] rows) { var f = House.CreateFitter(); f.Add(rows.Missing()); f.Add(Unknown.Rows); var s = Nope(rows); f.
                public static void Unfinished(House[] rows) => new Loop(new Loop(null!)).Fit(rows
            }

            public static class Control
            {
                public static FeatureSetFitter<House> FitAll(House[] rows) { var f = House.CreateFitter(); f.Add(rows); return f; }

                public static void Train(House[] houses)
                {
                    FeatureSetFitter<House> fitter = FitAll(houses);
                    var (train, test) = Split(houses);
                }

                [SplitsData]
                public static (House[] Train, House[] Test) Split(House[] rows) => (rows.Take(80).ToArray(), rows.Skip(80).ToArray());
            }
            """.Replace("DEEP", deep, StringComparison.Ordinal);

        Compilation compilation = RoslynHost.Compile("Houses", [], Record, source);
        Assert.Contains(compilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error); // broken on purpose

        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            (exception, _, _) => exceptions.Add(exception),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new LeakageAnalyzer()), options)
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        string[] control = diagnostics
            .Where(d => d.Id == "NG0006" && d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length) == "FitAll(houses)")
            .Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();
        Assert.Single(control);
    }
}
