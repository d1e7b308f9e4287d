using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace NormGuard.Generators.Tests;

/// <summary>Runs the generator on in-memory sources and manifests, as the compiler would.</summary>
internal static class GeneratorHost
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        string[] platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return platform
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(FeatureSetAttribute).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    });

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static CSharpCompilation Compilation(params string[] sources) =>
        CSharpCompilation.Create(
            "Consumer",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));

    public static GeneratorDriver Driver(params (string Path, string Text)[] manifests) =>
        Driver(manifests.Select(m => (AdditionalText)new InMemoryAdditionalText(m.Path, m.Text)).ToArray());

    public static GeneratorDriver Driver(params AdditionalText[] manifests) =>
        CSharpGeneratorDriver.Create(
            [new NormGuardGenerator().AsSourceGenerator()],
            manifests,
            ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Every analyzer the package ships, as the compiler loads them from the generator assembly.</summary>
    public static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> Analyzers = new(() =>
        typeof(NormGuardGenerator).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray());

    public static GenerationRun Run(string source, params (string Path, string Text)[] manifests) => Run(source, null, manifests);

    /// <summary>As <see cref="Run(string, ValueTuple{string, string}[])"/>, with global analyzer config options (what a
    /// <c>.globalconfig</c> or the strict build's generated config gives the compiler).</summary>
    public static GenerationRun Run(string source, IReadOnlyDictionary<string, string>? globalOptions, params (string Path, string Text)[] manifests)
    {
        CSharpCompilation compilation = Compilation(source);
        AdditionalText[] texts = manifests.Select(m => (AdditionalText)new InMemoryAdditionalText(m.Path, m.Text)).ToArray();
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new NormGuardGenerator().AsSourceGenerator()],
            texts,
            ParseOptions,
            new GlobalOptionsProvider(globalOptions ?? new Dictionary<string, string>()),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return new GenerationRun(driver.GetRunResult(), output, diagnostics) { AdditionalTexts = [.. texts] };
    }

    /// <summary>What the analyzers report on a compilation with its manifests (an analyzer that throws fails the test).</summary>
    public static ImmutableArray<Diagnostic> Analyze(Compilation compilation, ImmutableArray<AdditionalText> manifests)
    {
        var crashes = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(manifests),
            onAnalyzerException: (exception, analyzer, _) => crashes.Enqueue(analyzer.GetType().Name + ": " + exception),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = compilation.WithAnalyzers(Analyzers.Value, options).GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        if (!crashes.IsEmpty || diagnostics.Any(d => d.Id == "AD0001"))
        {
            throw new InvalidOperationException("an analyzer threw: " + string.Join(Environment.NewLine, crashes.Concat(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.ToString()))));
        }

        return diagnostics;
    }
}

internal sealed record GenerationRun(GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    private ImmutableArray<Diagnostic> _diagnostics;

    public ImmutableArray<AdditionalText> AdditionalTexts { get; init; } = [];

    /// <summary>The NormGuard diagnostics of the build: the analyzers' (which report NG0001/NG0002 too) and the generator's.</summary>
    public ImmutableArray<Diagnostic> Diagnostics =>
        _diagnostics.IsDefault
            ? _diagnostics = [.. GeneratorDiagnostics, .. GeneratorHost.Analyze(Output, AdditionalTexts).Where(d => d.Id.StartsWith("NG", StringComparison.Ordinal))]
            : _diagnostics;

    public string Source(string hintSuffix) =>
        Result.Results.Single().GeneratedSources.Single(s => s.HintName.EndsWith(hintSuffix, StringComparison.Ordinal)).SourceText.ToString();

    public IEnumerable<string> AllSources => Result.Results.Single().GeneratedSources.Select(s => s.SourceText.ToString());

    /// <summary>Compiler errors in the user's code plus the generated code.</summary>
    public IEnumerable<Diagnostic> CompileErrors => Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);
}

internal sealed class GlobalOptionsProvider(IReadOnlyDictionary<string, string> global) : AnalyzerConfigOptionsProvider
{
    private static readonly DictionaryOptions None = new(new Dictionary<string, string>());

    public override AnalyzerConfigOptions GlobalOptions { get; } = new DictionaryOptions(global);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => None;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => None;

    private sealed class DictionaryOptions(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}

internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
