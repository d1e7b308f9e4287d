using System;
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
    /// NG0006: normalization statistics that leak evaluation data, found by dataflow inside a method (its local functions
    /// and lambdas included). A fit — a NormGuard fitter's <c>Add</c>/<c>Merge</c>, or <c>Fit</c> of an ML.NET estimator
    /// whose chain contains a normalizer — is reported when its data is afterwards split (<c>TrainTestSplit</c>,
    /// <c>CrossValidationSplit</c>, <c>CrossValidate</c>, any <c>*Split*</c> method), directly or through a derived view,
    /// or when its data is evaluation data (<c>.TestSet</c>, a split's test part, a variable named test/validation/holdout).
    /// Each method is looked at only if it fits something; see docs/rules/NG0006.md for the patterns.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LeakageAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.Leakage);

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

                start.RegisterOperationBlockStartAction(block =>
                {
                    var fits = new List<FitCall>();
                    block.RegisterOperationAction(
                        operation =>
                        {
                            if (FitCall.TryCreate((IInvocationOperation)operation.Operation, symbols) is { } fit)
                            {
                                lock (fits)
                                {
                                    fits.Add(fit);
                                }
                            }
                        },
                        OperationKind.Invocation);
                    block.RegisterOperationBlockEndAction(end =>
                    {
                        List<FitCall> found;
                        lock (fits)
                        {
                            if (fits.Count == 0)
                            {
                                return; // the common case: this method fits nothing
                            }

                            found = new List<FitCall>(fits);
                        }

                        found.Sort((a, b) => a.Invocation.Syntax.SpanStart.CompareTo(b.Invocation.Syntax.SpanStart));
                        try
                        {
                            LeakFinder.Analyze(end.OperationBlocks, found, symbols, end.ReportDiagnostic, end.CancellationToken);
                        }
                        catch (Exception exception) when (exception is not OperationCanceledException)
                        {
                            // An analyzer must not take the build down: an unexpected shape of code is no leak we can prove.
                        }
                    });
                });
            });
        }
    }
}
