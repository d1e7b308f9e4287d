using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using NormGuard.Generators.Analyzers.Leakage;
using NormGuard.Generators.Diagnostics;

namespace NormGuard.Generators.Analyzers
{
    /// <summary>
    /// NG0006: normalization statistics that leak evaluation data. A fit — a NormGuard fitter's <c>Add</c>/<c>Merge</c>,
    /// <c>Fit</c> of an ML.NET estimator whose chain holds a statistical normalizer, or a call of a method that fits —
    /// is reported when its data is afterwards split (<c>TrainTestSplit</c>, <c>CrossValidationSplit</c>,
    /// <c>CrossValidate</c>, any <c>*Split*</c> method, a helper that splits), directly or through a derived view, or
    /// when its data is evaluation data (<c>.TestSet</c>, a split's later part, data named test/validation/holdout).
    /// Within one method (its local functions and lambdas included) the analysis runs as you type; across methods,
    /// classes and files it runs at compilation end on summaries of what each method does with its parameters and
    /// fields (<see cref="SummaryTable"/>). See docs/rules/NG0006.md for the patterns.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LeakageAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.Leakage, DiagnosticDescriptors.LeakageAcrossMethods);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                LeakageSymbols? symbols = LeakageSymbols.Create(start.Compilation);
                if (symbols is null)
                {
                    return; // neither NormGuard's fitter nor ML.NET: nothing can be fitted
                }

                var facts = new ConcurrentBag<LocalFacts>();
                start.RegisterOperationBlockAction(block =>
                {
                    try
                    {
                        AnalyzeMethod(block, symbols, facts);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        // An analyzer must not take the build down: an unexpected shape of code is no leak we can prove.
                    }
                });
                start.RegisterCompilationEndAction(end =>
                {
                    try
                    {
                        SummaryTable table = SummaryTable.Build(facts, symbols, end.CancellationToken);
                        CrossMethodLeaks.Report(facts, table, symbols, end.ReportDiagnostic, end.CancellationToken);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        // As above: no summary is worth a failed build.
                    }
                });
            });
        }

        private static void AnalyzeMethod(OperationBlockAnalysisContext block, LeakageSymbols symbols, ConcurrentBag<LocalFacts> facts)
        {
            var fits = new List<FitCall>();
            foreach (IOperation root in block.OperationBlocks)
            {
                foreach (IOperation operation in root.DescendantsAndSelf())
                {
                    if (operation is IInvocationOperation invocation && FitCall.TryCreate(invocation, symbols) is { } fit)
                    {
                        fits.Add(fit);
                    }
                }
            }

            bool provenanceDeferred = false;
            if (fits.Count > 0)
            {
                fits.Sort((a, b) => a.Operation.Syntax.SpanStart.CompareTo(b.Operation.Syntax.SpanStart));
                MethodFlow flow = MethodFlow.Build(block.OperationBlocks, symbols, block.CancellationToken);
                foreach ((FitCall fit, string message) in LeakFinder.Find(flow, fits, symbols, block.CancellationToken))
                {
                    block.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.Leakage, fit.Location, message));
                }

                foreach ((Location location, string message) in ProvenanceCheck.Find(block.OperationBlocks, flow, symbols, summaries: null, out provenanceDeferred))
                {
                    block.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.Leakage, location, message));
                }
            }

            if (SummaryBuilder.Build(block.OwningSymbol, block.OperationBlocks, symbols, block.CancellationToken) is { } summary)
            {
                // Kept for the compilation-end pass only when the method calls summarized methods (or waits on one's chain).
                summary.ProvenanceDeferred = provenanceDeferred;
                if (summary.Calls.Count > 0 || summary.PendingFits.Count > 0 || provenanceDeferred)
                {
                    summary.Blocks = block.OperationBlocks;
                }

                facts.Add(summary);
            }
        }
    }
}
