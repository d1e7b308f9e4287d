using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NormGuard.Generators.Analyzers.Leakage
{
    /// <summary>
    /// Splits written as views of one variable: <c>rows.Take(n)</c> and <c>rows.Skip(n)</c>, two <c>Where</c>s on either
    /// side of a date, <c>FilterRowsByColumn</c> below and above a bound, folds from <c>Chunk</c> or <c>GroupBy</c> with
    /// the rest beside them. One view is a filter; it is a split when the views are complementary parts of the same
    /// rows (an earlier and a later part, a named training and a named evaluation part, a fold and the rest) and are
    /// kept as data (stored, passed on, iterated), not reduced to a number for a report.
    /// </summary>
    internal static class ViewSplits
    {
        private static readonly HashSet<string> Views = new HashSet<string>(StringComparer.Ordinal)
        {
            "Take", "Skip", "TakeLast", "SkipLast", "TakeWhile", "SkipWhile", "Where", "Chunk", "GroupBy", "Except", "FilterRowsByColumn",
        };

        private static readonly HashSet<string> Chaining = new HashSet<string>(StringComparer.Ordinal)
        {
            "ToArray", "ToList", "ToHashSet", "AsEnumerable", "AsQueryable", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending",
            "Select", "Distinct", "AsParallel", "AsSpan", "AsMemory", "LoadFromEnumerable", "ToImmutableArray", "ToImmutableList",
        };

        private static readonly string[] TimeWords = { "date", "time", "year", "month", "day", "week", "period", "index", "timestamp", "at", "on" };

        public static bool IsView(IInvocationOperation invocation) => Views.Contains(invocation.TargetMethod.Name);

        /// <summary>The splits made of views, and the variables that hold an evaluation part (with why).</summary>
        public static (List<SplitCall> Splits, Dictionary<ISymbol, string> Evaluation, HashSet<ISymbol> Training) Find(List<IInvocationOperation> candidates, LeakageSymbols symbols)
        {
            var bySource = new Dictionary<ISymbol, List<Part>>(SymbolEqualityComparer.Default);
            foreach (IInvocationOperation view in candidates)
            {
                if (Source(view, symbols) is not { } source || Operations.Target(Operations.Unwrap(source)) is not { } variable || Use(view, symbols) is not { } use)
                {
                    continue;
                }

                if (!bySource.TryGetValue(variable, out List<Part>? parts))
                {
                    parts = new List<Part>();
                    bySource.Add(variable, parts);
                }

                parts.Add(new Part(view, source, use.Holder, Direction(view, use.Holder)));
            }

            var splits = new List<SplitCall>();
            var evaluation = new Dictionary<ISymbol, string>(SymbolEqualityComparer.Default);
            var training = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (List<Part> parts in bySource.Values)
            {
                if (parts.Count < 2 || !Complementary(parts))
                {
                    continue;
                }

                Part first = parts[0];
                foreach (Part part in parts)
                {
                    if (part.View.Syntax.SpanStart < first.View.Syntax.SpanStart)
                    {
                        first = part;
                    }
                }

                var split = new SplitCall(first.View, ImmutableArray.Create(DataRef.Of(first.Source)), crossValidates: false, estimator: null);
                splits.Add(split);
                foreach (Part part in parts)
                {
                    if (part.Holder is { } trained && part.Role is Role.Earlier or Role.NamedTraining or Role.Rest)
                    {
                        training.Add(trained);
                    }

                    if (part.Holder is { } holder && part.Role is Role.Later or Role.NamedEvaluation or Role.Fold)
                    {
                        string why = part.Role switch
                        {
                            Role.Fold => "a fold of " + part.View.TargetMethod.Name,
                            Role.NamedEvaluation => "the evaluation part of a split by " + split.Name,
                            _ => "the later part of a split by " + part.View.TargetMethod.Name,
                        };
                        evaluation[holder] = why + " (line " + (part.View.Syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1) + ")";
                    }
                }
            }

            return (splits, evaluation, training);
        }

        private enum Role
        {
            Unknown,
            Earlier,
            Later,
            NamedTraining,
            NamedEvaluation,
            Fold,
            Rest,
        }

        private static bool Complementary(List<Part> parts)
        {
            bool earlier = false, later = false, training = false, evaluation = false, fold = false, other = false;
            foreach (Part part in parts)
            {
                earlier |= part.Role is Role.Earlier or Role.NamedTraining;
                later |= part.Role is Role.Later or Role.NamedEvaluation;
                training |= part.Role == Role.NamedTraining;
                evaluation |= part.Role == Role.NamedEvaluation;
                fold |= part.Role == Role.Fold;
                other |= part.Role != Role.Fold;
            }

            return (earlier && later) || (training && evaluation) || (fold && other);
        }

        private static IOperation? Source(IInvocationOperation view, LeakageSymbols symbols)
        {
            if (view.Instance is { } instance && symbols.IsCollection(instance.Type))
            {
                return instance;
            }

            foreach (IArgumentOperation argument in view.Arguments)
            {
                if (symbols.IsCollection(argument.Value.Type) || symbols.IsCollection(Operations.Unwrap(argument.Value).Type))
                {
                    return argument.Value;
                }
            }

            return null;
        }

        /// <summary>How the view's rows are kept: in a variable (returned as the holder), iterated, or passed on; null
        /// when they are reduced to a number or a flag (<c>rows.Where(…).Count()</c>).</summary>
        private static UseOf? Use(IInvocationOperation view, LeakageSymbols symbols)
        {
            IOperation current = view;
            for (int i = 0; i < 12; i++)
            {
                IOperation? parent = current.Parent;
                switch (parent)
                {
                    case IConversionOperation or IParenthesizedOperation:
                        current = parent;
                        continue;
                    case IArgumentOperation { Parent: IInvocationOperation call } when Chaining.Contains(call.TargetMethod.Name):
                        current = call;
                        continue;
                    case IInvocationOperation call when call.Instance == current && Chaining.Contains(call.TargetMethod.Name):
                        current = call;
                        continue;
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                        return new UseOf(declarator.Symbol);
                    case ISimpleAssignmentOperation assignment when assignment.Value == current:
                        return new UseOf(Operations.Target(assignment.Target));
                    case IForEachLoopOperation loop when loop.Collection == current:
                        return new UseOf(loop.Locals.IsEmpty ? null : loop.Locals[0]);
                    case IArgumentOperation or IReturnOperation or ITupleOperation:
                        return symbols.IsCollection(current.Type) ? new UseOf(null) : null;
                    default:
                        return null;
                }
            }

            return null;
        }

        private static Role Direction(IInvocationOperation view, ISymbol? holder)
        {
            if (holder is not null)
            {
                if (EvaluationNames.IsEvaluation(holder.Name))
                {
                    return Role.NamedEvaluation;
                }

                if (EvaluationNames.IsTraining(holder.Name))
                {
                    return Role.NamedTraining;
                }
            }

            switch (view.TargetMethod.Name)
            {
                case "Take":
                case "TakeWhile":
                case "SkipLast":
                    return Role.Earlier;
                case "Skip":
                case "SkipWhile":
                case "TakeLast":
                    return Role.Later;
                case "Chunk":
                case "GroupBy":
                    return holder is not null ? Role.Fold : Role.Unknown;
                case "Except":
                    return Role.Rest;
                case "FilterRowsByColumn":
                    return Bounds(view);
                case "Where":
                    return Comparison(view);
                default:
                    return Role.Unknown;
            }
        }

        private static Role Bounds(IInvocationOperation view)
        {
            bool lower = false, upper = false;
            foreach (IArgumentOperation argument in view.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter is null)
                {
                    continue;
                }

                lower |= argument.Parameter.Name == "lowerBound";
                upper |= argument.Parameter.Name == "upperBound";
            }

            return lower == upper ? Role.Unknown : lower ? Role.Later : Role.Earlier;
        }

        /// <summary><c>r =&gt; r.Date &gt;= cutoff</c>: the later part; <c>&lt;</c>: the earlier; only for a date, a time or an index.</summary>
        private static Role Comparison(IInvocationOperation view)
        {
            foreach (IArgumentOperation argument in view.Arguments)
            {
                if (Operations.Lambda(argument.Value) is not { } lambda)
                {
                    continue;
                }

                foreach (IOperation operation in lambda.Body.DescendantsAndSelf())
                {
                    if (operation is not IBinaryOperation binary)
                    {
                        continue;
                    }

                    bool greater = binary.OperatorKind is BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual;
                    bool less = binary.OperatorKind is BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual;
                    if (!greater && !less)
                    {
                        continue;
                    }

                    bool rowOnLeft = ReadsRow(binary.LeftOperand, lambda);
                    bool rowOnRight = ReadsRow(binary.RightOperand, lambda);
                    if (rowOnLeft == rowOnRight || !TimeLike(rowOnLeft ? binary.LeftOperand : binary.RightOperand))
                    {
                        continue;
                    }

                    return greater == rowOnLeft ? Role.Later : Role.Earlier;
                }
            }

            return Role.Unknown;
        }

        private static bool ReadsRow(IOperation operand, IAnonymousFunctionOperation lambda)
        {
            foreach (IOperation operation in operand.DescendantsAndSelf())
            {
                if (operation is IParameterReferenceOperation parameter && SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, lambda.Symbol))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool TimeLike(IOperation operand)
        {
            IOperation unwrapped = Operations.Unwrap(operand);
            string? typeName = unwrapped.Type?.Name;
            if (typeName is "DateTime" or "DateTimeOffset" or "DateOnly" or "TimeOnly")
            {
                return true;
            }

            string? name = unwrapped switch
            {
                IMemberReferenceOperation member => member.Member.Name,
                IParameterReferenceOperation parameter => parameter.Parameter.Name,
                IInvocationOperation invocation => invocation.TargetMethod.Name,
                _ => null,
            };
            if (name is null)
            {
                return false;
            }

            foreach (string word in EvaluationNames.Words(name))
            {
                if (Array.IndexOf(TimeWords, word) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        private sealed class Part
        {
            public Part(IInvocationOperation view, IOperation source, ISymbol? holder, Role role)
            {
                View = view;
                Source = source;
                Holder = holder;
                Role = role;
            }

            public IInvocationOperation View { get; }

            public IOperation Source { get; }

            public ISymbol? Holder { get; }

            public Role Role { get; }
        }

        private sealed class UseOf
        {
            public UseOf(ISymbol? holder)
            {
                Holder = holder;
            }

            public ISymbol? Holder { get; }
        }
    }
}
