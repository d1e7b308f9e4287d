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
    /// NG0005: the manifest says its statistics were fitted on something other than the training split — all rows,
    /// the validation or test split — or does not say at all. Reported at the "split" in the manifest.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class FittedOnNonTrainingDataAnalyzer : FeatureSetAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.FittedOnNonTrainingData);

        protected override void Analyze(FeatureSetContext context)
        {
            if (context.Data is not { } manifest || manifest.Fit?.Split == "train")
            {
                return;
            }

            string path = context.Manifest!.Path;
            string what = manifest.Fit is null
                ? "unstated data (the manifest has no \"fit\" block saying which split)"
                : manifest.Fit.Split == "all" ? "all rows (\"split\": \"all\"), before any train/test split" : "the " + manifest.Fit.Split + " split";
            TextRange at = manifest.Fit?.SplitRange ?? manifest.FeatureSetRange;
            context.Report(Diagnostic.Create(
                DiagnosticDescriptors.FittedOnNonTrainingData,
                LocationInfo.InFile(path, at).ToLocation(),
                ManifestLookup.FileName(path),
                manifest.FeatureSet,
                what));
        }
    }
}
