using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace NormGuard.Generators.Analyzers.Leakage
{
    /// <summary>
    /// A NormGuard fitter's <c>ToManifest(new FitProvenance { Split = DataSplit.Train }, …)</c> that says "fitted on the
    /// training split" about rows that never were one: nothing it was fed comes from a split's training part, a view's
    /// earlier part, or data named as training (a variable, a method, a file such as <c>"train.csv"</c>). The manifest
    /// would then pass NG0005 while its statistics hold every row. Only a fitter made and fed in one method is judged:
    /// one handed to other code may be fed there.
    /// </summary>
    internal static class ProvenanceCheck
    {
        public static List<(Location Location, string Message)> Find(IEnumerable<IOperation> blocks, MethodFlow flow, LeakageSymbols symbols, SummaryTable? summaries) =>
            Find(blocks, flow, symbols, summaries, out _);

        /// <param name="deferred">Set when a manifest's rows come out of a method of the compilation and no summaries were
        /// given: whether that method split them is for the compilation-end analysis to judge.</param>
        public static List<(Location Location, string Message)> Find(IEnumerable<IOperation> blocks, MethodFlow flow, LeakageSymbols symbols, SummaryTable? summaries, out bool deferred)
        {
            deferred = false;
            var found = new List<(Location, string)>();
            if (symbols.Fitter is null)
            {
                return found;
            }

            var manifests = new List<IInvocationOperation>();
            var uses = new List<IOperation>();
            foreach (IOperation block in blocks)
            {
                foreach (IOperation operation in block.DescendantsAndSelf())
                {
                    if (operation is IInvocationOperation { TargetMethod.Name: "ToManifest", Instance: { } receiver } call
                        && LeakageSymbols.DerivesFrom(receiver.Type, symbols.Fitter) && call.Arguments.Length >= 1)
                    {
                        manifests.Add(call);
                    }

                    if (operation is ILocalReferenceOperation)
                    {
                        uses.Add(operation);
                    }
                }
            }

            if (manifests.Count == 0)
            {
                return found;
            }

            var lineage = new Lineage(flow, symbols);
            foreach (IInvocationOperation manifest in manifests)
            {
                if (Operations.Target(Operations.Unwrap(manifest.Instance!)) is not ILocalSymbol fitter || !DeclaresTrain(manifest.Arguments[0].Value, flow))
                {
                    continue;
                }

                bool helperMade = false;
                List<DataRef>? fed = Fed(fitter, uses, flow, symbols, summaries, depth: 0, ref helperMade);
                if (fed is null || fed.Count == 0)
                {
                    continue;
                }

                // Training rows anywhere in what it was fed, or rows that were split at all (then either the fit before
                // the split is reported already, or this is the final refit on every row after evaluation): no lie.
                bool training = false, split = false, given = false, loaded = helperMade, throughHelper = false;
                foreach (DataRef data in fed)
                {
                    loaded |= data.Value is { } value && Loaded(value, flow, new HashSet<ISymbol>(SymbolEqualityComparer.Default), 0, summaries is null ? symbols : null, ref throughHelper);
                    Reach reach = lineage.ReachOf(data);
                    foreach (DataNode node in reach.Order)
                    {
                        training |= node.Training || (node.Variable is { } variable && flow.ViewEarlier(variable));
                        given |= node.Variable is IParameterSymbol or IFieldSymbol or IPropertySymbol;
                    }

                    foreach (SplitCall call in flow.Splits)
                    {
                        foreach (DataRef input in call.Inputs)
                        {
                            split |= Shares(reach, lineage.ReachOf(input));
                        }
                    }
                }

                // Rows a caller passes in (or an object holds) are judged where they come from: at the caller, the call of
                // this method is a fit on them.
                // Rows written in the code (a unit test's few rows) are no data set that could have been split.
                // Rows from a method of the compilation may be a part of a split it made: without the method summaries
                // that cannot be decided here, and the analysis at compilation end, which has them, judges it.
                deferred |= !training && !split && !given && loaded && throughHelper;
                if (!training && !split && !given && loaded && !throughHelper)
                {
                    string rows = string.Join("', '", fed.ConvertAll(d => d.Display));
                    found.Add((Location(manifest), "Fitter '" + fitter.Name + "' writes a manifest that declares Split = DataSplit.Train, but the rows it was fitted on ('" + rows
                        + "') come from no training split: its statistics hold every row, and the manifest would hide that from NG0005. Fit on the training part, or declare the split the rows are."));
                }
            }

            return found;
        }

        /// <summary>What the fitter was fed: the data of its Add and Merge calls, and of the helper that made it; null when it
        /// is handed to other code or made elsewhere (what it holds is not known here).</summary>
        /// <summary>The rows come from somewhere a data set comes from: a file, a database, a method that reads them — not
        /// only from literals, arrays and object creations in the code (LINQ and collections are looked through).</summary>
        /// <remarks>With <paramref name="unsummarized"/> given (no method summaries), <paramref name="throughHelper"/> is set
        /// when the rows come out of a method that could be a split helper.</remarks>
        private static bool Loaded(IOperation value, MethodFlow flow, HashSet<ISymbol> visited, int depth, LeakageSymbols? unsummarized, ref bool throughHelper)
        {
            if (depth > 12)
            {
                return false;
            }

            IOperation unwrapped = Operations.Unwrap(value);
            switch (unwrapped)
            {
                case IInvocationOperation call:
                    if (!LeakageSymbols.InNamespace(call.TargetMethod, "System.Linq") && !LeakageSymbols.InNamespace(call.TargetMethod, "System.Collections"))
                    {
                        throughHelper |= unsummarized is not null && SummaryTable.IsSummarizable(call.TargetMethod, unsummarized);
                        return true;
                    }

                    if (call.Instance is { } instance && Loaded(instance, flow, visited, depth + 1, unsummarized, ref throughHelper))
                    {
                        return true;
                    }

                    foreach (IArgumentOperation argument in call.Arguments)
                    {
                        if (Operations.Lambda(argument.Value) is null && Loaded(argument.Value, flow, visited, depth + 1, unsummarized, ref throughHelper))
                        {
                            return true;
                        }
                    }

                    return false;
                case ILocalReferenceOperation local:
                    if (!visited.Add(local.Local))
                    {
                        return false;
                    }

                    foreach (Flow assigned in flow.FlowsInto(local.Local))
                    {
                        if (Loaded(assigned.Value, flow, visited, depth + 1, unsummarized, ref throughHelper))
                        {
                            return true;
                        }
                    }

                    return false;
                case ISimpleAssignmentOperation assignment:
                    return Loaded(assignment.Value, flow, visited, depth + 1, unsummarized, ref throughHelper);
                case IFieldReferenceOperation { Field.IsConst: true }:
                    return false; // Shade.Dark, a constant
                case IMemberReferenceOperation member:
                    return member.Instance is null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }
                        || (member.Instance is not IInstanceReferenceOperation && Loaded(member.Instance, flow, visited, depth + 1, unsummarized, ref throughHelper));
                case IParameterReferenceOperation:
                    return true;
                default:
                    foreach (IOperation child in unwrapped.ChildOperations)
                    {
                        if (Loaded(child, flow, visited, depth + 1, unsummarized, ref throughHelper))
                        {
                            return true;
                        }
                    }

                    return false;
            }
        }

        private static bool Shares(Reach fed, Reach split)
        {
            foreach (DataNode node in split.Order)
            {
                if (node.IsCollection && fed.Contains(node, out _))
                {
                    return true;
                }
            }

            return false;
        }

        private static List<DataRef>? Fed(ILocalSymbol fitter, List<IOperation> uses, MethodFlow flow, LeakageSymbols symbols, SummaryTable? summaries, int depth, ref bool helperMade)
        {
            if (depth > 4)
            {
                return null;
            }

            var fed = new List<DataRef>();
            foreach (Flow assigned in flow.FlowsInto(fitter))
            {
                IOperation value = Operations.Unwrap(assigned.Value);
                if (value is IInvocationOperation { TargetMethod.Name: "CreateFitter" } or IObjectCreationOperation)
                {
                    continue;
                }

                if (summaries is not null && value is IInvocationOperation helper)
                {
                    List<FitCall> fits = summaries.HelperFits(helper, flow);
                    if (fits.Count == 0)
                    {
                        return null;
                    }

                    fed.AddRange(fits.ConvertAll(f => f.Data));
                    helperMade = true; // a helper that made and fed it read its rows
                    continue;
                }

                return null;
            }

            foreach (IOperation use in uses)
            {
                if (!SymbolEqualityComparer.Default.Equals(((ILocalReferenceOperation)use).Local, fitter))
                {
                    continue;
                }

                IOperation parent = use.Parent!;
                while (parent is IConversionOperation or IParenthesizedOperation)
                {
                    parent = parent.Parent!;
                }

                switch (parent)
                {
                    case IInvocationOperation { TargetMethod.Name: "Merge" } merge when merge.Arguments.Length == 1 && merge.Instance == use
                        && Operations.Target(Operations.Unwrap(merge.Arguments[0].Value)) is ILocalSymbol partial:
                        // fitter.Merge(partial): what the partial fitter was fed
                        if (Fed(partial, uses, flow, symbols, summaries, depth + 1, ref helperMade) is not { } merged)
                        {
                            return null;
                        }

                        fed.AddRange(merged);
                        break;
                    case IInvocationOperation { TargetMethod.Name: "Add" or "Merge" } call when call.Arguments.Length == 1 && LeakageSymbols.DerivesFrom(call.TargetMethod.ContainingType, symbols.Fitter!):
                        fed.Add(DataRef.Of(call.Arguments[0].Value));
                        break;

                    case IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Merge" } into } when into.Instance is { } target && LeakageSymbols.DerivesFrom(target.Type, symbols.Fitter!):
                        break; // merged into another fitter: what it was fed is judged with that one
                    case IInvocationOperation { TargetMethod.Name: "ToManifest" }:
                    case IPropertyReferenceOperation:
                    case IVariableDeclaratorOperation:
                    case ISimpleAssignmentOperation assignment when assignment.Target == use:
                        break;
                    default:
                        return null; // passed to other code, stored elsewhere, captured: it may be fed there
                }
            }

            return fed;
        }

        private static bool DeclaresTrain(IOperation provenance, MethodFlow flow)
        {
            IOperation value = Operations.Unwrap(provenance);
            if (Operations.Target(value) is { } variable)
            {
                foreach (Flow assigned in flow.FlowsInto(variable))
                {
                    if (DeclaresTrain(assigned.Value, flow))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (value is IObjectCreationOperation { Initializer: { } initializer })
            {
                foreach (IOperation member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Split" }, Value: var split }
                        && Operations.Unwrap(split) is IFieldReferenceOperation { Field.Name: "Train" })
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static Location Location(IInvocationOperation call) =>
            call.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } syntax
                ? Microsoft.CodeAnalysis.Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(access.Name.SpanStart, syntax.Span.End))
                : call.Syntax.GetLocation();
    }
}
