using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGuard.Analyzers.Tests;
using NormGuard.FlowPrototype.Flow;
using NormGuard.Generators.Analyzers;

namespace NormGuard.FlowPrototype.Measure;

/// <summary>
/// Runs the shipped NG0006 (<see cref="LeakageAnalyzer"/>) and the dataflow prototype (<see cref="FlowLeakageAnalyzer"/>)
/// on every program of the labelled leakage corpus: recall and false reports per category and boundary against the
/// labels, and the analyzers' own execution time (the compiler's telemetry) and allocations, median of several runs.
/// Usage: dotnet run -c Release --project tests/NormGuard.FlowPrototype -- [--runs 5] [--depth 3] [--out file.md] [--only Name] [--details]
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        int runs = int.Parse(Option(args, "--runs") ?? "5", CultureInfo.InvariantCulture);
        uint depth = uint.Parse(Option(args, "--depth") ?? "3", CultureInfo.InvariantCulture);
        string? only = Option(args, "--only");
        string? output = Option(args, "--out");
        bool details = args.Contains("--details");
        string root = Path.Combine(RepositoryRoot(), "tests", "NormGuard.Analyzers.Tests", "Corpus", "Leakage");

        var names = CorpusProgram.Entries(root, "Leaky", "Clean").Where(n => only is null || n.Contains(only, StringComparison.Ordinal)).ToList();
        var shipped = new List<CorpusOutcome>();
        var prototype = new List<CorpusOutcome>();
        var times = new List<ProgramTimes>();
        var broken = new List<string>();
        int failures = 0, analyses = 0;
        foreach (string name in names)
        {
            CorpusBuild build = await CorpusCompiler.BuildAsync(root, name, runGenerator: false);
            if (!build.Errors.IsEmpty)
            {
                broken.Add($"{name}: does not compile ({build.Errors[0]})");
                continue;
            }

            var flow = new FlowLeakageAnalyzer(depth) { FailureLog = m => Console.Error.WriteLine($"{name}: analysis threw: {m}") };
            shipped.Add(await CorpusCompiler.AnalyzeAsync(build, new LeakageAnalyzer(), "NG0006"));
            prototype.Add(await CorpusCompiler.AnalyzeAsync(build, flow, "NG0006"));
            analyses += flow.LastCounts.Analyses;
            failures += flow.LastCounts.Failures;
            if (details && !prototype[^1].Exact)
            {
                Console.WriteLine($"{name}:{Environment.NewLine}{prototype[^1].Describe()}");
            }

            var sample = new ProgramTimes(name);
            for (int run = 0; run < runs; run++)
            {
                // Alternate the order so neither analyzer always runs on a warmer process.
                if (run % 2 == 0)
                {
                    sample.Shipped.Add(await TimeAsync(build, new LeakageAnalyzer()));
                    sample.Prototype.Add(await TimeAsync(build, new FlowLeakageAnalyzer(depth)));
                }
                else
                {
                    sample.Prototype.Add(await TimeAsync(build, new FlowLeakageAnalyzer(depth)));
                    sample.Shipped.Add(await TimeAsync(build, new LeakageAnalyzer()));
                }
            }

            times.Add(sample);
        }

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Programs: {names.Count}; runs per program and analyzer: {runs}; prototype call-chain depth: {depth}; prototype top-level analyses: {analyses}, of which threw or gave no result: {failures}.");
        report.AppendLine();
        report.AppendLine("#### Dataflow prototype (AnalyzerUtilities)");
        report.AppendLine();
        Tables(report, prototype);
        report.AppendLine();
        report.AppendLine("#### Shipped NG0006 (summaries), same harness");
        report.AppendLine();
        Tables(report, shipped);
        report.AppendLine();
        report.AppendLine("#### Analyzer execution time (compiler telemetry, ms) and allocations (MB), median per program");
        report.AppendLine();
        TimeTable(report, times);
        if (broken.Count > 0)
        {
            report.AppendLine();
            report.AppendLine("Programs that could not be judged: " + string.Join("; ", broken));
        }

        Console.WriteLine(report.ToString());
        if (output is not null)
        {
            File.WriteAllText(output, report.ToString());
        }

        return 0;
    }

    private sealed record Sample(double Milliseconds, double AllocatedMegabytes);

    private sealed record ProgramTimes(string Name)
    {
        public List<Sample> Shipped { get; } = new();

        public List<Sample> Prototype { get; } = new();
    }

    /// <summary>One analyzer on a fresh copy of the compilation whose method bodies are bound first, so binding is
    /// charged to neither; the time is the compiler's own per-analyzer execution time.</summary>
    private static async Task<Sample> TimeAsync(CorpusBuild build, DiagnosticAnalyzer analyzer)
    {
        Compilation compilation = build.Compilation.Clone();
        _ = compilation.GetDiagnostics();
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(build.AdditionalFiles), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true);
        var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create(analyzer), options);
        long before = GC.GetTotalAllocatedBytes(precise: true);
        AnalysisResult result = await withAnalyzers.GetAnalysisResultAsync(CancellationToken.None);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        TimeSpan time = result.AnalyzerTelemetryInfo[analyzer].ExecutionTime;
        return new Sample(time.TotalMilliseconds, allocated / 1048576.0);
    }

    private static void Tables(StringBuilder text, List<CorpusOutcome> outcomes)
    {
        Table(text, "category", outcomes.GroupBy(o => o.Program.Category));
        text.AppendLine();
        Table(text, "boundary", outcomes.Where(o => o.Program.HasHeader).GroupBy(o => o.Program.Boundary));
        var inexact = outcomes.Where(o => !o.Exact).Select(o => o.Program.Name).ToList();
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Programs not reported exactly at their labels ({inexact.Count} of {outcomes.Count}): {(inexact.Count == 0 ? "none" : string.Join(", ", inexact))}");
    }

    private static void Table(StringBuilder text, string key, IEnumerable<IGrouping<string, CorpusOutcome>> groups)
    {
        var rows = groups.OrderBy(g => g.Key == CorpusProgram.Unlabelled ? 1 : 0).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        text.AppendLine(CultureInfo.InvariantCulture, $"| {key} | positive programs | negative programs | marked | found | recall | false reports in positive programs | false reports in negative programs | negative programs with a report |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in rows)
        {
            Row(text, row.Key, row.ToList());
        }

        Row(text, "**all**", rows.SelectMany(r => r).ToList());
    }

    private static void Row(StringBuilder text, string name, List<CorpusOutcome> outcomes)
    {
        var positive = outcomes.Where(o => o.Program.Positive).ToList();
        var negative = outcomes.Where(o => !o.Program.Positive).ToList();
        int marked = outcomes.Sum(o => o.Found.Length + o.Missed.Length);
        int found = outcomes.Sum(o => o.Found.Length);
        string recall = marked == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * found / marked:0}%");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {name} | {positive.Count} | {negative.Count} | {marked} | {found} | {recall} | {positive.Sum(o => o.Unexpected.Length)} | {negative.Sum(o => o.Unexpected.Length)} | {negative.Count(o => !o.Unexpected.IsEmpty)} |");
    }

    private static void TimeTable(StringBuilder text, List<ProgramTimes> times)
    {
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.OrderBy(v => v).ToList();
            return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }

        int runs = times.Count == 0 ? 0 : times[0].Shipped.Count;
        if (runs == 0)
        {
            text.AppendLine("(not timed: --runs 0)");
            return;
        }

        var shippedTotals = Enumerable.Range(0, runs).Select(r => times.Sum(t => t.Shipped[r].Milliseconds)).ToList();
        var prototypeTotals = Enumerable.Range(0, runs).Select(r => times.Sum(t => t.Prototype[r].Milliseconds)).ToList();
        var shippedAlloc = Enumerable.Range(0, runs).Select(r => times.Sum(t => t.Shipped[r].AllocatedMegabytes)).ToList();
        var prototypeAlloc = Enumerable.Range(0, runs).Select(r => times.Sum(t => t.Prototype[r].AllocatedMegabytes)).ToList();
        text.AppendLine("| analyzer | whole corpus, median of per-run totals (ms) | min–max of per-run totals (ms) | median per program (ms) | slowest program, median (ms) | allocated, whole corpus, median (MB) |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        void Line(string name, List<double> totals, Func<ProgramTimes, List<Sample>> pick, List<double> alloc)
        {
            var perProgram = times.Select(t => (t.Name, Ms: Median(pick(t).Select(s => s.Milliseconds)))).ToList();
            var slowest = perProgram.OrderByDescending(p => p.Ms).First();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {Median(totals):0} | {totals.Min():0}–{totals.Max():0} | {Median(perProgram.Select(p => p.Ms)):0.0} | {slowest.Ms:0.0} ({slowest.Name}) | {Median(alloc):0} |");
        }

        Line("shipped NG0006 (summaries)", shippedTotals, t => t.Shipped, shippedAlloc);
        Line("dataflow prototype", prototypeTotals, t => t.Prototype, prototypeAlloc);
        text.AppendLine();
        text.AppendLine("Per program (median ms, shipped / prototype):");
        text.AppendLine();
        foreach (ProgramTimes t in times)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {t.Name}: {Median(t.Shipped.Select(s => s.Milliseconds)):0.0} / {Median(t.Prototype.Select(s => s.Milliseconds)):0.0}");
        }
    }

    private static string? Option(string[] args, string name)
    {
        int index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static string RepositoryRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "NormGuard.sln")))
            {
                return dir;
            }
        }

        throw new DirectoryNotFoundException("NormGuard.sln not found above " + AppContext.BaseDirectory);
    }
}
