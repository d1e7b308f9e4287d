using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGuard.Generators.Diagnostics;

namespace NormGuard.Generators.Analyzers
{
    /// <summary>
    /// NG0002: the feature set's manifest cannot be used — bad JSON, an unknown format, a missing, mistyped or unknown
    /// field, a <c>sha256</c> that no longer matches, or the manifest of another feature set. Every problem is reported
    /// at its line and column in the JSON. The generator emits only throwing members while this stands.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnreadableManifestAnalyzer : FeatureSetAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.UnreadableManifest);

        protected override void Analyze(FeatureSetContext context) =>
            context.Report(context.Lookup.Problems.Where(p => p.Id == DiagnosticDescriptors.UnreadableManifest.Id), DiagnosticDescriptors.UnreadableManifest);
    }
}
