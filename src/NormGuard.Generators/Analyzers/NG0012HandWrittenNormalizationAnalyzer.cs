using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGuard.Generators.Analyzers.HandWritten;
using NormGuard.Generators.Diagnostics;

namespace NormGuard.Generators.Analyzers
{
    /// <summary>
    /// NG0012: arithmetic that re-implements a feature's fitted scaling by hand — <c>(d.Depth - 61.74) / 1.43</c> with
    /// the manifest's mean and std typed in — outside generated code: parameters copied by hand go stale the day the
    /// manifest is refitted. The evidence is the bound manifest: constants equal, within their written precision, to that
    /// feature's parameters (see <see cref="Evidence"/>); unit conversions, business arithmetic and formatting on the same
    /// members have constants that match nothing and are not reported. Reported once per chain, at its outermost step.
    /// </summary>
    /// <remarks>
    /// Cost: one dictionary lookup per field or property reference in the compilation; only references to a bound feature
    /// member with a fitted scaling step go further, and only constants applied to them are evaluated.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class HandWrittenNormalizationAnalyzer : FeatureSetAnalyzer
    {
        private readonly HandWrittenWork? _work;

        public HandWrittenNormalizationAnalyzer()
        {
        }

        /// <summary>For tests: counts the analysis's work into <paramref name="work"/>.</summary>
        internal HandWrittenNormalizationAnalyzer(HandWrittenWork work)
        {
            _work = work;
        }

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.HandWritten);

        /// <summary>The feature set itself holds nothing to check: the arithmetic is in the code that uses it.</summary>
        protected override void Analyze(FeatureSetContext context)
        {
        }

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, CompilationState state)
        {
            INamedTypeSymbol? featureSet = context.Compilation.GetTypeByMetadataName(NormGuardGenerator.FeatureSetAttribute);
            if (featureSet is null)
            {
                return;
            }

            var scan = new HandWrittenScan(context.Compilation, state, featureSet, _work);
            context.RegisterOperationAction(scan.Analyze, OperationKind.PropertyReference, OperationKind.FieldReference);
        }
    }
}
