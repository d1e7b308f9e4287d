using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGuard.Generators.Diagnostics;
using NormGuard.Generators.Model;

namespace NormGuard.Generators.Analyzers
{
    /// <summary>NG0015: the generator can only add members to a partial type (and partial containing types).</summary>
    internal static class NotPartialRule
    {
        public static void Check(FeatureSetSpec spec, List<DiagnosticInfo> diagnostics)
        {
            if (!spec.Type.IsPartial)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, spec.Location, spec.Type.Name));
            }
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NotPartialAnalyzer : FeatureSetAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.NotPartial);

        protected override void Analyze(FeatureSetContext context)
        {
            var diagnostics = new List<DiagnosticInfo>();
            NotPartialRule.Check(context.Spec, diagnostics);
            context.Report(diagnostics, DiagnosticDescriptors.NotPartial);
        }
    }
}
