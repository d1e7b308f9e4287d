using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGuard.Generators.Binding;
using NormGuard.Generators.Diagnostics;
using NormGuard.Generators.Model;
using NormGuard.Manifests;

namespace NormGuard.Generators.Analyzers
{
    /// <summary>
    /// NG0017: the manifest has no <c>sha256</c>. Fitters and importers always write one, so a manifest without it was
    /// written by hand or had the field deleted, and a changed parameter would pass unseen. A warning (an error in
    /// strict builds); <c>normguard seal</c> accepts a deliberate edit and records it.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnsealedManifestAnalyzer : FeatureSetAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.UnsealedManifest);

        protected override void Analyze(FeatureSetContext context)
        {
            if (context.Data is not { Seal: SealState.Unsealed } manifest)
            {
                return;
            }

            string path = context.Manifest!.Path;
            string file = ManifestLookup.FileName(path);
            context.Report(Diagnostic.Create(
                DiagnosticDescriptors.UnsealedManifest,
                LocationInfo.InFile(path, manifest.DocumentRange).ToLocation(),
                file,
                "if its parameters are the ones the model was trained with, accept them with 'normguard seal " + file + " --reason \"...\"' (it writes the hash and records the edit), or refit it (fitters and 'normguard fit'/'import' write the hash)"));
        }
    }
}
