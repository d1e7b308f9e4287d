using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGuard.Generators.Binding;
using NormGuard.Generators.Diagnostics;
using NormGuard.Generators.Model;
using NormGuard.Manifests;

namespace NormGuard.Generators.Analyzers
{
    /// <summary>NG0008: a feature member (it has steps) whose feature name the manifest does not list.</summary>
    internal static class MemberNotInManifestRule
    {
        public static void Check(FeatureSetSpec spec, ManifestData manifest, string path, List<DiagnosticInfo> diagnostics)
        {
            foreach (MemberSpec member in spec.Members.Where(m => m.IsFeature))
            {
                if (!manifest.Features.Any(f => f.Name == member.FeatureName))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberNotInManifest, member.Location, member.Name, ManifestLookup.FileName(path), member.FeatureName));
                }
            }
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class MemberNotInManifestAnalyzer : FeatureSetAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.MemberNotInManifest);

        protected override void Analyze(FeatureSetContext context)
        {
            if (context.Data is { } manifest)
            {
                var diagnostics = new List<DiagnosticInfo>();
                MemberNotInManifestRule.Check(context.Spec, manifest, context.Manifest!.Path, diagnostics);
                context.Report(diagnostics, DiagnosticDescriptors.MemberNotInManifest);
            }
        }
    }
}
