using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;

namespace NormGuard.Benchmarks.AnalyzerProfile;

/// <summary>
/// AnalyzerProfile BUILD_LOG PROJECT_DIR [--repeat N] [--mode all|leakage|phases|cpu|generator] [--manifest-cache hit|miss]
///
/// Rebuilds the compilation csc made in BUILD_LOG (a -v:detailed build of the project in PROJECT_DIR with
/// UseSharedCompilation=false), runs NormGuard's generator on it, and then, N times each on one thread:
/// emits it (the compile, for scale), runs NormGuard's analyzers with Roslyn's execution-time log, and runs NG0006's
/// steps one by one (LeakagePhases). Prints medians. --mode leakage runs only NG0006, for a sampling profiler; --mode cpu
/// measures what NG0006 adds in CPU time of this process (CpuShare).
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: AnalyzerProfile BUILD_LOG PROJECT_DIR [--repeat N] [--mode all|leakage|phases|cpu|generator]");
            return 2;
        }

        int repeat = Option(args, "--repeat") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 5;
        string mode = Option(args, "--mode") ?? "all";
        CompilerInputs inputs = CompilerInputs.FromBuildLog(args[0], Path.GetFullPath(args[1]));
        var reference = new AnalyzerFileReference(inputs.NormGuardAnalyzers, new DefaultContextLoader());
        ImmutableArray<DiagnosticAnalyzer> analyzers = reference.GetAnalyzers(LanguageNames.CSharp);
        ImmutableArray<ISourceGenerator> generators = reference.GetGenerators(LanguageNames.CSharp);
        DiagnosticAnalyzer leakage = analyzers.Single(a => a.GetType().Name == "LeakageAnalyzer");

        Console.WriteLine($"analyzers: {inputs.NormGuardAnalyzers}");
        Console.WriteLine($"compiler: Microsoft.CodeAnalysis {typeof(Compilation).Assembly.GetName().Version}; {inputs.Trees.Length} source files, {inputs.References.Length} references, {inputs.AdditionalFiles.Length} additional files");
        Console.WriteLine(MethodCounts.Describe(inputs.Trees));

        CSharpCompilation compilation = inputs.CreateCompilation();
        GeneratorDriver driver = CSharpGeneratorDriver.Create(generators, inputs.AdditionalFiles, (CSharpParseOptions)inputs.Arguments.ParseOptions, inputs.Options);
        var watch = Stopwatch.StartNew();
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out ImmutableArray<Diagnostic> generatorDiagnostics);
        Console.WriteLine($"generator: {watch.Elapsed.TotalMilliseconds:0} ms (first run, cold), {generated.SyntaxTrees.Count() - compilation.SyntaxTrees.Count()} files generated, {generatorDiagnostics.Length} diagnostics");

        if (mode == "generator")
        {
            await GeneratorCost.Run(inputs, generators, analyzers, repeat, Option(args, "--manifest-cache") == "miss");
            return 0;
        }

        if (mode == "cpu")
        {
            await CpuShare.Run(inputs, analyzers, generators, repeat);
            return 0;
        }

        if (mode == "leakage")
        {
            for (int i = 0; i < repeat; i++)
            {
                (double wall, Dictionary<string, AnalyzerTelemetryInfo> telemetry, _) = await Analyze(generated, inputs, ImmutableArray.Create(leakage));
                Console.WriteLine($"run {i + 1}: NG0006 alone {telemetry.Values.Single().ExecutionTime.TotalMilliseconds:0} ms (wall {wall:0} ms)");
            }

            return 0;
        }

        var emit = new List<double>();
        var all = new List<double>();
        var perAnalyzer = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var leakageAlone = new List<double>();
        var leakageAloneWall = new List<double>();
        var leakageAllocated = new List<double>();
        var phases = new List<LeakagePhases>();
        var phaseTotals = new List<double>();
        int blocksSeen = 0;
        for (int i = 0; i < repeat + 1; i++) // the first round JIT-compiles the compiler and the analyzers: discarded
        {
            bool measured = i > 0;
            if (mode == "all")
            {
                watch.Restart();
                using (var stream = new MemoryStream())
                {
                    var result = generated.Emit(stream);
                    if (!result.Success)
                    {
                        throw new InvalidOperationException("the compilation does not emit: " + result.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error));
                    }
                }

                Add(emit, measured, watch.Elapsed.TotalMilliseconds);
                (double wallAll, Dictionary<string, AnalyzerTelemetryInfo> telemetry, _) = await Analyze(generated, inputs, analyzers);
                Add(all, measured, telemetry.Values.Sum(t => t.ExecutionTime.TotalMilliseconds));
                foreach ((string name, AnalyzerTelemetryInfo info) in telemetry)
                {
                    if (!perAnalyzer.TryGetValue(name, out List<double>? list))
                    {
                        perAnalyzer[name] = list = new List<double>();
                    }

                    Add(list, measured, info.ExecutionTime.TotalMilliseconds);
                }

                long before = GC.GetTotalAllocatedBytes(precise: true);
                (double wall, Dictionary<string, AnalyzerTelemetryInfo> alone, _) = await Analyze(generated, inputs, ImmutableArray.Create(leakage));
                Add(leakageAllocated, measured, (GC.GetTotalAllocatedBytes(precise: true) - before) / 1e6);
                AnalyzerTelemetryInfo info0006 = alone.Values.Single();
                Add(leakageAlone, measured, info0006.ExecutionTime.TotalMilliseconds);
                Add(leakageAloneWall, measured, wall);
                blocksSeen = info0006.OperationBlockActionsCount;
            }

            var shadow = new LeakagePhases(leakage.GetType().Assembly);
            (_, Dictionary<string, AnalyzerTelemetryInfo> shadowTelemetry, _) = await Analyze(generated, inputs, ImmutableArray.Create<DiagnosticAnalyzer>(shadow));
            if (measured)
            {
                phases.Add(shadow);
                phaseTotals.Add(shadowTelemetry.Values.Single().ExecutionTime.TotalMilliseconds);
            }

            Console.Error.WriteLine($"round {i}{(measured ? string.Empty : " (warm-up)")} done");
        }

        Console.WriteLine();
        Console.WriteLine($"one thread, median of {repeat} after a warm-up round (min–max):");
        if (mode == "all")
        {
            Console.WriteLine($"| emit (bind every method body, write IL): the compile | {Fmt(emit)} ms |");
            Console.WriteLine($"| NormGuard's analyzers together (Roslyn's execution-time log) | {Fmt(all)} ms |");
            foreach ((string name, List<double> values) in perAnalyzer.OrderByDescending(p => Median(p.Value)))
            {
                Console.WriteLine($"| {name} | {Fmt(values)} ms |");
            }

            Console.WriteLine($"| NG0006 run alone | {Fmt(leakageAlone)} ms (GetAnalyzerDiagnostics wall {Fmt(leakageAloneWall)} ms; {blocksSeen} operation blocks) |");
            Console.WriteLine($"| NG0006 alone ÷ emit | {Median(leakageAlone) / Median(emit) * 100:0.0} % |");
            Console.WriteLine($"| allocated while NG0006 ran alone (driver and analyzer) | {Fmt(leakageAllocated)} MB |");
        }

        Console.WriteLine($"| NG0006's steps, called one by one (LeakagePhases; Roslyn's log of it) | {Fmt(phaseTotals)} ms |");
        Console.WriteLine();
        Console.WriteLine("| step | ms, median (min–max) | count |");
        Console.WriteLine("| --- | ---: | ---: |");
        foreach (string name in phases[0].Phases.Keys.OrderBy(k => k, StringComparer.Ordinal))
        {
            List<double> values = phases.Select(p => p.Phases.TryGetValue(name, out LeakagePhases.Phase? ph) ? ph.Milliseconds : 0).ToList();
            long count = phases[0].Phases[name].Count;
            Console.WriteLine(values.All(v => v == 0) ? $"| {name} | | {count:N0} |" : $"| {name} | {Fmt(values)} | {count:N0} |");
        }

        Console.WriteLine();
        Console.WriteLine($"NG0006 diagnostics (steps run one by one): {phases[0].Diagnostics}");
        Console.WriteLine("slowest operation blocks (last round), ms, operations walked:");
        foreach ((string method, double ms, int operations) in phases[^1].SlowestBlocks.OrderByDescending(b => b.Milliseconds).Take(12))
        {
            Console.WriteLine($"  {ms,8:0.0}  {operations,6}  {method}");
        }

        Console.WriteLine("slowest methods analyzed again at compilation end (last round), ms:");
        foreach ((string method, double ms) in phases[^1].SlowestCrossMethod.OrderByDescending(b => b.Milliseconds).Take(12))
        {
            Console.WriteLine($"  {ms,8:0.0}  {method}");
        }

        return 0;
    }

    private static async Task<(double Wall, Dictionary<string, AnalyzerTelemetryInfo> Telemetry, ImmutableArray<Diagnostic> Diagnostics)> Analyze(
        Compilation compilation, CompilerInputs inputs, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var failures = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(inputs.AdditionalFiles, inputs.Options),
            (exception, analyzer, _) => failures.Add($"{analyzer.GetType().Name}: {exception.GetType().Name}: {exception.Message}"),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: true,
            reportSuppressedDiagnostics: false);
        var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
        var watch = Stopwatch.StartNew();
        ImmutableArray<Diagnostic> diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        double wall = watch.Elapsed.TotalMilliseconds;
        if (failures.Count > 0)
        {
            throw new InvalidOperationException("an analyzer threw: " + failures[0]);
        }

        var telemetry = new Dictionary<string, AnalyzerTelemetryInfo>(StringComparer.Ordinal);
        foreach (DiagnosticAnalyzer analyzer in analyzers)
        {
            string ids = string.Join(", ", analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct());
            telemetry[$"{analyzer.GetType().Name} ({ids})"] = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
        }

        return (wall, telemetry, diagnostics);
    }

    private static void Add(List<double> values, bool measured, double value)
    {
        if (measured)
        {
            values.Add(value);
        }
    }

    private static double Median(List<double> values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Fmt(List<double> values) =>
        string.Create(CultureInfo.InvariantCulture, $"{Median(values):0.0} ({values.Min():0.0}–{values.Max():0.0})");

    private static string? Option(string[] args, string name)
    {
        int index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}

/// <summary>How many members with code the project declares, counted on its syntax (generated code excluded).</summary>
internal static class MethodCounts
{
    public static string Describe(IEnumerable<SyntaxTree> trees)
    {
        int methods = 0, constructors = 0, accessors = 0, localFunctions = 0, lambdas = 0, types = 0;
        foreach (SyntaxTree tree in trees)
        {
            foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
            {
                switch (node)
                {
                    case MethodDeclarationSyntax { Body: not null } or MethodDeclarationSyntax { ExpressionBody: not null }
                        or OperatorDeclarationSyntax or ConversionOperatorDeclarationSyntax:
                        methods++;
                        break;
                    case ConstructorDeclarationSyntax:
                        constructors++;
                        break;
                    case AccessorDeclarationSyntax { Body: not null } or AccessorDeclarationSyntax { ExpressionBody: not null }:
                    case PropertyDeclarationSyntax { ExpressionBody: not null }:
                        accessors++;
                        break;
                    case LocalFunctionStatementSyntax:
                        localFunctions++;
                        break;
                    case AnonymousFunctionExpressionSyntax:
                        lambdas++;
                        break;
                    case BaseTypeDeclarationSyntax:
                        types++;
                        break;
                }
            }
        }

        return $"declared in source: {methods} methods and operators, {constructors} constructors, {accessors} accessors with a body, " +
            $"{localFunctions} local functions, {lambdas} lambdas, {types} types";
    }
}
