using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace NormGuard.Benchmarks.AnalyzerProfile;

/// <summary>
/// --mode generator: NormGuard's generator run from scratch N times (a new driver and new AdditionalText objects each
/// round, so the manifests are read and parsed again, as in every build of a compiler server), then its analyzers on
/// the result. Reports the calling thread's CPU time, which other work on a busy machine hardly changes (wall-clock
/// times there grow with the load), besides Roslyn's own timings.
/// </summary>
internal static class GeneratorCost
{
    /// <param name="manifestCacheMiss">Empty NormGuard's process-wide manifest cache before each round, so every round
    /// reads every manifest as the first build after editing them would; otherwise rounds after the first find the
    /// unchanged manifests in it, as a compiler server's repeated builds do.</param>
    public static async Task Run(CompilerInputs inputs, ImmutableArray<ISourceGenerator> generators, ImmutableArray<DiagnosticAnalyzer> analyzers, int repeat, bool manifestCacheMiss = false)
    {
        Action? clearManifestCache = manifestCacheMiss ? ManifestCacheClearer(analyzers) : null;
        Console.WriteLine(manifestCacheMiss
            ? (clearManifestCache is null ? "manifest cache: this generator has none, every round reads the manifests" : "manifest cache: emptied before each round (every read is a miss)")
            : "manifest cache: kept between rounds, as in a compiler server (if this generator has one)");
        CSharpCompilation compilation = inputs.CreateCompilation();
        var generatorCpu = new List<double>();
        var generatorRoslyn = new List<double>();
        var analyzerRoslyn = new List<double>();
        int generatedLines = 0;
        long generatedChars = 0;
        for (int round = 0; round < repeat + 2; round++) // two warm-up rounds: JIT and tiering
        {
            ImmutableArray<AdditionalText> files = inputs.AdditionalFiles.Select(f => (AdditionalText)new CachedFileText(f.Path)).ToImmutableArray();
            clearManifestCache?.Invoke();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GeneratorDriver driver = CSharpGeneratorDriver.Create(generators, files, (CSharpParseOptions)inputs.Arguments.ParseOptions, inputs.Options);
            double cpu0 = ThreadCpuMilliseconds();
            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out ImmutableArray<Diagnostic> _);
            double cpu = ThreadCpuMilliseconds() - cpu0;
            double roslyn = driver.GetTimingInfo().ElapsedTime.TotalMilliseconds;

            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(files, inputs.Options), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false);
            CompilationWithAnalyzers withAnalyzers = generated.WithAnalyzers(analyzers, options);
            await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            double analyzerMs = 0;
            foreach (DiagnosticAnalyzer analyzer in analyzers)
            {
                analyzerMs += (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime.TotalMilliseconds;
            }

            if (round >= 2)
            {
                generatorCpu.Add(cpu);
                generatorRoslyn.Add(roslyn);
                analyzerRoslyn.Add(analyzerMs);
            }

            var trees = generated.SyntaxTrees.Skip(compilation.SyntaxTrees.Length).ToList();
            generatedLines = trees.Sum(t => t.GetText().Lines.Count);
            generatedChars = trees.Sum(t => (long)t.Length);
            Console.Error.WriteLine($"round {round}{(round < 2 ? " (warm-up)" : string.Empty)}: generator {cpu:0} ms thread CPU, {roslyn:0} ms Roslyn; analyzers {analyzerMs:0} ms");
        }

        int sets = inputs.AdditionalFiles.Length;
        Console.WriteLine($"{sets} manifests; generated {generatedLines} lines, {generatedChars} characters ({generatedLines / (double)sets:0} lines per set)");
        Console.WriteLine($"median of {repeat} rounds after 2 warm-up rounds, one thread (min–max), ms per feature set:");
        Console.WriteLine($"| generator, thread CPU time | {Fmt(generatorCpu, sets)} |");
        Console.WriteLine($"| generator, Roslyn's timing (wall) | {Fmt(generatorRoslyn, sets)} |");
        Console.WriteLine($"| NormGuard's analyzers, Roslyn's execution-time log (wall) | {Fmt(analyzerRoslyn, sets)} |");
    }

    private static Action? ManifestCacheClearer(ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        Type? cache = analyzers.First().GetType().Assembly.GetType("NormGuard.Generators.Binding.ManifestCache");
        object? shared = cache?.GetProperty("Shared")?.GetValue(null);
        System.Reflection.MethodInfo? clear = shared?.GetType().GetMethod("Clear");
        return clear is null ? null : () => clear.Invoke(shared, null);
    }

    private static string Fmt(List<double> values, int sets)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        double median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        return FormattableString.Invariant($"{median / sets:0.000} ({sorted[0] / sets:0.000}–{sorted[^1] / sets:0.000})");
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec time);

    // CLOCK_THREAD_CPUTIME_ID: CPU time of the calling thread (the generator driver runs the generator on it).
    private static double ThreadCpuMilliseconds()
    {
        ClockGetTime(3, out Timespec time);
        return time.Seconds * 1000.0 + time.Nanoseconds / 1e6;
    }

    /// <summary>An AdditionalText that reads its file once, as the compiler's does: the generator and the analyzers
    /// then share one SourceText, and so NormGuard's manifest cache.</summary>
    private sealed class CachedFileText : AdditionalText
    {
        private SourceText? _text;

        public CachedFileText(string path) => Path = path;

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) =>
            _text ??= SourceText.From(File.ReadAllText(Path), System.Text.Encoding.UTF8);
    }
}
