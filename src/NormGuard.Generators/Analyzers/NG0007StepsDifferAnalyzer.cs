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
    /// <summary>
    /// NG0007: the member's attributes describe other steps than the manifest's feature (z-score in code, min-max in
    /// the manifest), or the same steps with other fixed options (target range, quantiles, clip bounds, unknown policy).
    /// </summary>
    internal static class StepsDifferRule
    {
        public static void Check(FeatureSetSpec spec, ManifestData manifest, List<DiagnosticInfo> diagnostics)
        {
            foreach (MemberSpec member in spec.Members.Where(m => m.IsFeature))
            {
                FeatureData? feature = manifest.Features.FirstOrDefault(f => f.Name == member.FeatureName);
                if (feature is not null && !Matches(member.Steps, feature.Steps))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StepsDiffer, member.Location, member.Name, Text.Steps(member.Steps), feature.Name, Text.Steps(feature.Steps)));
                }
            }
        }

        public static bool Matches(EquatableArray<StepSpec> declared, EquatableArray<StepData> manifest)
        {
            if (declared.Count != manifest.Count)
            {
                return false;
            }

            for (int i = 0; i < declared.Count; i++)
            {
                if (!Matches(declared[i], manifest[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool Matches(StepSpec declared, StepData manifest) => declared.Kind switch
        {
            StepKind.ZScore => manifest.Op == ManifestOp.ZScore,
            StepKind.MinMax => manifest.Op == ManifestOp.MinMax && declared.First == manifest.Low && declared.Second == manifest.High && declared.Flag == manifest.Clip,
            StepKind.MaxAbs => manifest.Op == ManifestOp.MaxAbs,
            StepKind.Robust => manifest.Op == ManifestOp.Robust && declared.First == manifest.Lower && declared.Second == manifest.Upper,
            StepKind.Log1p => manifest.Op == ManifestOp.Log1p,
            StepKind.Log => manifest.Op == ManifestOp.Log,
            StepKind.Clip => manifest.Op == ManifestOp.Clip && declared.First == manifest.Min && declared.Second == manifest.Max,
            StepKind.OneHot => manifest.Op == ManifestOp.OneHot && declared.Flag == (manifest.Unknown == UnknownKind.AllZeros),
            StepKind.Passthrough => manifest.Op == ManifestOp.Passthrough,
            StepKind.L2 => manifest.Op == ManifestOp.L2 && declared.First == manifest.Epsilon,
            StepKind.Center => manifest.Op == ManifestOp.Center,
            StepKind.Pca => manifest.Op == ManifestOp.Pca && declared.Flag == manifest.Whiten,

            // The sizes of [Truncate] and [Pca] are NG0019's: the same step with another size is a dimension mismatch.
            StepKind.Truncate => manifest.Op == ManifestOp.Truncate,
            _ => false,
        };
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class StepsDifferAnalyzer : FeatureSetAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.StepsDiffer);

        protected override void Analyze(FeatureSetContext context)
        {
            if (context.Data is { } manifest)
            {
                var diagnostics = new List<DiagnosticInfo>();
                StepsDifferRule.Check(context.Spec, manifest, diagnostics);
                context.Report(diagnostics, DiagnosticDescriptors.StepsDiffer);
            }
        }
    }
}
