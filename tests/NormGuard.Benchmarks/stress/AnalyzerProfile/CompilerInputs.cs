using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace NormGuard.Benchmarks.AnalyzerProfile;

/// <summary>
/// What csc compiled in a build, rebuilt from the command line MSBuild logged at detailed verbosity: the same sources,
/// references, parse and compilation options, additional files (the manifests) and analyzer config files (the
/// build properties the generator reads, the severities), and the NormGuard.Generators.dll the build loaded.
/// </summary>
internal sealed class CompilerInputs
{
    private const string CscMarker = "/bincore/csc ";

    private CompilerInputs(CSharpCommandLineArguments arguments, ImmutableArray<SyntaxTree> trees, ImmutableArray<MetadataReference> references,
        ImmutableArray<AdditionalText> additionalFiles, AnalyzerConfigSet configs, string normGuardAnalyzers)
    {
        Arguments = arguments;
        Trees = trees;
        References = references;
        AdditionalFiles = additionalFiles;
        Options = new ConfigOptionsProvider(configs);
        CompilationOptions = ((CSharpCompilationOptions)arguments.CompilationOptions)
            .WithSyntaxTreeOptionsProvider(new TreeSeverities(configs))
            .WithConcurrentBuild(false); // one thread: the times below add up, and do not depend on what else the machine runs
        NormGuardAnalyzers = normGuardAnalyzers;
    }

    public CSharpCommandLineArguments Arguments { get; }

    public ImmutableArray<SyntaxTree> Trees { get; }

    public ImmutableArray<MetadataReference> References { get; }

    public ImmutableArray<AdditionalText> AdditionalFiles { get; }

    public AnalyzerConfigOptionsProvider Options { get; }

    public CSharpCompilationOptions CompilationOptions { get; }

    public string NormGuardAnalyzers { get; }

    public static CompilerInputs FromBuildLog(string log, string projectDirectory)
    {
        string? line = File.ReadLines(log).FirstOrDefault(l => l.Contains(CscMarker, StringComparison.Ordinal) && l.Contains(" /out:", StringComparison.Ordinal));
        if (line is null)
        {
            throw new InvalidDataException($"{log}: no csc command line (build with -v:detailed and UseSharedCompilation=false)");
        }

        string commandLine = line.Substring(line.IndexOf(CscMarker, StringComparison.Ordinal) + CscMarker.Length);
        string[] args = CommandLineParser.SplitCommandLineIntoArguments(commandLine, removeHashComments: false).ToArray();
        CSharpCommandLineArguments parsed = CSharpCommandLineParser.Default.Parse(args, projectDirectory, RuntimeEnvironment.GetRuntimeDirectory());
        if (parsed.Errors.Any(e => e.Severity == DiagnosticSeverity.Error))
        {
            throw new InvalidDataException($"{log}: the csc command line does not parse: {parsed.Errors.First(e => e.Severity == DiagnosticSeverity.Error)}");
        }

        ImmutableArray<SyntaxTree> trees = parsed.SourceFiles
            .Select(f => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(f.Path), System.Text.Encoding.UTF8), parsed.ParseOptions, f.Path))
            .ToImmutableArray();
        ImmutableArray<MetadataReference> references = parsed.MetadataReferences
            .Select(r => (MetadataReference)MetadataReference.CreateFromFile(Path.GetFullPath(r.Reference, projectDirectory), r.Properties))
            .ToImmutableArray();
        ImmutableArray<AdditionalText> additional = parsed.AdditionalFiles.Select(f => (AdditionalText)new FileText(f.Path)).ToImmutableArray();
        AnalyzerConfigSet configs = AnalyzerConfigSet.Create(parsed.AnalyzerConfigPaths.Select(p => AnalyzerConfig.Parse(File.ReadAllText(p), p)).ToList());
        string analyzers = parsed.AnalyzerReferences.Select(r => Path.GetFullPath(r.FilePath, projectDirectory))
            .FirstOrDefault(p => Path.GetFileName(p) == "NormGuard.Generators.dll")
            ?? throw new InvalidDataException($"{log}: the build loaded no NormGuard.Generators.dll");
        return new CompilerInputs(parsed, trees, references, additional, configs, analyzers);
    }

    public CSharpCompilation CreateCompilation() =>
        CSharpCompilation.Create(Arguments.CompilationName, Trees, References, CompilationOptions);

    private sealed class FileText : AdditionalText
    {
        public FileText(string path) => Path = path;

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(Path), System.Text.Encoding.UTF8);
    }

    private sealed class DictionaryOptions : AnalyzerConfigOptions
    {
        private readonly ImmutableDictionary<string, string> _values;

        public DictionaryOptions(ImmutableDictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);

        public override IEnumerable<string> Keys => _values.Keys;
    }

    private sealed class ConfigOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly AnalyzerConfigSet _configs;
        private readonly ConcurrentDictionary<string, AnalyzerConfigOptions> _byPath = new ConcurrentDictionary<string, AnalyzerConfigOptions>(StringComparer.Ordinal);

        public ConfigOptionsProvider(AnalyzerConfigSet configs)
        {
            _configs = configs;
            GlobalOptions = new DictionaryOptions(configs.GlobalConfigOptions.AnalyzerOptions);
        }

        public override AnalyzerConfigOptions GlobalOptions { get; }

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => For(tree.FilePath);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => For(textFile.Path);

        private AnalyzerConfigOptions For(string path) =>
            _byPath.GetOrAdd(path, p => new DictionaryOptions(_configs.GetOptionsForSourcePath(p).AnalyzerOptions));
    }

    /// <summary>Severities from the analyzer config files (NormGuard's strict config, a silencing config), as csc applies them.</summary>
    private sealed class TreeSeverities : SyntaxTreeOptionsProvider
    {
        private readonly AnalyzerConfigSet _configs;
        private readonly ConcurrentDictionary<string, ImmutableDictionary<string, ReportDiagnostic>> _byPath = new ConcurrentDictionary<string, ImmutableDictionary<string, ReportDiagnostic>>(StringComparer.Ordinal);

        public TreeSeverities(AnalyzerConfigSet configs) => _configs = configs;

        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
            _byPath.GetOrAdd(tree.FilePath, p => _configs.GetOptionsForSourcePath(p).TreeOptions).TryGetValue(diagnosticId, out severity);

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
            _configs.GlobalConfigOptions.TreeOptions.TryGetValue(diagnosticId, out severity);
    }
}

/// <summary>Loads the analyzer assembly into the default context, where the SDK's compiler assemblies already are.</summary>
internal sealed class DefaultContextLoader : IAnalyzerAssemblyLoader
{
    public void AddDependencyLocation(string fullPath)
    {
    }

    public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
}
