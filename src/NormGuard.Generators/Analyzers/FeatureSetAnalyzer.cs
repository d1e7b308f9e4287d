using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using NormGuard.Generators.Binding;
using NormGuard.Generators.Model;
using NormGuard.Generators.Parsing;
using NormGuard.Manifests;

namespace NormGuard.Generators.Analyzers
{
    /// <summary>
    /// Base of the rules about a <c>[FeatureSet]</c> record and its manifest. The record is parsed into the same
    /// <see cref="FeatureSetSpec"/> the generator uses, once per compilation however many rules ask, and manifests are
    /// read once per text, so a keystroke elsewhere costs nothing here.
    /// </summary>
    public abstract class FeatureSetAnalyzer : DiagnosticAnalyzer
    {
        public sealed override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                INamedTypeSymbol? attribute = start.Compilation.GetTypeByMetadataName(NormGuardGenerator.FeatureSetAttribute);
                if (attribute is null)
                {
                    return;
                }

                CompilationState state = CompilationState.For(start.Compilation, start.Options);
                OnCompilationStart(start, state);
                start.RegisterSymbolAction(
                    symbolContext =>
                    {
                        if (symbolContext.Symbol is INamedTypeSymbol type && state.Describe(type, attribute, symbolContext.CancellationToken) is { } described)
                        {
                            Analyze(new FeatureSetContext(described.Spec, type, described.Attribute, state, symbolContext));
                        }
                    },
                    SymbolKind.NamedType);
            });
        }

        /// <summary>Checks one feature set; <see cref="FeatureSetContext.Manifest"/> is null when NG0001/NG0002 apply.</summary>
        protected abstract void Analyze(FeatureSetContext context);

        /// <summary>For rules that also look at the whole compilation.</summary>
#pragma warning disable RS1012 // Overrides register their actions; the base has none to register.
        private protected virtual void OnCompilationStart(CompilationStartAnalysisContext context, CompilationState state)
        {
        }
