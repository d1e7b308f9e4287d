using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NormGuard.Generators.Analyzers.Leakage
{
    /// <summary>A call that splits data into training and evaluation parts, or cross-validates it (which splits inside).</summary>
    internal sealed class SplitCall
    {
        public SplitCall(IOperation anchor, ImmutableArray<DataRef> inputs, bool crossValidates, IOperation? estimator, string? trail = null, string? name = null)
        {
            Invocation = anchor;
            Inputs = inputs;
            CrossValidates = crossValidates;
            Estimator = estimator;
            Trail = trail;
            Name = name ?? (anchor is IInvocationOperation invocation ? invocation.TargetMethod.Name : "indexing");
            Line = anchor.Syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
        }

        /// <summary>Where the split happens: the split call, or the first part of a split made of views.</summary>
        public IOperation Invocation { get; }

        public string Name { get; }

        /// <summary>The data that is split: the arguments (and receiver) that hold rows.</summary>
        public ImmutableArray<DataRef> Inputs { get; }

        /// <summary>For a helper of this compilation that splits inside: where (for the message); null for a split call itself.</summary>
        public string? Trail { get; }

        /// <summary>An ML.NET <c>CrossValidate</c>: it splits inside, and refits <see cref="Estimator"/> on each fold.</summary>
        public bool CrossValidates { get; }

        public IOperation? Estimator { get; }

        public int Line { get; }

        /// <summary>Recognises a split; null for any other call. Pure, so the result may be cached per invocation.</summary>
        public static SplitCall? TryCreate(IInvocationOperation invocation, LeakageSymbols symbols)
        {
            IMethodSymbol method = invocation.TargetMethod;
            string name = method.Name;
            if (name.IndexOf("Split", StringComparison.Ordinal) < 0 && name.IndexOf("CrossValidat", StringComparison.Ordinal) < 0 && name.IndexOf("KFold", StringComparison.Ordinal) < 0)
            {
                return null; // TrainTestSplit, CrossValidationSplit and CrossValidate all pass this test
            }

            bool mlNet = LeakageSymbols.InNamespace(method, "Microsoft.ML");
            bool crossValidates = mlNet && name == "CrossValidate";
            bool split = crossValidates
                || (mlNet && name is "TrainTestSplit" or "CrossValidationSplit")
                || !LeakageSymbols.InNamespace(method, "System");
            if (!split)
            {
                return null;
            }

            ImmutableArray<DataRef>.Builder inputs = ImmutableArray.CreateBuilder<DataRef>();
            IOperation? estimator = null;
            if (invocation.Instance is { } instance && symbols.IsCollection(instance.Type))
            {
                inputs.Add(DataRef.Of(instance));
            }

            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (argument.Parameter is { RefKind: RefKind.Out })
                {
                    continue;
                }

                IOperation value = Operations.Unwrap(argument.Value);
                if (symbols.IsCollection(value.Type) || symbols.IsCollection(argument.Value.Type))
                {
                    inputs.Add(DataRef.Of(argument.Value));
                }
                else if (crossValidates && symbols.IsEstimator(value.Type))
                {
                    estimator = value;
                }
            }

            return inputs.Count == 0 ? null : new SplitCall(invocation, inputs.ToImmutable(), crossValidates, estimator);
        }
    }

    /// <summary>A variable that receives a split's result: the whole result (index −1) or one of its parts.</summary>
    internal sealed class SplitPart
    {
        public SplitPart(SplitCall split, int index, string name)
        {
            Split = split;
            Index = index;
            Name = name;
        }

        public SplitCall Split { get; }

        /// <summary>−1 for the variable that holds the whole result (<c>var split = ml.Data.TrainTestSplit(data)</c>).</summary>
        public int Index { get; }

        public string Name { get; }

        public bool IsHolder => Index < 0;

        /// <summary>
        /// A part is evaluation data when its name says so (<c>test</c>, <c>valid_set</c>); otherwise, unless its name says
        /// training, every part after the first is (<c>var (a, b) = TrainTestSplit(rows)</c>: <c>b</c>).
        /// </summary>
        public static bool IsEvaluationPart(string name, int index) =>
            EvaluationNames.IsEvaluation(name) || (index >= 1 && !EvaluationNames.IsTraining(name));
    }
}
