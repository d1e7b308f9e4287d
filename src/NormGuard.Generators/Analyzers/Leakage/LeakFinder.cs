using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using NormGuard.Generators.Diagnostics;

namespace NormGuard.Generators.Analyzers.Leakage
{
    /// <summary>Decides, for each fit of one method, whether it leaks, and says why.</summary>
    internal sealed class LeakFinder
    {
        private readonly MethodFlow _flow;
        private readonly LeakageSymbols _symbols;
        private readonly Lineage _lineage;
        private readonly Dictionary<IOperation, Reach> _splitReach = new Dictionary<IOperation, Reach>();

        private LeakFinder(MethodFlow flow, LeakageSymbols symbols)
        {
            _flow = flow;
            _symbols = symbols;
            _lineage = new Lineage(flow, symbols);
        }

        public static void Analyze(ImmutableArray<IOperation> blocks, List<FitCall> fits, LeakageSymbols symbols, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            var finder = new LeakFinder(MethodFlow.Build(blocks, symbols, cancellationToken), symbols);
            var findings = new List<Finding>();
            foreach (FitCall fit in fits)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (finder.Find(fit) is { } finding)
                {
                    findings.Add(finding);
                }
            }

            // A merge of a fitter whose own Add is already reported, for the same cause, says nothing new.
            var causes = new HashSet<object>();
            var reportedFitters = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (Finding finding in findings)
            {
                if (finding.Fit.Kind != FitKind.Merge)
                {
                    causes.Add(finding.Cause);
                    if (finding.Fit.Invocation.Instance is { } receiver && Lineage.VariableOf(receiver) is { } fitter)
                    {
                        reportedFitters.Add(fitter);
                    }
                }
            }

            foreach (Finding finding in findings)
            {
                if (finding.Fit.Kind == FitKind.Merge
                    && (causes.Contains(finding.Cause) || (Lineage.VariableOf(finding.Fit.Data) is { } merged && reportedFitters.Contains(merged))))
                {
                    continue;
                }

                report(Diagnostic.Create(DiagnosticDescriptors.Leakage, finding.Fit.Location, finding.Message));
            }
        }

        private Finding? Find(FitCall fit)
        {
            if (fit.Kind == FitKind.Estimator && !NormalizerChain.Contains(fit.Invocation.Instance, _flow, _symbols))
            {
                return null;
            }

            Reach fitted = _lineage.ReachOf(fit.Data);
            string data = Operations.Display(fit.Data);

            // 1. Fitted on evaluation data: a test part, or data named test/validation/holdout.
            foreach (DataNode node in fitted.Order)
            {
                if (node.Evaluation is not null)
                {
                    string which = node.Name == data ? node.Evaluation : "derived from '" + node.Name + "', " + node.Evaluation;
                    string fix = fit.Kind switch
                    {
                        FitKind.Estimator => "Fit on the training part only.",
                        FitKind.Add => "Add only the training part.",
                        _ => "Merge only fits of the training part.",
                    };
                    return new Finding(fit, node, Subject(fit, data) + ", " + which + ": its statistics leak the evaluation rows into the model. " + fix);
                }
            }

            // 2. Fitted on data that is split afterwards (source order), or on a view of it, or a view of it on the data.
            foreach (SplitCall split in _flow.Splits)
            {
                if (!After(split.Invocation, fit.Invocation))
                {
                    continue;
                }

                // CrossValidate(data, pipeline) refits its own normalizer on each fold: an earlier fit does not reach it.
                if (split.CrossValidates && split.Estimator is not null && NormalizerChain.Contains(split.Estimator, _flow, _symbols))
                {
                    continue;
                }

                foreach (IOperation input in split.Inputs)
                {
                    if (!_splitReach.TryGetValue(input, out Reach? splitReach))
                    {
                        splitReach = _lineage.ReachOf(input);
                        _splitReach.Add(input, splitReach);
                    }

                    foreach (DataNode node in splitReach.Order)
                    {
                        // The fit holds rows of the split data (fit ⊆ split) or all of its rows (split ⊆ fit).
                        if (node.IsCollection && fitted.Contains(node, out bool fitWhole) && splitReach.Contains(node, out bool splitWhole) && (fitWhole || splitWhole))
                        {
                            return new Finding(fit, split.Invocation, SplitMessage(fit, data, split, Operations.Display(input), node.Name));
                        }
                    }
                }
            }

            return null;
        }

        private static string Subject(FitCall fit, string data) => fit.Kind switch
        {
            FitKind.Estimator => "The normalizer is fitted on '" + data + "'",
            FitKind.Add => "Fitter '" + fit.Receiver + "' is fitted on '" + data + "'",
            _ => "Fitter '" + fit.Receiver + "' merges statistics fitted on '" + data + "'",
        };

        private static string SplitMessage(FitCall fit, string data, SplitCall split, string splitData, string shared)
        {
            string splitPhrase = data == splitData ? "'" + splitData + "'"
                : shared == splitData ? "'" + splitData + "', which it derives from,"
                : shared == data ? "'" + splitData + "', derived from it,"
                : "'" + splitData + "', which shares rows with it through '" + shared + "',";
            string line = " (line " + split.Line + ")";
            if (split.CrossValidates)
            {
                return Subject(fit, data) + " before " + splitPhrase + " is cross-validated by " + split.Name + line
                    + ": its statistics include every fold's test rows. "
                    + (fit.Kind == FitKind.Estimator
                        ? "Pass the raw data and the whole unfitted pipeline, normalizer included, to " + split.Name + "."
                        : "Fit on each fold's training part instead.");
            }

            return Subject(fit, data) + " before " + splitPhrase + " is split by " + split.Name + line
                + ": its statistics include the test rows. "
                + (fit.Kind switch
                {
                    FitKind.Estimator => "Split first and fit on the training part.",
                    FitKind.Add => "Split first and add only the training part.",
                    _ => "Split first and merge only fits of the training part.",
                });
        }

        /// <summary>
        /// Whether <paramref name="split"/> runs after <paramref name="fit"/>, by source position within the method. Code
        /// inside a local function counts at its calls (a fit at the first, a split at the last); a split inside the fit's
        /// own argument list is not after it.
        /// </summary>
        private bool After(IOperation split, IOperation fit)
        {
            if (fit.Syntax.Span.Contains(split.Syntax.Span))
            {
                return false;
            }

            int splitAt = Position(split, latest: true, 0);
            int fitAt = Position(fit, latest: false, 0);
            return splitAt != fitAt ? splitAt > fitAt : split.Syntax.SpanStart > fit.Syntax.SpanStart;
        }

        private int Position(IOperation operation, bool latest, int depth)
        {
            for (IOperation? parent = operation.Parent; parent is not null && depth < 8; parent = parent.Parent)
            {
                if (parent is not ILocalFunctionOperation function)
                {
                    continue;
                }

                int? best = null;
                foreach (IOperation call in _flow.CallsOf(function.Symbol.OriginalDefinition))
                {
                    if (function.Syntax.Span.Contains(call.Syntax.Span))
                    {
                        continue; // recursion
                    }

                    int at = Position(call, latest, depth + 1);
                    best = best is null ? at : latest ? Math.Max(best.Value, at) : Math.Min(best.Value, at);
                }

                return best ?? operation.Syntax.SpanStart;
            }

            return operation.Syntax.SpanStart;
        }

        private sealed class Finding
        {
            public Finding(FitCall fit, object cause, string message)
            {
                Fit = fit;
                Cause = cause;
                Message = message;
            }

            public FitCall Fit { get; }

            public object Cause { get; }

            public string Message { get; }
        }
    }
}