#pragma warning restore RS1012
    }

    /// <summary>One feature set as a rule sees it.</summary>
    public sealed class FeatureSetContext
    {
        private readonly SymbolAnalysisContext _context;

        internal FeatureSetContext(FeatureSetSpec spec, INamedTypeSymbol type, AttributeData attribute, CompilationState state, SymbolAnalysisContext context)
        {
            Spec = spec;
            Type = type;
            Attribute = attribute;
            State = state;
            Lookup = state.Lookup(spec);
            _context = context;
        }

        internal FeatureSetSpec Spec { get; }

        public INamedTypeSymbol Type { get; }

        public AttributeData Attribute { get; }

        internal CompilationState State { get; }

        /// <summary>The manifest found for the feature set, or the NG0001/NG0002 problems that leave none.</summary>
        internal ManifestLookupResult Lookup { get; }

        internal ManifestFile? Manifest => Lookup.File;

        internal ManifestData? Data => Manifest?.Result.Manifest;

        public Compilation Compilation => _context.Compilation;

        public CancellationToken CancellationToken => _context.CancellationToken;

        internal void Report(IEnumerable<DiagnosticInfo> diagnostics, DiagnosticDescriptor descriptor, ImmutableDictionary<string, string?>? properties = null)
        {
            foreach (DiagnosticInfo info in diagnostics)
            {
                _context.ReportDiagnostic(Diagnostic.Create(descriptor, Locate(Compilation, info.Location), properties, info.Arguments.ToArray<object>()));
            }
        }

        public void Report(Diagnostic diagnostic) => _context.ReportDiagnostic(diagnostic);

        /// <summary>A source location in the compilation when the path is one of its trees (so pragmas and severities
        /// apply and the IDE underlines it), else a location in an AdditionalFile such as the manifest.</summary>
        internal static Location Locate(Compilation compilation, LocationInfo? info)
        {
            if (info is null)
            {
                return Location.None;
            }

            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                if (tree.FilePath == info.FilePath && info.Span.End <= tree.Length)
                {
                    return Location.Create(tree, info.Span);
                }
            }

            return info.ToLocation();
        }
    }

    internal sealed class ManifestLookupResult
    {
        public ManifestLookupResult(ManifestFile? file, ImmutableArray<DiagnosticInfo> problems)
        {
            File = file;
            Problems = problems;
        }

        public ManifestFile? File { get; }

        public ImmutableArray<DiagnosticInfo> Problems { get; }
    }

    /// <summary>What the rules share within one compilation.</summary>
    internal sealed class CompilationState
    {
        private static readonly ConditionalWeakTable<Compilation, CompilationState> States = new ConditionalWeakTable<Compilation, CompilationState>();

        private readonly ConcurrentDictionary<INamedTypeSymbol, (FeatureSetSpec Spec, AttributeData Attribute)?> _specs =
            new ConcurrentDictionary<INamedTypeSymbol, (FeatureSetSpec, AttributeData)?>(SymbolEqualityComparer.Default);

        private readonly Lazy<ImmutableArray<ManifestFile>> _manifests;

        private readonly ConcurrentDictionary<(string FeatureSet, string File, string Type), ManifestLookupResult> _lookups =
            new ConcurrentDictionary<(string, string, string), ManifestLookupResult>();

        private readonly ConcurrentDictionary<INamedTypeSymbol, FeatureSetUses> _uses =
            new ConcurrentDictionary<INamedTypeSymbol, FeatureSetUses>(SymbolEqualityComparer.Default);

        private readonly Compilation _compilation;

        private CompilationState(Compilation compilation, AnalyzerOptions options)
        {
            _compilation = compilation;
            _manifests = new Lazy<ImmutableArray<ManifestFile>>(() => ReadManifests(options), LazyThreadSafetyMode.ExecutionAndPublication);
            _otherJson = new Lazy<ImmutableArray<DeclaredFeatureSet>>(() => ScanOtherJson(options), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>The <c>*.json</c> AdditionalFiles that are not read as manifests but declare a feature set: scanned
        /// once per compilation, and only when some feature set finds no manifest (NG0001 names them).</summary>
        private readonly Lazy<ImmutableArray<DeclaredFeatureSet>> _otherJson;

        public ImmutableArray<ManifestFile> Manifests => _manifests.Value;

        public ImmutableArray<AdditionalText> AdditionalFiles { get; private set; }

        public static CompilationState For(Compilation compilation, AnalyzerOptions options)
        {
            CompilationState state = States.GetValue(compilation, c => new CompilationState(c, options));
            state.AdditionalFiles = options.AdditionalFiles;
            return state;
        }

        public (FeatureSetSpec Spec, AttributeData Attribute)? Describe(INamedTypeSymbol type, INamedTypeSymbol featureSetAttribute, CancellationToken cancellationToken) =>
            _specs.GetOrAdd(type, t =>
            {
                AttributeData? attribute = t.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, featureSetAttribute));
                return attribute is null ? null : (FeatureSetParser.Parse(t, attribute, cancellationToken), attribute);
            });

        /// <summary>The feature set's readable manifest, or the reasons there is none (NG0001, NG0002).</summary>
        public ManifestLookupResult Lookup(FeatureSetSpec spec) =>
            _lookups.GetOrAdd((spec.FeatureSetName, spec.ManifestFileName, spec.Type.FullName), _ =>
            {
                var problems = new List<DiagnosticInfo>();
                ManifestFile? file = ManifestLookup.Find(spec, Manifests, problems, () => _otherJson.Value);
                return new ManifestLookupResult(file, problems.ToImmutableArray());
            });

        /// <summary>How the compilation uses a feature set's generated members (searched once, and only when asked).</summary>
        public FeatureSetUses Uses(INamedTypeSymbol type, CancellationToken cancellationToken) =>
            _uses.GetOrAdd(type, t => FeatureSetUses.Find(_compilation, t, cancellationToken));

        private static ImmutableArray<DeclaredFeatureSet> ScanOtherJson(AnalyzerOptions options)
        {
            var found = ImmutableArray.CreateBuilder<DeclaredFeatureSet>();
            foreach (AdditionalText text in options.AdditionalFiles)
            {
                if (text.Path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                    && !text.Path.EndsWith(".normguard.json", StringComparison.OrdinalIgnoreCase)
                    && text.GetText() is { } source
                    && ManifestDeclarations.Scan(source.ToString()) is { } featureSet)
                {
                    found.Add(new DeclaredFeatureSet(text.Path, featureSet));
                }
            }

            return found.ToImmutable();
        }

        private static ImmutableArray<ManifestFile> ReadManifests(AnalyzerOptions options)
        {
            var files = ImmutableArray.CreateBuilder<ManifestFile>();
            foreach (AdditionalText text in options.AdditionalFiles)
            {
                if (text.Path.EndsWith(".normguard.json", StringComparison.OrdinalIgnoreCase) && text.GetText() is { } source)
                {
                    files.Add(new ManifestFile(text.Path, ManifestCache.Read(source)));
                }
            }

            return files.ToImmutable();
        }
    }
}
