using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;
using NormGuard.Generators;
using NormGuard.Generators.Analyzers;
using Xunit;

namespace NormGuard.Analyzers.Tests;

/// <summary>
/// NG0003 across assemblies, as a real build sees it: two libraries compiled with the real generator, each bound to
/// a manifest of the same feature set, emitted, and referenced by a third compilation the analyzer runs on.
/// </summary>
public sealed class MultiAssemblyTests
{
    private const string Record = """
        using NormGuard;

        namespace NAMESPACE;

        [FeatureSet("houses")]
        public partial record struct House([property: ZScore] double Area, [property: MinMax] double Rooms);
        """;

    [Fact]
    public async Task Two_libraries_binding_different_versions_of_one_feature_set_are_reported()
    {
        MetadataReference training = Library("Houses.Training", Houses.Manifest(2));
        MetadataReference serving = Library("Houses.Serving", Houses.Manifest(3));

        Compilation app = RoslynHost.Compile("Houses.App", [training, serving], "public static class Program { public static void Main() { } }");
        ImmutableArray<Diagnostic> diagnostics = await RoslynHost.AnalyzeAsync(app, new VersionMismatchAnalyzer());

        Diagnostic ng0003 = Assert.Single(diagnostics);
        Assert.Equal("NG0003", ng0003.Id);
        Assert.Equal(DiagnosticSeverity.Error, ng0003.Severity);
        Assert.Equal(Location.None, ng0003.Location);
        string message = ng0003.GetMessage();
        Assert.StartsWith("Feature set 'houses': the assemblies of this build bind different manifests of it: ", message, StringComparison.Ordinal);
        Assert.Contains("Houses.Serving binds v3 (sha256 " + Houses.Sha256(3)[..12] + ")", message, StringComparison.Ordinal);
        Assert.Contains("Houses.Training binds v2 (sha256 " + Houses.Sha256(2)[..12] + ")", message, StringComparison.Ordinal);
        Assert.Equal("assemblies", ng0003.Properties[VersionMismatchAnalyzer.FormProperty]);
    }

    [Fact]
    public async Task Two_libraries_binding_the_same_manifest_are_fine()
    {
        MetadataReference training = Library("Houses.Training", Houses.Manifest(3));
        MetadataReference serving = Library("Houses.Serving", Houses.Manifest(3));

        Compilation app = RoslynHost.Compile("Houses.App", [training, serving], "public static class Program { public static void Main() { } }");

        Assert.Empty(await RoslynHost.AnalyzeAsync(app, new VersionMismatchAnalyzer()));
    }

