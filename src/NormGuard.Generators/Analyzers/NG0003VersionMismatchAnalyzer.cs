using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using NormGuard.Generators.Binding;
using NormGuard.Generators.Diagnostics;
using NormGuard.Generators.Model;
using NormGuard.Manifests;

namespace NormGuard.Generators.Analyzers
{
    /// <summary>
    /// NG0003, scaler version mismatch, in its three forms:
    /// <list type="number">
    /// <item>the <c>[FeatureSet(Version = n)]</c> pin differs from the manifest's <c>version</c> (at <c>Version = n</c>;
    /// property <see cref="ManifestVersionProperty"/> for the code fix);</item>
    /// <item>the assemblies of one build (this one and its references) carry <c>[assembly: FeatureSetBinding]</c>s that bind
    /// different versions or hashes of one feature set (at this compilation's declaration of it, else compilation-wide);</item>
    /// <item>the model artifact named by <c>[FeatureSet(Model = "…")]</c> expects another feature set or manifest hash, or
    /// cannot be checked (at <c>Model = "…"</c>).</item>
    /// </list>
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class VersionMismatchAnalyzer : FeatureSetAnalyzer
    {
        /// <summary>Diagnostic property: the manifest's version, the value the pin should take.</summary>
        public const string ManifestVersionProperty = "ManifestVersion";

        /// <summary>Diagnostic property: which form was found, <c>pin</c>, <c>assemblies</c> or <c>model</c>.</summary>
        public const string FormProperty = "Form";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.VersionMismatch);

        /// <summary>Form 1: the version pin against the manifest.</summary>
        protected override void Analyze(FeatureSetContext context)
        {
            FeatureSetSpec spec = context.Spec;
            if (spec.VersionPin == 0 || context.Data is not { } manifest || manifest.Version == spec.VersionPin)
            {
                return;
            }

            string version = manifest.Version.ToString(CultureInfo.InvariantCulture);
            string message =
                "the code pins Version = " + spec.VersionPin.ToString(CultureInfo.InvariantCulture) +
                " but manifest '" + ManifestLookup.FileName(context.Manifest!.Path) + "' is version " + version +
                " (sha256 " + ModelArtifact.Short(manifest.Sha256) + "): the parameters changed since the code was written against them; review the refit (normguard diff) and set Version = " + version +
                ", or bind the manifest the pin names";
            ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty
                .Add(FormProperty, "pin")
                .Add(ManifestVersionProperty, version);
            context.Report(Diagnostic.Create(
                DiagnosticDescriptors.VersionMismatch,
                ArgumentLocation(context.Attribute, "Version", context.Compilation, spec, context.CancellationToken),
                properties,
                spec.FeatureSetName,
                message));
        }

