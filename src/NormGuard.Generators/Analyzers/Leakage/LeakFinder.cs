using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
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
        private string? _step;
        private readonly Dictionary<(object Input, IOperation? Call), Reach> _splitReach = new Dictionary<(object Input, IOperation? Call), Reach>();

        private LeakFinder(MethodFlow flow, LeakageSymbols symbols)
        {
            _flow = flow;
            _symbols = symbols;
            _lineage = new Lineage(flow, symbols);
        }

        public static void Analyze(ImmutableArray<IOperation> blocks, List<FitCall> fits, LeakageSymbols symbols, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            foreach ((FitCall fit, string message) in Find(MethodFlow.Build(blocks, symbols, cancellationToken), fits, symbols, cancellationToken))
            {
                report(Diagnostic.Create(DiagnosticDescriptors.Leakage, fit.Location, message));
            }
        }

        /// <summary>The fits of one method that leak, each with its message; <paramref name="flow"/> decides how far the
        /// analysis sees (this method alone, or with the compilation's method summaries).</summary>
        public static List<(FitCall Fit, string Message)> Find(MethodFlow flow, List<FitCall> fits, LeakageSymbols symbols, CancellationToken cancellationToken)
        {
            var finder = new LeakFinder(flow, symbols);
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
                    if (finding.Fit.Invocation?.Instance is { } receiver && Lineage.VariableOf(receiver) is { } fitter)
                    {
                        reportedFitters.Add(fitter);
                    }
                }
            }

            var result = new List<(FitCall, string)>();
            foreach (Finding finding in findings)
            {
                if (finding.Fit.Kind == FitKind.Merge
                    && (causes.Contains(finding.Cause) || (finding.Fit.Data.Value is { } mergedValue && Lineage.VariableOf(mergedValue) is { } merged && reportedFitters.Contains(merged))))
                {
                    continue;
                }

                result.Add((finding.Fit, finding.Message));
            }

            return result;
        }

        private Finding? Find(FitCall fit)
        {
            string? step = null;
            if (fit.Kind == FitKind.Estimator && (step = NormalizerChain.Step(fit.Invocation!.Instance, _flow, _symbols)) is null)
            {
                return null;
            }

            _step = step;

            Reach fitted = _lineage.ReachOf(fit.Data);
            string data = fit.Data.Display;

            // 1. Fitted on evaluation data: a test part, or data named test/validation/holdout. A part fitted together with
            //    the training part of the same split is a refit of the union (after tuning, on training and validation
            //    data): the parts left out are what evaluates it.
            foreach (DataNode node in fitted.Order)
            {
                if (node.Evaluation is not null && !WithItsTrainingPart(node, fitted))
                {
                    string which = node.Name == data ? node.Evaluation : "derived from '" + node.Name + "', " + node.Evaluation;
                    string fix = fit.Kind switch
                    {
                        FitKind.Estimator => "Fit on the training part only.",
                        FitKind.Add => "Add only the training part.",
                        FitKind.Helper => "Pass it only the training part.",
                        _ => "Merge only fits of the training part.",
                    };
                    return new Finding(fit, node, Subject(fit, data, _step) + ", " + which + ": its statistics leak the evaluation rows into the model. " + fix);
                }
            }

            // 2. Fitted on data that is split afterwards (source order), or on a view of it, or a view of it on the data.
            //    Code in a local function is looked at once per call, with the parameters bound to that call's arguments.
            foreach (Context fitContext in ContextsOf(fit.Operation, latest: false))
            {
                Reach fittedHere = fitContext.Call is null ? fitted : _lineage.ReachOf(fit.Data, fitContext.Call);
                foreach (SplitCall split in _flow.Splits)
                {
                    // CrossValidate(data, pipeline) refits its own normalizer on each fold: an earlier fit does not reach it.
                    if (fit.Operation.Syntax.Span.Contains(split.Invocation.Syntax.Span)
                        || (split.CrossValidates && split.Estimator is not null && NormalizerChain.Contains(split.Estimator, _flow, _symbols)))
                    {
                        continue;
                    }

                    foreach (Context splitContext in ContextsOf(split.Invocation, latest: true))
                    {
                        bool after = splitContext.Position != fitContext.Position
                            ? splitContext.Position > fitContext.Position
                            : split.Invocation.Syntax.SpanStart > fit.Operation.Syntax.SpanStart;
                        if (!after)
                        {
                            continue;
                        }

                        foreach (DataRef input in split.Inputs)
                        {
                            if (Shared(fittedHere, SplitReach(input, splitContext.Call), fit.Container ? fittedHere.Order.FirstOrDefault() : null) is { } shared)
                            {
                                return new Finding(fit, split.Invocation, SplitMessage(fit, data, _step, split, input.Display, shared.Name));
                            }
                        }
                    }
                }
            }

            // 3. Fitted on all rows after they were split, and then applied to the test part: the wrong variable.
            //    (A fit of all rows after a split is otherwise fine: the final model, retrained for production.)
            return fit.Kind == FitKind.Estimator || fit.Fitted == FitKind.Estimator ? AppliedToTestPart(fit, data, fitted) : null;
        }

        private Finding? AppliedToTestPart(FitCall fit, string data, Reach fitted)
        {
            ISymbol? model = Operations.AssignedTo(fit.Operation);
            foreach (IInvocationOperation transform in _flow.Transforms)
            {
                IOperation receiver = Operations.Unwrap(transform.Instance!);
                bool applied = receiver == fit.Operation
                    || (model is not null && Operations.Target(receiver) is { } variable && SymbolEqualityComparer.Default.Equals(variable, model));
                if (!applied || transform.Syntax.SpanStart < fit.Operation.Syntax.SpanStart)
                {
                    continue;
                }

                foreach (DataNode part in _lineage.ReachOf(transform.Arguments[0].Value).Order)
                {
                    if (part.Split is not { } split || part.Evaluation is null)
                    {
                        continue;
                    }

                    foreach (DataRef input in split.Inputs)
                    {
                        if (Meets(fitted, SplitReach(input, null)))
                        {
                            int line = transform.Syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                            return new Finding(fit, split.Invocation, Subject(fit, data, _step) + ", which holds the rows of '" + part.Name + "', " + part.Evaluation
                                + ", and the fitted model is then applied to '" + Operations.Display(transform.Arguments[0].Value) + "' (line " + line
                                + "): its statistics include the test rows. Fit on the training part.");
                        }
                    }
                }
            }

            return null;
        }

        private static bool WithItsTrainingPart(DataNode evaluation, Reach fitted)
        {
            if (evaluation.Split is null)
            {
                return false;
            }

            foreach (DataNode node in fitted.Order)
            {
                if (node.Training && ReferenceEquals(node.Split, evaluation.Split))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The fit holds rows of the split data (fit ⊆ split) or all of its rows (split ⊆ fit).</summary>
        private static bool Meets(Reach fitted, Reach split) => Shared(fitted, split, null) is not null;

        /// <summary>A collection both hold, one of them whole; <paramref name="container"/> counts although it is no collection.</summary>
        private static DataNode? Shared(Reach fitted, Reach split, DataNode? container)
        {
            foreach (DataNode node in split.Order)
            {
                if ((node.IsCollection || node == container) && fitted.Contains(node, out bool fitWhole) && split.Contains(node, out bool splitWhole) && (fitWhole || splitWhole))
                {
                    return node;
                }
            }

            return null;
        }

        private Reach SplitReach(DataRef input, IOperation? call)
        {
            object key = input.Value ?? (object)(input.Receiver, input.Member);
            if (!_splitReach.TryGetValue((key, call), out Reach? reach))
            {
                reach = _lineage.ReachOf(input, call);
                _splitReach.Add((key, call), reach);
            }

            return reach;
        }

        private static string Subject(FitCall fit, string data, string? step) => fit.Kind switch
        {
            FitKind.Estimator when step is null || step == "a normalizer" || step.StartsWith("Normalize", StringComparison.Ordinal) => "The normalizer is fitted on '" + data + "'",
            FitKind.Estimator when step.StartsWith("a normalizer ", StringComparison.Ordinal) => "The normalizer " + step.Substring("a normalizer ".Length) + " is fitted on '" + data + "'",
            FitKind.Estimator => "The pipeline, with " + step + ", is fitted on '" + data + "'",
            FitKind.Add => "Fitter '" + fit.Receiver + "' is fitted on '" + data + "'",
            FitKind.Helper => "'" + fit.Helper!.Callee + "' fits " + (fit.Helper.Kind == FitKind.Estimator ? "a normalizer" : "a NormGuard fitter") + " on '" + data + "' (" + fit.Helper.Trail + ")",
            _ => "Fitter '" + fit.Receiver + "' merges statistics fitted on '" + data + "'",
        };

        private static string SplitMessage(FitCall fit, string data, string? step, SplitCall split, string splitData, string shared)
        {
            string splitPhrase = data == splitData ? "'" + splitData + "'"
                : shared == splitData ? "'" + splitData + "', which it derives from,"
                : shared == data ? "'" + splitData + "', derived from it,"
                : "'" + splitData + "', which shares rows with it through '" + shared + "',";
            string line = split.Trail is null ? " (line " + split.Line + ")" : " (line " + split.Line + ", " + split.Trail + ")";
            if (split.CrossValidates)
            {
                return Subject(fit, data, step) + " before " + splitPhrase + " is cross-validated by " + split.Name + line
                    + ": its statistics include every fold's test rows. "
                    + (fit.Kind == FitKind.Estimator
                        ? "Pass the raw data and the whole unfitted pipeline, normalizer included, to " + split.Name + "."
                        : "Fit on each fold's training part instead.");
            }

            return Subject(fit, data, step) + " before " + splitPhrase + " is split by " + split.Name + line
                + ": its statistics include the test rows. "
                + (fit.Kind switch
                {
                    FitKind.Estimator => "Split first and fit on the training part.",
                    FitKind.Add => "Split first and add only the training part.",
                    FitKind.Helper => "Split first and pass only the training part to " + fit.Helper!.Callee + ".",
                    _ => "Split first and merge only fits of the training part.",
                });
        }

        /// <summary>
        /// When code runs, by source position within the method: outside local functions, where it is; inside one, at
        /// each of the function's calls (with that call's arguments). "After" compares these positions, so a fit is
        /// followed by a split when the split's position (its latest outer call) comes later than the fit's (its
        /// earliest outer call).
        /// </summary>
        private List<Context> ContextsOf(IOperation operation, bool latest)
        {
            var contexts = new List<Context>();
            for (IOperation? parent = operation.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is ILocalFunctionOperation function)
                {
                    foreach (IOperation call in _flow.CallsOf(function.Symbol.OriginalDefinition))
                    {
                        if (!function.Syntax.Span.Contains(call.Syntax.Span))
                        {
                            contexts.Add(new Context(Position(call, latest, 0), call));
                        }
                    }

                    break;
                }
            }

            if (contexts.Count == 0)
            {
                contexts.Add(new Context(operation.Syntax.SpanStart, null));
            }

            return contexts;
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

        private readonly struct Context
        {
            public Context(int position, IOperation? call)
            {
                Position = position;
                Call = call;
            }

            public int Position { get; }

            /// <summary>The call of the enclosing local function this context stands for; null outside local functions.</summary>
            public IOperation? Call { get; }
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
