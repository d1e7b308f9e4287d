using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGuard.Generators.Diagnostics;
using NormGuard.Generators.Model;
using NormGuard.Manifests;

namespace NormGuard.Generators.Analyzers
{
    /// <summary>NG0009: a manifest feature (a column the model was trained on) with no member in the record.</summary>
    internal static class ManifestFeatureNotInRecordRule
    {
        public static void Check(FeatureSetSpec spec, ManifestData manifest, string path, List<DiagnosticInfo> diagnostics)
        {
            foreach (FeatureData feature in manifest.Features)
            {
                if (!spec.Members.Any(m => m.IsFeature && m.FeatureName == feature.Name))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ManifestFeatureNotInRecord, LocationInfo.InFile(path, feature.Range), feature.Name, spec.Type.Name));
                }
            }
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ManifestFeatureNotInRecordAnalyzer : FeatureSetAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.ManifestFeatureNotInRecord);

        protected override void Analyze(FeatureSetContext context)
        {
            if (context.Data is { } manifest)
            {
                var diagnostics = new List<DiagnosticInfo>();
                ManifestFeatureNotInRecordRule.Check(context.Spec, manifest, context.Manifest!.Path, diagnostics);
                context.Report(diagnostics, DiagnosticDescriptors.ManifestFeatureNotInRecord);
            }
        }
    }
}
