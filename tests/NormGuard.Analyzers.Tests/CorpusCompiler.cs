using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Emit;
using NormGuard.Generators;

namespace NormGuard.Analyzers.Tests;

/// <summary>A corpus program compiled as the user's build would compile it, ready for an analyzer.</summary>
internal sealed record CorpusBuild(CorpusProgram Program, Compilation Compilation, ImmutableArray<AdditionalText> AdditionalFiles, ImmutableArray<string> Errors)
{
    /// <summary>What the NormGuard generator reported while binding the program's feature sets (warnings included).</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; init; } = [];
}

/// <summary>What one analyzer reported on one corpus program, against its labels.</summary>
internal sealed record CorpusOutcome(CorpusProgram Program, ImmutableArray<ExpectedDiagnostic> Found, ImmutableArray<ExpectedDiagnostic> Missed, ImmutableArray<Diagnostic> Unexpected)
{
    public bool Exact => Missed.IsEmpty && Unexpected.IsEmpty;

    public string Describe() =>
        string.Join(
            Environment.NewLine,
            Missed.Select(m => $"  missed  {m.Id} at {m.Path} {Where(m)}")
                .Concat(Unexpected.Select(d => $"  extra   {d.Id} at {d.Location.GetLineSpan().Path} {d.Location.GetLineSpan().StartLinePosition}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")));

    private string Where(ExpectedDiagnostic expected)
    {
        string text = Program.Sources.Single(s => s.Path == expected.Path).Text;
        var line = Microsoft.CodeAnalysis.Text.SourceText.From(text).Lines.GetLinePosition(expected.Span.Start);
        return $"{line} '{text.Substring(expected.Span.Start, expected.Span.Length)}'";
    }
}

/// <summary>
/// Compiles corpus programs against the same references as <see cref="Verify{TAnalyzer}"/> (.NET 8 reference assemblies,
/// ML.NET 6.0.0, the NormGuard runtime), shared across programs because ML.NET's metadata is heavy to load. A program's
/// <c>Library/</c> is compiled and emitted first and referenced as a metadata image, so the analysis sees its helpers as
/// it would see a NuGet package or another project's output: signatures and attributes, no bodies.
/// </summary>
internal static class CorpusCompiler
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Default);

    private static readonly Lazy<Task<ImmutableArray<MetadataReference>>> BaseReferences = new(async () =>
    {
        ImmutableArray<MetadataReference> platform = await References.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        return platform
            .Add(MetadataReference.CreateFromFile(typeof(FeatureSetAttribute).Assembly.Location))
            .AddRange(References.MLNet.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)));
    });

    private static readonly ConcurrentDictionary<string, Task<CorpusBuild>> Builds = new(StringComparer.Ordinal);

    /// <summary>The compiled program, once per program and mode for the whole test run (compiling is the expensive part).</summary>
    public static Task<CorpusBuild> BuildAsync(string root, string name, bool runGenerator) =>
        Builds.GetOrAdd(root + "|" + name + "|" + runGenerator, _ => BuildCoreAsync(CorpusProgram.Load(root, name), runGenerator));

    /// <summary>The library image of a program with a <c>Library/</c> folder (null without one); errors are thrown.</summary>
    public static async Task<MetadataReference?> LibraryAsync(CorpusProgram program)
    {
        if (program.LibrarySources.IsEmpty)
        {
            return null;
        }

        ImmutableArray<MetadataReference> references = await BaseReferences.Value;
        CSharpCompilation library = CSharpCompilation.Create(
            LibraryName(program),
            program.LibrarySources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, path: s.Path)),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        EmitResult result = library.Emit(image);
        if (!result.Success)
        {
            throw new InvalidDataException($"{program.Name}/Library does not compile:{Environment.NewLine}" + string.Join(Environment.NewLine, result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return MetadataReference.CreateFromImage(image.ToArray());
    }

    public static string LibraryName(CorpusProgram program) => "Corpus." + program.Name.Replace('/', '.') + ".Library";

    /// <summary>What <paramref name="analyzer"/> reports on the build, compared with the program's labels for its diagnostic id.</summary>
    public static async Task<CorpusOutcome> AnalyzeAsync(CorpusBuild build, DiagnosticAnalyzer analyzer, string id)
    {
        var crashes = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(build.AdditionalFiles),
            (exception, failed, _) => crashes.Enqueue(failed.GetType().Name + ": " + exception),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> reported = await build.Compilation
            .WithAnalyzers(ImmutableArray.Create(analyzer), options)
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        if (!crashes.IsEmpty || reported.Any(d => d.Id == "AD0001"))
        {
            throw new InvalidOperationException($"{build.Program.Name}: the analyzer threw: " + string.Join(Environment.NewLine, crashes.Concat(reported.Where(d => d.Id == "AD0001").Select(d => d.ToString()))));
        }

        var ofId = reported.Where(d => d.Id == id && d.Location.IsInSource).ToList();
        var expected = build.Program.Expected.Where(e => e.Id == id).ToImmutableArray();
        var found = expected.Where(e => ofId.Any(d => Matches(d, e))).ToImmutableArray();
        var missed = expected.Except(found).ToImmutableArray();
        var unexpected = ofId.Where(d => !expected.Any(e => Matches(d, e))).ToImmutableArray();
        return new CorpusOutcome(build.Program, found, missed, unexpected);
    }

    private static bool Matches(Diagnostic diagnostic, ExpectedDiagnostic expected) =>
        diagnostic.Location.SourceTree?.FilePath == expected.Path && diagnostic.Location.SourceSpan == expected.Span;

    private static async Task<CorpusBuild> BuildCoreAsync(CorpusProgram program, bool runGenerator)
    {
        ImmutableArray<MetadataReference> references = await BaseReferences.Value;
        MetadataReference? library = await LibraryAsync(program);
        if (library is not null)
        {
            references = references.Add(library);
        }

        Compilation compilation = CSharpCompilation.Create(
            "Corpus." + program.Name.Replace('/', '.'),
            program.Sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, path: s.Path)),
            references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
        ImmutableArray<AdditionalText> additional = program.Manifests.Select(m => (AdditionalText)new InMemoryAdditionalText(m.Path, m.Text)).ToImmutableArray();
        var errors = ImmutableArray.CreateBuilder<string>();
        ImmutableArray<Diagnostic> generatorDiagnostics = [];
        if (runGenerator)
        {
            CSharpGeneratorDriver
                .Create([new NormGuardGenerator().AsSourceGenerator()], additional, ParseOptions)
                .RunGeneratorsAndUpdateCompilation(compilation, out compilation, out generatorDiagnostics);
            errors.AddRange(generatorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
        }

        errors.AddRange(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
        return new CorpusBuild(program, compilation, additional, errors.ToImmutable()) { GeneratorDiagnostics = generatorDiagnostics };
    }
}
