using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NormGuard.Generators.Analyzers.Leakage
{
    /// <summary>
    /// Whether an ML.NET estimator fits normalization statistics: it is, or its <c>Append</c> chain contains, one of
    /// ML.NET's statistical normalizers — followed through local variables, parameters and fields assigned in the method
    /// (<c>pipeline = pipeline.Append(…)</c> included), conditionals and casts. <c>NormalizeLpNorm</c> and
    /// <c>NormalizeGlobalContrast</c> scale each row by itself and fit nothing, so they do not count.
    /// </summary>
    /// <summary>
    /// What other methods and fields contribute to an estimator chain: while summaries are built it records what was
    /// asked (and answers "not known yet"); at compilation end it answers from the finished summaries.
    /// </summary>
    internal interface INormalizerSources
    {
        /// <summary>Whether the method returns an estimator chain holding a normalizer.</summary>
        bool Returns(IMethodSymbol method);

        /// <summary>Whether the field or property holds one (assigned anywhere in the compilation).</summary>
        bool Holds(ISymbol member);
    }

    internal static class NormalizerChain
    {
        private static readonly HashSet<string> Normalizers = new HashSet<string>
        {
            "NormalizeMeanVariance", "NormalizeMinMax", "NormalizeLogMeanVariance", "NormalizeBinning", "NormalizeSupervisedBinning", "NormalizeRobustScaling",
        };

        public static bool IsNormalizerMethod(IMethodSymbol method) =>
            Normalizers.Contains(method.Name) && LeakageSymbols.InNamespace(method, "Microsoft.ML");

        public static bool Contains(IOperation? estimator, MethodFlow flow, LeakageSymbols symbols) =>
            Contains(estimator, flow, symbols, new HashSet<ISymbol>(SymbolEqualityComparer.Default), 0);

        private static bool Contains(IOperation? operation, MethodFlow flow, LeakageSymbols symbols, HashSet<ISymbol> visiting, int depth)
        {
            if (operation is null || depth > 64)
            {
                return false;
            }

            operation = Operations.Unwrap(operation);
            if (symbols.IsNormalizing(operation.Type))
            {
                return true;
            }

            depth++;
            switch (operation)
            {
                case IInvocationOperation invocation:
                    if (IsNormalizerMethod(invocation.TargetMethod))
                    {
                        return true;
                    }

                    if (flow.Sources is { } callees && SummaryTable.IsSummarizable(invocation.TargetMethod, symbols) && callees.Returns(SummaryTable.Key(invocation.TargetMethod)))
                    {
                        return true;
                    }

                    if (invocation.Instance is { } instance && symbols.IsEstimator(instance.Type) && Contains(instance, flow, symbols, visiting, depth))
                    {
                        return true;
                    }

                    return AnyArgument(invocation.Arguments, flow, symbols, visiting, depth);
                case IObjectCreationOperation creation:
                    return AnyArgument(creation.Arguments, flow, symbols, visiting, depth);
                case IConditionalOperation conditional:
                    return Contains(conditional.WhenTrue, flow, symbols, visiting, depth) || Contains(conditional.WhenFalse, flow, symbols, visiting, depth);
                case ICoalesceOperation coalesce:
                    return Contains(coalesce.Value, flow, symbols, visiting, depth) || Contains(coalesce.WhenNull, flow, symbols, visiting, depth);
                case ISimpleAssignmentOperation assignment:
                    return Contains(assignment.Value, flow, symbols, visiting, depth);
                case IPropertyReferenceOperation { Property.GetMethod: { } getter } property
                    when flow.Sources is { } getters && SummaryTable.IsSummarizable(getter, symbols) && getters.Returns(SummaryTable.Key(getter)):
                    return true;
                case IMemberReferenceOperation member when flow.Sources is { } fields && fields.Holds(member.Member.OriginalDefinition):
                    return true;
                default:
                    if (Operations.Target(operation) is { } variable && visiting.Add(variable))
                    {
                        foreach (Flow assigned in flow.FlowsInto(variable))
                        {
                            if (Contains(assigned.Value, flow, symbols, visiting, depth))
                            {
                                return true;
                            }
                        }
                    }

                    return false;
            }
        }

        private static bool AnyArgument(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, MethodFlow flow, LeakageSymbols symbols, HashSet<ISymbol> visiting, int depth)
        {
            foreach (IArgumentOperation argument in arguments)
            {
                IOperation value = Operations.Unwrap(argument.Value);
                if (symbols.IsEstimator(value.Type) && Contains(value, flow, symbols, visiting, depth))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
