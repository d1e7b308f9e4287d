using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NormGuard.Generators;
using NormGuard.Generators.Tests;

namespace NormGuard.Benchmarks;

/// <summary>
/// Reading the hostile manifests of <c>LinearWorkTests</c> (tests/NormGuard.Generators.Tests/HostileManifests.cs) at
/// 1 and 10 MB: the runtime's <c>Manifest.Parse</c>, and a whole generator run over a record and the manifest. The test
/// checks linear growth by counting work; this times it (figures in docs/reliability.md).
/// </summary>
[MemoryDiagnoser]
public class ManifestParseBenchmarks
{
    private const string RecordSource = """
        using NormGuard;

        namespace Shop.Pricing;

        [FeatureSet("diamonds", Version = 3, Profile = NormalizationProfile.ScikitLearn)]
        public partial record struct Diamond
        {
            [FeatureName("carat"), Log1p, ZScore] public double Carat { get; init; }
            [FeatureName("cut"), OneHot] public string Cut { get; init; }
            [FeatureName("depth"), ZScore] public double Depth { get; init; }
            [FeatureName("table"), MinMax(0, 1, Clip = true)] public double Table { get; init; }
            [FeatureName("x"), Robust] public double X { get; init; }
            [FeatureName("y"), MaxAbs] public double Y { get; init; }
        }
        """;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private string _text = string.Empty;
    private CSharpCompilation? _compilation;

    public static IEnumerable<string> Shapes => HostileManifests.Shapes;

    [ParamsSource(nameof(Shapes))]
    public string Shape { get; set; } = string.Empty;

    [Params(1, 10)]
    public int Megabytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _text = HostileManifests.Build(Shape, Megabytes << 20);
        IEnumerable<MetadataReference> references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(FeatureSetAttribute).Assembly.Location)
            .Select(p => MetadataReference.CreateFromFile(p));
        _compilation = CSharpCompilation.Create(
            "Consumer",
            [CSharpSyntaxTree.ParseText(RecordSource, ParseOptions)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    [Benchmark(Description = "runtime Manifest.Parse")]
    public Manifest? Runtime()
    {
        try
        {
            return Manifest.Parse(_text);
        }
        catch (ManifestException)
        {
            return null;
        }
    }

    // A new SourceText each time: the generator caches what it read per SourceText instance.
    [Benchmark(Description = "generator run")]
    public GeneratorDriver Generator() =>
        CSharpGeneratorDriver.Create([new NormGuardGenerator().AsSourceGenerator()], [new ManifestFile("/p/diamonds.normguard.json", _text)], ParseOptions)
            .RunGenerators(_compilation!);

    private sealed class ManifestFile(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
