using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using NormGuard.Generators.Diagnostics;

namespace NormGuard.Generators.Analyzers.Leakage
{
    /// <summary>
    /// NG0006 across methods, at compilation end: each method that calls a summarized method is analyzed again with the
    /// summaries — a call of a helper that fits is a fit on the data it passes, a call of a helper that splits is a split,
    /// a factory's normalizer chain is a normalizer — and what this finds beyond the per-method analysis is reported.
    /// </summary>
    internal static class CrossMethodLeaks
    {
        public static void Report(IEnumerable<LocalFacts> facts, SummaryTable table, LeakageSymbols symbols, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            foreach (LocalFacts fact in facts)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (fact.Blocks.IsDefaultOrEmpty || !Involved(fact, table))
                {
                    continue;
                }

                try
                {
                    Analyze(fact, table, symbols, report, cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // An analyzer must not take the build down: an unexpected shape of code is no leak we can prove.
                }
            }
        }

        /// <summary>The method calls something whose summary could make a fit, a split or a normalizer that its own code does not show.</summary>
        private static bool Involved(LocalFacts fact, SummaryTable table)
        {
            if (fact.PendingFits.Count > 0 || fact.ProvenanceDeferred)
            {
                return true;
            }

            foreach (CallEdge call in fact.Calls)
            {
                if (table.Of(call.Callee) is { IsEmpty: false })
                {
                    return true;
                }
            }

            return false;
        }

        private static void Analyze(LocalFacts fact, SummaryTable table, LeakageSymbols symbols, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            MethodFlow flow = MethodFlow.Build(fact.Blocks, symbols, cancellationToken, table, table);
            var direct = new List<FitCall>();
            var helpers = new List<FitCall>();
            foreach (IOperation block in fact.Blocks)
            {
                foreach (IOperation operation in block.DescendantsAndSelf())
                {
                    if (operation is IInvocationOperation invocation && FitCall.TryCreate(invocation, symbols) is { } fit)
                    {
                        direct.Add(fit);
                    }
                    else if (operation is IInvocationOperation or IObjectCreationOperation)
                    {
                        helpers.AddRange(table.HelperFits(operation, flow));
                    }
                }
            }

            if (direct.Count + helpers.Count == 0)
            {
                return;
            }

            List<FitCall> fits = direct.Concat(helpers).OrderBy(f => f.Operation.Syntax.SpanStart).ToList();
            ReportProvenance(fact, flow, direct.Count > 0, symbols, table, report, cancellationToken);
            List<(FitCall Fit, string Message)> found = LeakFinder.Find(flow, fits, symbols, cancellationToken);
            if (found.Count == 0)
            {
                return;
            }

            // What the per-method analysis reports already (it sees this method's own fits and splits) is not repeated.
            List<(FitCall Fit, string Message)> plain = direct.Count == 0
                ? new List<(FitCall, string)>()
                : LeakFinder.Find(MethodFlow.Build(fact.Blocks, symbols, cancellationToken), direct, symbols, cancellationToken);
            var known = new HashSet<FitCall>(plain.Select(f => f.Fit));
            List<(FitCall Fit, string Message)> all = found.Concat(plain).ToList();
            foreach ((FitCall fit, string message) in found)
            {
                if (known.Contains(fit) || Covered(fit, all))
                {
                    continue;
                }

                report(Diagnostic.Create(DiagnosticDescriptors.LeakageAcrossMethods, fit.Location, message));
            }
        }

        /// <summary>Manifests declared as fitted on the training split by fitters a helper made and fed (the per-method
        /// analysis judges the ones fed in the method itself).</summary>
        private static void ReportProvenance(LocalFacts fact, MethodFlow flow, bool anyDirectFit, LeakageSymbols symbols, SummaryTable table, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            List<(Location Location, string Message)> found = ProvenanceCheck.Find(fact.Blocks, flow, symbols, table);
            if (found.Count == 0)
            {
                return;
            }

            var known = new HashSet<Location>(anyDirectFit
                ? ProvenanceCheck.Find(fact.Blocks, MethodFlow.Build(fact.Blocks, symbols, cancellationToken), symbols, summaries: null).Select(f => f.Location)
                : Enumerable.Empty<Location>());
            foreach ((Location location, string message) in found)
            {
                if (!known.Contains(location))
                {
                    report(Diagnostic.Create(DiagnosticDescriptors.LeakageAcrossMethods, location, message));
                }
            }
        }

        /// <summary>
        /// A helper call already accounted for: inside another leaking fit (<c>fitter.Merge(FitPartition(test))</c> is one
        /// leak), or fitting on a field of its object that is itself named as evaluation data (the helper's own code
        /// reports that, where the name is).
        /// </summary>
        private static bool Covered(FitCall fit, List<(FitCall Fit, string Message)> found)
        {
            if (fit.Kind != FitKind.Helper)
            {
                return false;
            }

            // The helper's own parameter or field is named as evaluation data: its own code reports the fit, where the name is.
            if (EvaluationNames.IsEvaluation(fit.Helper!.Slot.Name))
            {
                return true;
            }

            foreach ((FitCall other, string _) in found)
            {
                if (!ReferenceEquals(other, fit) && other.Operation != fit.Operation && other.Operation.Syntax.Span.Contains(fit.Operation.Syntax.Span))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
