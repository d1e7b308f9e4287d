using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGuard.Generators.Diagnostics;
using NormGuard.Generators.Model;

namespace NormGuard.Generators.Analyzers
{
    /// <summary>
    /// NG0001: no manifest among the AdditionalFiles (or several that match). An analyzer rather than the generator,
    /// so editors show it and <c>.editorconfig</c> configures it. A project that only fits the feature set (it calls
    /// the generated <c>CreateFitter</c> and nothing that normalizes) is the training program that writes the first
    /// manifest: it gets NG0018, for information, instead.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NoManifestAnalyzer : FeatureSetAnalyzer
    {
        /// <summary>The diagnostic property that holds the <c>Manifest</c> value binding the declaring manifest.</summary>
        public const string BindManifestProperty = "BindManifest";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.NoManifest, DiagnosticDescriptors.FitOnly);

        protected override void Analyze(FeatureSetContext context)
        {
            DiagnosticInfo? missing = context.Lookup.Problems.FirstOrDefault(p => p.Id == DiagnosticDescriptors.NoManifest.Id);
            if (missing is null)
            {
                return;
            }

            Location location = FeatureSetContext.Locate(context.Compilation, missing.Location);

            // The one manifest that declares the feature set under another name: the code fix binds it.
            ImmutableDictionary<string, string?>? properties = missing.Arguments.Count > 5 && missing.Arguments[5].Length > 0
                ? ImmutableDictionary<string, string?>.Empty.Add(BindManifestProperty, missing.Arguments[5])
                : null;
            bool ambiguous = missing.Arguments[2].Length > 0;
            if (!ambiguous)
            {
                FeatureSetUses uses = context.State.Uses(context.Type, context.CancellationToken);
                if (uses.Fits && uses.Normalization is null)
                {
                    context.Report(Diagnostic.Create(DiagnosticDescriptors.FitOnly, location, context.Spec.FeatureSetName, context.Spec.ManifestFileName, context.Type.Name));
                    return;
                }

                if (uses.Normalization is { } use)
                {
                    context.Report(Diagnostic.Create(DiagnosticDescriptors.NoManifest, location, new[] { use }, properties, missing.Arguments.ToArray<object>()));
                    return;
                }
            }

            context.Report(Diagnostic.Create(DiagnosticDescriptors.NoManifest, location, additionalLocations: null, properties, missing.Arguments.ToArray<object>()));
        }
    }
}