        /// <summary>Forms 2 and 3 need the compilation's references and AdditionalFiles.</summary>
        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, CompilationState state)
        {
            INamedTypeSymbol? attribute = context.Compilation.GetTypeByMetadataName(NormGuardGenerator.FeatureSetAttribute);
            if (attribute is null)
            {
                return;
            }

            var bindings = new AssemblyBindings(context.Compilation);
            var reportedAtDeclaration = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
            ImmutableArray<AdditionalText> additionalFiles = context.Options.AdditionalFiles;

            context.RegisterSymbolAction(
                symbolContext =>
                {
                    if (symbolContext.Symbol is not INamedTypeSymbol type || state.Describe(type, attribute, symbolContext.CancellationToken) is not { } described)
                    {
                        return;
                    }

                    FeatureSetSpec spec = described.Spec;
                    if (bindings.Conflict(spec.FeatureSetName, symbolContext.CancellationToken) is { } conflict)
                    {
                        reportedAtDeclaration[spec.FeatureSetName] = true;
                        symbolContext.ReportDiagnostic(Diagnostic.Create(
                            DiagnosticDescriptors.VersionMismatch,
                            FeatureSetContext.Locate(symbolContext.Compilation, spec.Location),
                            Form("assemblies"),
                            spec.FeatureSetName,
                            conflict.Describe()));
                    }

                    if (spec.ModelArtifact is not null)
                    {
                        if (ModelRule.Check(spec, state.Lookup(spec).File, additionalFiles, symbolContext.CancellationToken) is { } problem)
                        {
                            symbolContext.ReportDiagnostic(Diagnostic.Create(
                                DiagnosticDescriptors.VersionMismatch,
                                ArgumentLocation(described.Attribute, "Model", symbolContext.Compilation, spec, symbolContext.CancellationToken),
                                Form("model"),
                                spec.FeatureSetName,
                                problem));
                        }
                    }
                },
                SymbolKind.NamedType);

            // A conflict among referenced assemblies that this compilation does not declare (the serving app references
            // the training library and a features library) has no declaration to point at: it is compilation-wide.
            context.RegisterCompilationEndAction(end =>
            {
                foreach (BindingConflict conflict in bindings.All(end.CancellationToken))
                {
                    if (!reportedAtDeclaration.ContainsKey(conflict.FeatureSet))
                    {
                        end.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.VersionMismatch, Location.None, Form("assemblies"), conflict.FeatureSet, conflict.Describe()));
                    }
                }
            });
        }

        private static ImmutableDictionary<string, string?> Form(string form) =>
            ImmutableDictionary<string, string?>.Empty.Add(FormProperty, form);

        /// <summary>The <c>Name = value</c> argument of the attribute application, else the type's declaration.</summary>
        private static Location ArgumentLocation(AttributeData attribute, string name, Compilation compilation, FeatureSetSpec spec, CancellationToken cancellationToken)
        {
            if (attribute.ApplicationSyntaxReference is { } reference &&
                reference.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList: { } arguments } &&
                compilation.ContainsSyntaxTree(reference.SyntaxTree))
            {
                foreach (AttributeArgumentSyntax argument in arguments.Arguments)
                {
                    if (argument.NameEquals?.Name.Identifier.ValueText == name)
                    {
                        return argument.GetLocation();
                    }
                }
            }

            return FeatureSetContext.Locate(compilation, spec.Location);
        }
    }

    /// <summary>
    /// NG0003, third form: the model artifact a feature set names, against the manifest it binds. For
    /// <c>Model = "m"</c> the binding is read from the AdditionalFile <c>m.lock.json</c> when there is one (the model
    /// itself is then never opened: a model with weights is binary, and asking the compiler for its text makes it
    /// report CS2015), else from <c>m</c> (an <c>.onnx</c> model's metadata, or a lock file). Names match the way
    /// manifest names do: the exact path or a path suffix after a directory separator, case-insensitively.
    /// </summary>
    internal static class ModelRule
    {
        /// <summary>The lock file of model <c>m</c> is <c>m.lock.json</c>.</summary>
        public const string LockSuffix = ".lock.json";

        /// <summary>The problem to report, or null when the artifact expects exactly this feature set's manifest.</summary>
        public static string? Check(FeatureSetSpec spec, ManifestFile? manifestFile, ImmutableArray<AdditionalText> additionalFiles, CancellationToken cancellationToken)
        {
            ManifestData? manifest = manifestFile?.Result.Manifest;
            string model = spec.ModelArtifact ?? string.Empty;
            if (model.Trim().Length == 0)
            {
                return "Model = \"\" names no file: name the model artifact (an .onnx file or a lock file among the AdditionalFiles), or remove the argument";
            }

            // The lock file next to the model wins: a model with weights is binary data the compiler cannot hand to an
            // analyzer (it reports CS2015 when asked), so the build reads its binding from the lock file when there is one.
            string lockName = model + LockSuffix;
            List<AdditionalText> locks = model.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? new List<AdditionalText>() : Find(additionalFiles, lockName);
            List<AdditionalText> artifacts = locks.Count == 0 ? Find(additionalFiles, model) : locks;
            string named = locks.Count == 0 ? model : lockName;
            if (artifacts.Count == 0)
            {
                return ModelArtifact.IsOnnx(model)
                    ? "neither model '" + model + "' nor its lock file '" + lockName + "' is among the AdditionalFiles, so the build cannot check which manifest the model was trained with: add <AdditionalFiles Include=\"" + lockName + "\" /> (written with the model, see NG0003's docs) or <AdditionalFiles Include=\"" + model + "\" />"
                    : "model '" + model + "' is not among the AdditionalFiles, so the build cannot check which manifest the model was trained with: add <AdditionalFiles Include=\"" + model + "\" /> to the project";
            }

            if (artifacts.Count > 1)
            {
                return artifacts.Count.ToString(CultureInfo.InvariantCulture) + " AdditionalFiles match '" + named + "' (" + string.Join(", ", artifacts.Select(m => m.Path)) + "): name the model with its directory, Model = \"dir/" + ManifestLookup.FileName(model) + "\"";
            }

            AdditionalText file = artifacts[0];
            bool onnx = ModelArtifact.IsOnnx(file.Path);
            SourceText? text = file.GetText(cancellationToken);
            if (text is null)
            {
                return "model '" + named + "' cannot be checked: the compiler cannot read it as text" +
                    (onnx
                        ? " (CS2015: a model with weights is binary data); write its lock file '" + lockName + "' next to it when exporting it (ModelLock.Write, or the script in NG0003's docs) and list that as an AdditionalFile instead of the model"
                        : " (the compiler reports why); a lock file is UTF-8 JSON");
            }

            string kind = onnx ? "model '" + model + "'" : locks.Count > 0 ? "model '" + model + "' (lock file '" + ManifestLookup.FileName(file.Path) + "')" : "model lock file '" + model + "'";
            ModelExpectation expected = ModelArtifact.Read(file.Path, text);
            if (expected.Problem is not null)
            {
                return kind + " cannot be checked, so it is not trusted: " + expected.Problem;
            }

            if (!string.Equals(expected.FeatureSet, spec.FeatureSetName, StringComparison.Ordinal))
            {
                return kind + " was trained with feature set '" + Text.Shorten(expected.FeatureSet!) + "' (" + Describe(expected.Version, expected.Sha256!, manifest?.Sha256) + ") but this record binds '" + spec.FeatureSetName + "'" +
                    (manifest is null ? string.Empty : " (" + Describe(manifest.Version, manifest.Sha256, expected.Sha256) + ")") +
                    ": it is another model's artifact, or the record names the wrong feature set";
            }

            if (manifest is not null && !string.Equals(expected.Sha256, manifest.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                return kind + " was trained with manifest " + Describe(expected.Version, expected.Sha256!, manifest.Sha256) +
                    " but this record binds '" + ManifestLookup.FileName(manifestFile!.Path) + "' " + Describe(manifest.Version, manifest.Sha256, expected.Sha256) +
                    (expected.Version == manifest.Version ? " (same version number, other content)" : string.Empty) +
                    ": the model would be fed features scaled with parameters it never saw; bind the manifest it was trained with, or retrain and re-export the model with this one";
            }

            return null;
        }

        private static string Describe(int version, string sha256, string? other) =>
            (version > 0 ? "v" + version.ToString(CultureInfo.InvariantCulture) + ", " : string.Empty) + "sha256 " + ModelArtifact.Short(sha256, other);

        private static List<AdditionalText> Find(ImmutableArray<AdditionalText> additionalFiles, string name)
        {
            string wanted = name.Replace('\\', '/');
            return additionalFiles.Where(f => Matches(f.Path.Replace('\\', '/'), wanted)).ToList();
        }

        private static bool Matches(string path, string wanted) =>
            path.Equals(wanted, StringComparison.OrdinalIgnoreCase) ||
            path.EndsWith("/" + wanted, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>One <c>[assembly: FeatureSetBinding]</c>.</summary>
    internal sealed record AssemblyBinding(string Assembly, bool IsThisCompilation, string FeatureSet, int Version, string Sha256);

    /// <summary>A feature set bound to more than one manifest across the assemblies of one build.</summary>
    internal sealed record BindingConflict(string FeatureSet, ImmutableArray<AssemblyBinding> Bindings)
    {
        public string Describe()
        {
            // Enough hex digits that every two different hashes in the message look different.
            string[] hashes = Bindings.Select(b => b.Sha256).Distinct(StringComparer.Ordinal).ToArray();
            int digits = 12;
            for (int i = 0; i < hashes.Length; i++)
            {
                for (int j = i + 1; j < hashes.Length; j++)
                {
                    digits = Math.Max(digits, ModelArtifact.Short(hashes[i], hashes[j]).Length);
                }
            }

            return "the assemblies of this build bind different manifests of it: " +
                string.Join(", ", Bindings.Select(b =>
                    b.Assembly + (b.IsThisCompilation ? " (this project)" : string.Empty) + " binds v" + b.Version.ToString(CultureInfo.InvariantCulture) +
                    " (sha256 " + (b.Sha256.Length <= digits ? b.Sha256 : b.Sha256.Substring(0, digits)) + ")")) +
                "; a model trained through one and served through another sees features scaled with other parameters: build every assembly against the same manifest";
        }
    }

    /// <summary>
    /// The <c>FeatureSetBinding</c>s of this compilation (the generator's output is part of it) and of every referenced
    /// assembly that references the NormGuard runtime, read once per compilation on first use.
    /// </summary>
    internal sealed class AssemblyBindings
    {
        private const string BindingAttribute = "FeatureSetBindingAttribute";

        private readonly Compilation _compilation;
        private readonly object _gate = new object();
        private Dictionary<string, BindingConflict>? _conflicts;

        public AssemblyBindings(Compilation compilation) => _compilation = compilation;

        public BindingConflict? Conflict(string featureSet, CancellationToken cancellationToken) =>
            Conflicts(cancellationToken).TryGetValue(featureSet, out BindingConflict? conflict) ? conflict : null;

        public IEnumerable<BindingConflict> All(CancellationToken cancellationToken) =>
            Conflicts(cancellationToken).Values.OrderBy(c => c.FeatureSet, StringComparer.Ordinal);

        private Dictionary<string, BindingConflict> Conflicts(CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                // Not cached when cancelled: the next caller computes it again.
                return _conflicts ??= Find(_compilation, cancellationToken);
            }
        }

        public static Dictionary<string, BindingConflict> Find(Compilation compilation, CancellationToken cancellationToken)
        {
            var bindings = new List<AssemblyBinding>();
            Collect(compilation.Assembly, true, bindings);
            string runtime = compilation.GetTypeByMetadataName("NormGuard." + BindingAttribute)?.ContainingAssembly.Identity.Name ?? "NormGuard";
            foreach (IAssemblySymbol assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (RuntimeReferences.IsCompiledAgainst(assembly, runtime))
                {
                    Collect(assembly, false, bindings);
                }
            }

            var conflicts = new Dictionary<string, BindingConflict>(StringComparer.Ordinal);
            foreach (IGrouping<string, AssemblyBinding> group in bindings.GroupBy(b => b.FeatureSet, StringComparer.Ordinal))
            {
                if (group.Select(b => (b.Version, b.Sha256)).Distinct().Count() > 1)
                {
                    ImmutableArray<AssemblyBinding> ordered = group
                        .Distinct()
                        .OrderBy(b => b.Assembly, StringComparer.Ordinal)
                        .ThenBy(b => b.Version)
                        .ThenBy(b => b.Sha256, StringComparer.Ordinal)
                        .ToImmutableArray();
                    conflicts.Add(group.Key, new BindingConflict(group.Key, ordered));
                }
            }

            return conflicts;
        }


        private static void Collect(IAssemblySymbol assembly, bool isThisCompilation, List<AssemblyBinding> bindings)
        {
            foreach (AttributeData attribute in assembly.GetAttributes())
            {
                // By name, not symbol identity: a library built against another NormGuard version binds just the same.
                if (attribute.AttributeClass is { Name: BindingAttribute, ContainingNamespace: { Name: "NormGuard", ContainingNamespace.IsGlobalNamespace: true } } &&
                    attribute.ConstructorArguments.Length == 3 &&
                    attribute.ConstructorArguments[0].Value is string featureSet &&
                    attribute.ConstructorArguments[1].Value is int version &&
                    attribute.ConstructorArguments[2].Value is string sha256)
                {
                    bindings.Add(new AssemblyBinding(assembly.Identity.Name, isThisCompilation, featureSet, version, sha256.ToLowerInvariant()));
                }
            }
        }
    }
}