    [Fact]
    public async Task The_same_version_number_with_other_content_is_reported()
    {
        // A refit that forgot to bump the version: same number, different parameters, so a different hash.
        MetadataReference training = Library("Houses.Training", Houses.Manifest(3));
        MetadataReference serving = Library("Houses.Serving", Houses.Manifest(3, mean: 90));

        Compilation app = RoslynHost.Compile("Houses.App", [training, serving], "public static class Program { }");
        Diagnostic ng0003 = Assert.Single(await RoslynHost.AnalyzeAsync(app, new VersionMismatchAnalyzer()));

        Assert.Contains("Houses.Serving binds v3 (sha256 " + Houses.Sha256(3, mean: 90)[..12], ng0003.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("Houses.Training binds v3 (sha256 " + Houses.Sha256(3)[..12], ng0003.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_that_binds_the_feature_set_itself_is_reported_at_its_declaration()
    {
        // The serving app declares the record and binds v3 through the generator; the training library it references bound v2.
        MetadataReference training = Library("Houses.Training", Houses.Manifest(2));
        (Compilation app, string appFile) = Generated("Houses.App", [training], Houses.Manifest(3));

        Diagnostic ng0003 = Assert.Single(await RoslynHost.AnalyzeAsync(app, new VersionMismatchAnalyzer()));

        Assert.Equal(appFile, ng0003.Location.SourceTree?.FilePath);
        Assert.Equal("House", ng0003.Location.SourceTree!.GetText().ToString(ng0003.Location.SourceSpan));
        Assert.Contains("Houses.App (this project) binds v3", ng0003.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("Houses.Training binds v2", ng0003.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_that_binds_the_same_manifest_as_its_references_is_fine()
    {
        MetadataReference training = Library("Houses.Training", Houses.Manifest(3));
        (Compilation app, _) = Generated("Houses.App", [training], Houses.Manifest(3));

        Assert.Empty(await RoslynHost.AnalyzeAsync(app, new VersionMismatchAnalyzer()));
    }

    [Fact]
    public async Task Different_feature_sets_do_not_conflict()
    {
        MetadataReference houses = Library("Houses.Training", Houses.Manifest(2));
        MetadataReference flats = Library("Flats.Training", Houses.Manifest(3, featureSet: "flats"), featureSet: "flats");

        Compilation app = RoslynHost.Compile("App", [houses, flats], "public static class Program { }");

        Assert.Empty(await RoslynHost.AnalyzeAsync(app, new VersionMismatchAnalyzer()));
    }

    /// <summary>A library with the feature record, compiled with the generator bound to <paramref name="manifest"/> and emitted.</summary>
    private static MetadataReference Library(string name, string manifest, string featureSet = "houses")
    {
        string source = Record.Replace("NAMESPACE", name, StringComparison.Ordinal).Replace("\"houses\"", "\"" + featureSet + "\"", StringComparison.Ordinal);
        Compilation compilation = RoslynHost.Generate(RoslynHost.Compile(name, [], source), new InMemoryAdditionalText(featureSet + ".normguard.json", manifest));
        Assert.Contains(compilation.Assembly.GetAttributes(), a => a.AttributeClass?.Name == "FeatureSetBindingAttribute");
        return RoslynHost.Emit(compilation);
    }

    private static (Compilation Compilation, string RecordFile) Generated(string name, MetadataReference[] references, string manifest)
    {
        CSharpCompilation compilation = RoslynHost.Compile(name, references, Record.Replace("NAMESPACE", name, StringComparison.Ordinal));
        return (RoslynHost.Generate(compilation, new InMemoryAdditionalText("houses.normguard.json", manifest)), compilation.SyntaxTrees[0].FilePath);
    }
}

/// <summary>The "houses" manifests the NG0003 tests bind.</summary>
internal static class Houses
{
    public static string Manifest(int version, double mean = 82.5, string featureSet = "houses") =>
        "{\n" +
        "  \"format\": \"normguard.manifest/1\",\n" +
        "  \"featureSet\": \"" + featureSet + "\",\n" +
        "  \"version\": " + version.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",\n" +
        "  \"profile\": \"normguard\",\n" +
        "  \"fit\": { \"split\": \"train\", \"rows\": 4 },\n" +
        "  \"features\": [\n" +
        "    { \"name\": \"Area\", \"steps\": [ { \"op\": \"zscore\", \"mean\": " + mean.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", \"std\": 37.5 } ] },\n" +
        "    { \"name\": \"Rooms\", \"steps\": [ { \"op\": \"minmax\", \"min\": 1, \"max\": 4 } ] }\n" +
        "  ]\n" +
        "}\n";

    /// <summary>The manifest hash, as the runtime computes it (the generator computes the same, see the manifest tests).</summary>
    public static string Sha256(int version, double mean = 82.5, string featureSet = "houses") =>
        NormGuard.Manifest.Parse(Manifest(version, mean, featureSet)).Sha256;
}

/// <summary>Raw Roslyn compilations, the generator and the analyzers, without the test framework.</summary>
internal static class RoslynHost
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> Platform = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(FeatureSetAttribute).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray());

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static CSharpCompilation Compile(string assemblyName, IEnumerable<MetadataReference> references, params string[] sources) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"/src/{assemblyName}/Source{i}.cs")),
            Platform.Value.AddRange(references),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Runs the real NormGuard generator, as the compiler does before analyzers run; asserts it reported no error.</summary>
    public static Compilation Generate(CSharpCompilation compilation, params AdditionalText[] additionalFiles)
    {
        CSharpGeneratorDriver
            .Create([new NormGuardGenerator().AsSourceGenerator()], additionalFiles, ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return output;
    }

    public static MetadataReference Emit(Compilation compilation)
    {
        using var image = new MemoryStream();
        EmitResult result = compilation.Emit(image);
        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return MetadataReference.CreateFromImage(image.ToArray());
    }

    /// <summary>The analyzer's diagnostics; fails on an analyzer exception (AD0001) and on compile errors.</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, DiagnosticAnalyzer analyzer, params AdditionalText[] additionalFiles)
    {
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(additionalFiles.ToImmutableArray()),
            (exception, _, _) => exceptions.Add(exception),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create(analyzer), options)
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        Assert.Empty(exceptions);
        return diagnostics;
    }
}

/// <summary>An AdditionalFile as the compiler hands it to analyzers; <see cref="SourceText"/> null when the compiler could
/// not read it (a binary file: it reports CS2015 and analyzers get no text).</summary>
internal sealed class InMemoryAdditionalText(string path, SourceText? text) : AdditionalText
{
    public InMemoryAdditionalText(string path, string text)
        : this(path, SourceText.From(text))
    {
    }

    public override string Path { get; } = path;

    public override SourceText? GetText(CancellationToken cancellationToken = default) => text;
}
