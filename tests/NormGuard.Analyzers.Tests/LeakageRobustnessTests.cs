using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGuard.Generators.Analyzers;
using NormGuard.Generators.Analyzers.Leakage;
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

    [Fact]
    public async Task Work_follows_the_code_that_touches_data_and_not_the_size_of_the_rest()
    {
        const string training = """
            using System.Linq;
            using NormGuard;
            using NormGuard.Fitting;

            public static class Training
            {
                public static FeatureSetFitter<House> FitAll(House[] rows) { var f = House.CreateFitter(); f.Add(rows); return f; }

                public static void Run(House[] houses)
                {
                    FeatureSetFitter<House> fitter = Prepare(houses);
                    var (train, test) = Split(houses);
                }

                private static FeatureSetFitter<House> Prepare(House[] rows) => FitAll(rows);

                [SplitsData]
                public static (House[] Train, House[] Test) Split(House[] rows) => (rows.Take(80).ToArray(), rows.Skip(80).ToArray());
            }
            """;

        (LeakageWork small, string[] smallReports) = await WorkAsync(training, Services(20));
        (LeakageWork large, string[] largeReports) = await WorkAsync(training, Services(400));

        // The leak crosses two calls and is found either way.
        Assert.Equal(["Prepare(houses)"], smallReports);
        Assert.Equal(smallReports, largeReports);

        // Training's four bodies and nothing else are summarized: FitAll (a fit), Split (two views) and Run (it calls a
        // method named Split, a split) as they are analyzed, Prepare at compilation end because it calls FitAll; the
        // services call each other, filter with one Where and read properties, and are never summarized.
        Assert.Equal((3, 1), (small.SummarizedNow, small.SummarizedAtEnd));
        Assert.Equal((small.SummarizedNow, small.SummarizedAtEnd), (large.SummarizedNow, large.SummarizedAtEnd));
        Assert.True(large.Deferred >= 400, $"{large.Deferred} bodies deferred");
    }

    private static string Services(int count)
    {
        var code = new System.Text.StringBuilder("""
            using System.Collections.Generic;
            using System.Linq;

            public sealed record Customer(int Id, string Name, decimal Balance);

            public sealed class Repository
            {
                private readonly List<Customer> _all = new();
                public IReadOnlyList<Customer> All => _all;
                public Customer? Find(int id) => _all.Where(c => c.Id == id).FirstOrDefault();
            }

            public sealed class Services
            {
                private readonly Repository _repository = new();

            """);
        for (int i = 0; i < count; i++)
        {
            code.Append("    public decimal Total").Append(i).Append("(int id) => (_repository.Find(id)?.Balance ?? 0) + Total")
                .Append(i == 0 ? "Base" : (i - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("(id);\n");
        }

        return code.Append("    public decimal TotalBase(int id) => _repository.All.Count;\n}\n").ToString();
    }

    private static async Task<(LeakageWork, string[])> WorkAsync(params string[] sources)
    {
        var work = new LeakageWork();
        Compilation compilation = RoslynHost.Compile("Houses", [], [Record, .. sources]);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new LeakageAnalyzer(work)), options)
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        string[] reports = diagnostics
            .Where(d => d.Id == "NG0006")
            .Select(d => d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length))
            .ToArray();
        return (work, reports);
    }
}
