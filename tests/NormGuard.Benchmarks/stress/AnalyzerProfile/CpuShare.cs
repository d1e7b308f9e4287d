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
using Microsoft.CodeAnalysis.Diagnostics;

namespace NormGuard.Benchmarks.AnalyzerProfile;

/// <summary>
/// --mode cpu: what NG0006 adds to the compile, in CPU time of this process, all on one thread (no concurrent build,
/// no concurrent analysis, workstation non-concurrent GC: garbage collections are charged to the work that caused them).
/// CPU time, not wall time, because this machine is shared: another process taking the cores lengthens a stopwatch
/// reading but not the CPU this process used. Each step gets a fresh compilation (from the parsed trees, with the
/// generator run again) so that no step reuses another's binding. The share is also given paired by round. NG0006's cost is the difference between NormGuard's
/// analyzers with and without it: both bind every method body for their operation trees (NG0012 registers operation
/// actions too), so the difference is NG0006's own work and the garbage it leaves, not the shared binding.
/// </summary>
internal static class CpuShare
{
    public static async Task Run(CompilerInputs inputs, ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<ISourceGenerator> generators, int repeat)
    {
        ImmutableArray<DiagnosticAnalyzer> withoutLeakage = analyzers.Where(a => a.GetType().Name != "LeakageAnalyzer").ToImmutableArray();
        var steps = new (string Name, Func<Task> Work)[]
        {
            ("compile: generator + emit (declare, bind and lower every method, write IL)", () => { Emit(Fresh(inputs, generators)); return Task.CompletedTask; }),
            ("NormGuard's analyzers without NG0006", () => Analyze(Fresh(inputs, generators), inputs, withoutLeakage)),
            ("NormGuard's analyzers with NG0006 (as shipped)", () => Analyze(Fresh(inputs, generators), inputs, analyzers)),
            ("fresh compilation + generator only (subtracted from each step above)", () => { Fresh(inputs, generators); return Task.CompletedTask; }),
        };
        var cpu = steps.ToDictionary(s => s.Name, _ => new List<double>());
        var wall = steps.ToDictionary(s => s.Name, _ => new List<double>());
        for (int round = 0; round <= repeat; round++) // round 0 JIT-compiles the compiler and the analyzers: discarded
        {
            foreach ((string name, Func<Task> work) in steps)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                TimeSpan cpuBefore = ProcessCpu();
                var watch = Stopwatch.StartNew();
                await work();
                if (round > 0)
                {
                    wall[name].Add(watch.Elapsed.TotalMilliseconds);
                    cpu[name].Add((ProcessCpu() - cpuBefore).TotalMilliseconds);
                }
            }

            Console.Error.WriteLine($"cpu round {round}{(round == 0 ? " (warm-up)" : string.Empty)} done");
        }

        double baseCpu = Median(cpu[steps[3].Name]);
        double compile = Median(cpu[steps[0].Name]) - baseCpu;
        double without = Median(cpu[steps[1].Name]) - baseCpu;
        double with = Median(cpu[steps[2].Name]) - baseCpu;
        Console.WriteLine();
        Console.WriteLine($"one thread, process CPU time, median of {repeat} after a warm-up round (min–max); wall time beside it");
        Console.WriteLine("| step | CPU ms | wall ms |");
        Console.WriteLine("| --- | ---: | ---: |");
        foreach ((string name, _) in steps)
        {
            Console.WriteLine($"| {name} | {Fmt(cpu[name])} | {Fmt(wall[name])} |");
        }

        // Paired by round: the steps of one round ran within seconds of each other, under about the same load.
        var added = new List<double>();
        var share = new List<double>();
        for (int i = 0; i < repeat; i++)
        {
            double roundBase = cpu[steps[3].Name][i];
            added.Add(cpu[steps[2].Name][i] - cpu[steps[1].Name][i]);
            share.Add(added[i] / (cpu[steps[0].Name][i] - roundBase) * 100);
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"paired by round: NG0006 adds {Fmt(added)} ms CPU, {Median(share):0.0} % ({share.Min():0.0}–{share.Max():0.0}) of the same round's compile; rounds: {string.Join(", ", share.Select(v => v.ToString("0.0", CultureInfo.InvariantCulture)))} %"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"compile {compile:0} ms; NormGuard's analyzers {with:0} ms, without NG0006 {without:0} ms; NG0006 adds {with - without:0} ms = {(with - without) / compile * 100:0.0} % of the compile, {(with - without) / (compile + without) * 100:0.0} % of compile + the other NormGuard analyzers"));
    }

    private static Compilation Fresh(CompilerInputs inputs, ImmutableArray<ISourceGenerator> generators)
    {
        CSharpCompilation compilation = inputs.CreateCompilation().WithOptions(inputs.CompilationOptions.WithConcurrentBuild(false));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(generators, inputs.AdditionalFiles, (CSharpParseOptions)inputs.Arguments.ParseOptions, inputs.Options);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out _);
        return generated;
    }

    private static void Emit(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException("the compilation does not emit: " + result.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error));
        }
    }

    private static async Task Analyze(Compilation compilation, CompilerInputs inputs, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var failures = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(inputs.AdditionalFiles, inputs.Options),
            (exception, analyzer, _) => failures.Add($"{analyzer.GetType().Name}: {exception.GetType().Name}: {exception.Message}"),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        if (failures.Count > 0)
        {
            throw new InvalidOperationException("an analyzer threw: " + failures[0]);
        }

        if (diagnostics.Any(d => d.Id.StartsWith("NG", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("NormGuard reported on this project: " + diagnostics.First(d => d.Id.StartsWith("NG", StringComparison.Ordinal)));
        }
    }

    private static TimeSpan ProcessCpu()
    {
        using Process self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static double Median(List<double> values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Fmt(List<double> values) =>
        string.Create(CultureInfo.InvariantCulture, $"{Median(values):0} ({values.Min():0}–{values.Max():0})");
}
