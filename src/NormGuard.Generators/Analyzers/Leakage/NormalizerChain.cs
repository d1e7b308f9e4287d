using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NormGuard.Generators.Analyzers.Leakage
{
    /// <summary>
    /// Whether an ML.NET estimator fits normalization statistics: it is, or its <c>Append</c> chain contains, one of
    /// ML.NET's statistical normalizers — followed through local variables, parameters and fields assigned in the method
    /// (<c>pipeline = pipeline.Append(…)</c> included), local functions' returned values, conditionals and casts. <c>NormalizeLpNorm</c> and
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

        /// <summary>
        /// Other ML.NET estimators that learn statistics from the rows they are fitted on: principal components, supervised
        /// feature selection. <c>ReplaceMissingValues</c> counts only with a fitted replacement (mean, minimum, maximum,
        /// mode); its default replaces with the type's default value and learns nothing. Vocabularies
        /// (<c>OneHotEncoding</c>, <c>MapValueToKey</c>, <c>FeaturizeText</c>) are not counted: they learn the set of
        /// categories, which a model sees anyway, not a statistic of the features' values.
        /// </summary>
        private static readonly HashSet<string> OtherFitted = new HashSet<string>
        {
            "ProjectToPrincipalComponents", "SelectFeaturesBasedOnMutualInformation", "SelectFeaturesBasedOnCount",
        };

        /// <summary>A call that adds a statistics-fitting step to a chain: a normalizer, PCA, feature selection, a fitted imputer.</summary>
        public static bool IsFittingStep(IInvocationOperation invocation)
        {
            IMethodSymbol method = invocation.TargetMethod;
            if (!LeakageSymbols.InNamespace(method, "Microsoft.ML"))
            {
                return false;
            }

            if (Normalizers.Contains(method.Name) || OtherFitted.Contains(method.Name))
            {
                return true;
            }

            if (method.Name != "ReplaceMissingValues")
            {
                return false;
            }

            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                // ReplacementMode.DefaultValue is 0; Mean, Minimum, Maximum and Mode are fitted from the rows.
                if (argument.Parameter?.Name == "replacementMode" && argument.Value.ConstantValue is { HasValue: true, Value: { } mode })
                {
                    return Convert.ToInt64(mode, System.Globalization.CultureInfo.InvariantCulture) != 0;
                }
            }

            return false;
        }

        public static bool Contains(IOperation? estimator, MethodFlow flow, LeakageSymbols symbols) => Step(estimator, flow, symbols) is not null;

        /// <summary>The first step of the chain that fits statistics, for a message ("NormalizeMinMax", "a normalizer from
        /// BuildPipeline"); null when the chain fits none.</summary>
        public static string? Step(IOperation? estimator, MethodFlow flow, LeakageSymbols symbols) =>
            Find(estimator, flow, symbols, new HashSet<ISymbol>(SymbolEqualityComparer.Default), 0);

        private static string? Find(IOperation? operation, MethodFlow flow, LeakageSymbols symbols, HashSet<ISymbol> visiting, int depth)
        {
            if (operation is null || depth > 64)
            {
                return null;
            }

            operation = Operations.Unwrap(operation);
            if (symbols.IsNormalizing(operation.Type))
            {
                return "a normalizer";
            }

            depth++;
            switch (operation)
            {
                case IInvocationOperation invocation:
                    if (IsFittingStep(invocation))
                    {
                        return invocation.TargetMethod.Name;
                    }

                    if (flow.Sources is { } callees && SummaryTable.IsSummarizable(invocation.TargetMethod, symbols) && callees.Returns(SummaryTable.Key(invocation.TargetMethod)))
                    {
                        return "a normalizer from " + invocation.TargetMethod.Name;
                    }

                    // BuildScaling(): a local function's chain is what it returns.
                    if (invocation.TargetMethod.MethodKind == MethodKind.LocalFunction && visiting.Add(invocation.TargetMethod.OriginalDefinition))
                    {
                        foreach (IOperation returned in flow.ReturnsOf(invocation.TargetMethod))
                        {
                            if (Find(returned, flow, symbols, visiting, depth) is { } fromLocal)
                            {
                                return fromLocal;
                            }
                        }
                    }

                    if (invocation.Instance is { } instance && symbols.IsEstimator(instance.Type) && Find(instance, flow, symbols, visiting, depth) is { } inner)
                    {
                        return inner;
                    }

                    return AnyArgument(invocation.Arguments, flow, symbols, visiting, depth);
                case IObjectCreationOperation creation:
                    return AnyArgument(creation.Arguments, flow, symbols, visiting, depth);
                case IConditionalOperation conditional:
                    return Find(conditional.WhenTrue, flow, symbols, visiting, depth) ?? Find(conditional.WhenFalse, flow, symbols, visiting, depth);
                case ICoalesceOperation coalesce:
                    return Find(coalesce.Value, flow, symbols, visiting, depth) ?? Find(coalesce.WhenNull, flow, symbols, visiting, depth);
                case ISimpleAssignmentOperation assignment:
                    return Find(assignment.Value, flow, symbols, visiting, depth);
                case IPropertyReferenceOperation { Property.GetMethod: { } getter } property
                    when flow.Sources is { } getters && SummaryTable.IsSummarizable(getter, symbols) && getters.Returns(SummaryTable.Key(getter)):
                    return "a normalizer from " + property.Property.Name;
                case IMemberReferenceOperation member when flow.Sources is { } fields && fields.Holds(member.Member.OriginalDefinition):
                    return "a normalizer from " + member.Member.Name;
                default:
                    if (Operations.Target(operation) is { } variable && visiting.Add(variable))
                    {
                        foreach (Flow assigned in flow.FlowsInto(variable))
                        {
                            if (Find(assigned.Value, flow, symbols, visiting, depth) is { } found)
                            {
                                return found;
                            }
                        }
                    }

                    return null;
            }
        }

        private static string? AnyArgument(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, MethodFlow flow, LeakageSymbols symbols, HashSet<ISymbol> visiting, int depth)
        {
            foreach (IArgumentOperation argument in arguments)
            {
                IOperation value = Operations.Unwrap(argument.Value);
                if (symbols.IsEstimator(value.Type) && Find(value, flow, symbols, visiting, depth) is { } found)
                {
                    return found;
                }
            }

            return null;
        }
    }
}
