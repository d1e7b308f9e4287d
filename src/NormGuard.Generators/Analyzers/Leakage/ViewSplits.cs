using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NormGuard.Generators.Analyzers.Leakage
{
    /// <summary>
    /// Splits written as views of one variable: <c>rows.Take(n)</c> and <c>rows.Skip(n)</c> (ML.NET's <c>TakeRows</c> and
    /// <c>SkipRows</c>), two <c>Where</c>s on either
    /// side of a date or with opposite conditions, <c>FilterRowsByColumn</c> below and above a bound, folds from
    /// <c>Chunk</c> or <c>GroupBy</c> with the rest beside them, <c>parts[..^1]</c> and <c>parts[^1]</c>. One view is a
    /// filter; it is a split when the views are complementary parts of the same rows (an earlier and a later part, a
    /// named training and a named evaluation part, a fold and the rest) and are kept as data (stored, passed on,
    /// iterated), not reduced to a number for a report — or when a later part alone is what a model is evaluated on.
    /// </summary>
    internal static class ViewSplits
    {
        private static readonly HashSet<string> Views = new HashSet<string>(StringComparer.Ordinal)
        {
            "Take", "Skip", "TakeLast", "SkipLast", "TakeWhile", "SkipWhile", "Where", "Chunk", "GroupBy", "Except", "FilterRowsByColumn",
            "Last", "First", "ElementAt", "GetRange", "Slice", "TakeRows", "SkipRows",
        };

        private static readonly HashSet<string> Chaining = new HashSet<string>(StringComparer.Ordinal)
        {
            "ToArray", "ToList", "ToHashSet", "AsEnumerable", "AsQueryable", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending",
            "Select", "SelectMany", "Distinct", "AsParallel", "AsSpan", "AsMemory", "LoadFromEnumerable", "ToImmutableArray", "ToImmutableList",
            "Transform", "Concat",
        };

        private static readonly string[] TimeWords = { "date", "time", "year", "month", "day", "week", "period", "index", "timestamp", "at", "on" };

        public static bool IsView(IInvocationOperation invocation) => Views.Contains(invocation.TargetMethod.Name);

        /// <summary><c>rows[^1]</c>, <c>rows[..^1]</c>, <c>folds[k]</c>: an element or a range of a collection variable.</summary>
        public static bool IsElementView(IOperation operation, LeakageSymbols symbols) => Element(operation, symbols) is not null;

        /// <summary>The splits made of views, the variables that hold an evaluation part (with why), those that hold a training
        /// part, and those that hold an earlier or training-named part of some rows, split or not (a hold-out's kept part).</summary>
        public static (List<SplitCall> Splits, Dictionary<ISymbol, string> Evaluation, HashSet<ISymbol> Training, HashSet<ISymbol> Earlier) Find(List<IOperation> candidates, HashSet<ISymbol> evaluated, LeakageSymbols symbols)
        {
            var parts = new List<Part>();
            var folds = new Dictionary<ISymbol, ISymbol>(SymbolEqualityComparer.Default);
            foreach (IOperation view in candidates)
            {
                (IOperation? source, string name) = view is IInvocationOperation invocation ? (Source(invocation, symbols), invocation.TargetMethod.Name) : (Element(view, symbols), "indexing");
                if (source is null || Root(source) is not { } variable || Use(view, symbols) is not { } use)
                {
                    continue;
                }

                var part = new Part(view, source, variable, name, use.Holder, Direction(view, name, use.Holder, use.Iterated, evaluated))
                {
                    Evaluated = use.Evaluated || (use.Holder is not null && evaluated.Contains(use.Holder)),
                };
                parts.Add(part);
                if (name is "Chunk" or "GroupBy" && use.Holder is { } holder && !folds.ContainsKey(holder))
                {
                    folds.Add(holder, variable);
                }
            }

            // Views of the folds are views of the rows they were cut from: folds.Where((_, j) => j != k), years[^1].
            var bySource = new Dictionary<ISymbol, List<Part>>(SymbolEqualityComparer.Default);
            foreach (Part part in parts)
            {
                ISymbol key = part.Variable;
                for (int i = 0; i < 4 && folds.TryGetValue(key, out ISymbol? underlying); i++)
                {
                    key = underlying;
                }

                if (!bySource.TryGetValue(key, out List<Part>? list))
                {
                    list = new List<Part>();
                    bySource.Add(key, list);
                }

                list.Add(part);
            }

            var splits = new List<SplitCall>();
            var evaluation = new Dictionary<ISymbol, string>(SymbolEqualityComparer.Default);
            var training = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            var earlier = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (Part part in parts)
            {
                if (part.Holder is { } holder && part.Role is Role.Earlier or Role.NamedTraining)
                {
                    earlier.Add(holder);
                }
            }

            foreach (List<Part> list in bySource.Values)
            {
                if (!Complementary(list))
                {
                    continue;
                }

                Part first = list[0];
                foreach (Part part in list)
                {
                    if (part.View.Syntax.SpanStart < first.View.Syntax.SpanStart)
                    {
                        first = part;
                    }
                }

                // The split's input is the rows themselves, even when its first part is a view of their folds.
                IOperation input = first.Source;
                foreach (Part part in list)
                {
                    if (!folds.ContainsKey(part.Variable) && part.View.Syntax.SpanStart == first.View.Syntax.SpanStart)
                    {
                        input = part.Source;
                    }
                }

                var split = new SplitCall(first.View, ImmutableArray.Create(DataRef.Of(input)), crossValidates: false, estimator: null, name: first.Name);
                splits.Add(split);
                foreach (Part part in list)
                {
                    if (part.Holder is not { } holder)
                    {
                        continue;
                    }

                    if (part.Role is Role.Earlier or Role.NamedTraining or Role.Rest)
                    {
                        training.Add(holder);
                    }
                    else if (part.Role is Role.Later or Role.NamedEvaluation or Role.Fold)
                    {
                        string why = part.Role switch
                        {
                            Role.Fold => "a fold of " + split.Name,
                            Role.NamedEvaluation => "the evaluation part of a split by " + split.Name,
                            _ => "the later part of a split by " + part.Name,
                        };
                        evaluation[holder] = why + " (line " + (part.View.Syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1) + ")";
                    }
                }
            }

            return (splits, evaluation, training, earlier);
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

        /// <summary>
        /// An evaluation side (a later part, a fold, a part named as evaluation data) with another part beside it, two
        /// conditions that are each other's opposite, or a later or evaluation part alone that a model is evaluated on.
        /// </summary>
        private static bool Complementary(List<Part> parts)
        {
            bool evaluation = false, other = false, evaluatedAlone = false;
            foreach (Part part in parts)
            {
                bool side = part.Role is Role.Later or Role.NamedEvaluation or Role.Fold;
                evaluation |= side;
                other |= !side;
                evaluatedAlone |= side && part.Evaluated;
            }

            if ((evaluation && other) || evaluatedAlone)
            {
                return true;
            }

            for (int i = 0; i < parts.Count; i++)
            {
                for (int j = i + 1; j < parts.Count; j++)
                {
                    if (parts[i].Condition is { } a && parts[j].Condition is { } b && a.Text == b.Text && a.Polarity != b.Polarity)
                    {
                        return true;
                    }
                }
            }

            return false;
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

        private static IOperation? Element(IOperation operation, LeakageSymbols symbols)
        {
            IOperation? collection = operation switch
            {
                IArrayElementReferenceOperation element => element.ArrayReference,
                IPropertyReferenceOperation { Arguments.Length: 1, Instance: { } instance } => instance,
                IImplicitIndexerReferenceOperation implicitIndexer => implicitIndexer.Instance,
                _ => null,
            };
            // Only an element that is rows itself: a fold of folds[k], a month of byMonth[^1], a slice rows[..n].
            if (collection is null || !symbols.IsCollection(collection.Type) || !symbols.IsCollection(operation.Type))
            {
                return null;
            }

            return operation.Parent is IAssignmentOperation assignment && assignment.Target == operation ? null : collection;
        }

        /// <summary>The variable a view's source is: through <c>OrderBy</c>, <c>ToList</c> and the like.</summary>
        private static ISymbol? Root(IOperation source)
        {
            IOperation current = Operations.Unwrap(source);
            for (int i = 0; i < 8; i++)
            {
                if (Operations.Target(current) is { } variable)
                {
                    return variable;
                }

                if (current is IInvocationOperation call && Chaining.Contains(call.TargetMethod.Name))
                {
                    IOperation? inner = call.Instance ?? (call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
                    if (inner is null)
                    {
                        return null;
                    }

                    current = Operations.Unwrap(inner);
                    continue;
                }

                return null;
            }

            return null;
        }

        /// <summary>How the view's rows are kept: in a variable (returned as the holder), iterated, or passed on; null
        /// when they are reduced to a number or a flag (<c>rows.Where(…).Count()</c>).</summary>
        private static UseOf? Use(IOperation view, LeakageSymbols symbols)
        {
            IOperation current = view;
            for (int i = 0; i < 12; i++)
            {
                IOperation? parent = current.Parent;
                switch (parent)
                {
                    case IConversionOperation or IParenthesizedOperation or IAwaitOperation or ITranslatedQueryOperation:
                        current = parent;
                        continue;
                    case IArgumentOperation { Parent: IInvocationOperation call } when Chaining.Contains(call.TargetMethod.Name):
                        current = call;
                        continue;
                    case IInvocationOperation call when call.Instance == current && Chaining.Contains(call.TargetMethod.Name):
                        current = call;
                        continue;
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                        return Rows(current, symbols) ? new UseOf(declarator.Symbol) : null;
                    case ISimpleAssignmentOperation assignment when assignment.Value == current:
                        return Rows(current, symbols) ? new UseOf(Operations.Target(assignment.Target)) : null;
                    case IForEachLoopOperation loop when loop.Collection == current:
                        return new UseOf(loop.Locals.IsEmpty ? null : loop.Locals[0]) { Iterated = true };
                    case IArgumentOperation { Parent: IInvocationOperation evaluate } when evaluate.TargetMethod.Name.StartsWith("Evaluate", StringComparison.Ordinal):
                        return new UseOf(null) { Evaluated = true };
                    case IArgumentOperation or IReturnOperation or ITupleOperation:
                        return symbols.IsCollection(current.Type) || symbols.IsDataView(current.Type) ? new UseOf(null) : null;
                    default:
                        return null;
                }
            }

            return null;
        }

        private static bool Rows(IOperation value, LeakageSymbols symbols) => symbols.IsCollection(value.Type) || symbols.IsDataView(value.Type);

        private static Role Direction(IOperation view, string name, ISymbol? holder, bool iterated, HashSet<ISymbol> evaluated)
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

            Role role = name switch
            {
                "Take" or "TakeWhile" or "SkipLast" or "First" or "TakeRows" => Role.Earlier,
                "Skip" or "SkipWhile" or "TakeLast" or "Last" or "SkipRows" => Role.Later,
                // foreach (var fold in rows.Chunk(n)): one fold at a time; var folds = rows.Chunk(n).ToArray(): all of them.
                "Chunk" or "GroupBy" => holder is not null && iterated ? Role.Fold : Role.Unknown,
                "Except" => Role.Rest,
                "GetRange" or "Slice" => Range((IInvocationOperation)view),
                "FilterRowsByColumn" => Bounds((IInvocationOperation)view),
                "Where" => Comparison((IInvocationOperation)view).Role,
                "indexing" => Indexed(view),
                _ => Role.Unknown,
            };

            // A part a model is evaluated on is the evaluation side, whatever its shape says.
            return role == Role.Unknown && holder is not null && evaluated.Contains(holder) ? Role.Later : role;
        }

        /// <summary>
        /// <c>rows.GetRange(0, cut)</c>: the earlier part; <c>rows.GetRange(cut, n - cut)</c>, <c>span.Slice(cut)</c>: the later
        /// one. Inside a loop a range from a moving start is one partition or fold of many, neither.
        /// </summary>
        private static Role Range(IInvocationOperation view)
        {
            if (view.Arguments.Length == 0 || view.Arguments[0].Parameter?.Ordinal != 0)
            {
                return Role.Unknown;
            }

            IOperation start = Operations.Unwrap(view.Arguments[0].Value);
            if (start.ConstantValue is { HasValue: true, Value: int offset })
            {
                return offset == 0 ? Role.Earlier : Role.Unknown;
            }

            for (IOperation? current = view.Parent; current is not null; current = current.Parent)
            {
                if (current is ILoopOperation)
                {
                    return Role.Unknown;
                }
            }

            return Role.Later;
        }

        /// <summary><c>rows[^1]</c> and <c>rows[k..]</c>: a later part; <c>rows[..^1]</c>, <c>rows[..k]</c>: an earlier one.</summary>
        private static Role Indexed(IOperation view)
        {
            IOperation? index = view switch
            {
                IArrayElementReferenceOperation element when element.Indices.Length == 1 => element.Indices[0],
                IPropertyReferenceOperation property => property.Arguments[0].Value,
                IImplicitIndexerReferenceOperation implicitIndexer => implicitIndexer.Argument,
                _ => null,
            };
            switch (index is null ? null : Operations.Unwrap(index))
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Hat }:
                    return Role.Later;
                case IRangeOperation { LeftOperand: null, RightOperand: not null }:
                    return Role.Earlier;
                case IRangeOperation { LeftOperand: not null, RightOperand: null }:
                    return Role.Later;
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

        /// <summary>
        /// The condition of a <c>Where</c>: <c>r =&gt; r.Date &gt;= cutoff</c> is the later part and <c>&lt;</c> the earlier (for a
        /// date, a time or an index); any comparison also gives a text and a polarity, so that <c>i % 5 == 0</c> and
        /// <c>i % 5 != 0</c>, or <c>id % 10 &lt; 8</c> and <c>id % 10 &gt;= 8</c>, are known to be each other's opposite.
        /// </summary>
        private static (Role Role, Condition? Condition) Comparison(IInvocationOperation view)
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
                    bool equals = binary.OperatorKind == BinaryOperatorKind.Equals;
                    bool notEquals = binary.OperatorKind == BinaryOperatorKind.NotEquals;
                    if (!greater && !less && !equals && !notEquals)
                    {
                        continue;
                    }

                    bool rowOnLeft = ReadsRow(binary.LeftOperand, lambda);
                    bool rowOnRight = ReadsRow(binary.RightOperand, lambda);
                    if (rowOnLeft == rowOnRight)
                    {
                        continue;
                    }

                    IOperation row = rowOnLeft ? binary.LeftOperand : binary.RightOperand;
                    IOperation other = rowOnLeft ? binary.RightOperand : binary.LeftOperand;
                    bool high = greater == rowOnLeft;
                    string text = Normalized(row, lambda) + "|" + Normalized(other, lambda);
                    var condition = new Condition(text, equals || notEquals ? equals : high);
                    Role role = (greater || less) && TimeLike(row) ? (high ? Role.Later : Role.Earlier) : Role.Unknown;
                    return (role, condition);
                }
            }

            return (Role.Unknown, null);
        }

        /// <summary>The operand's text with the lambda's parameters by position, so two lambdas compare alike.</summary>
        private static string Normalized(IOperation operand, IAnonymousFunctionOperation lambda)
        {
            string text = operand.Syntax.ToString();
            foreach (IParameterSymbol parameter in lambda.Symbol.Parameters)
            {
                text = System.Text.RegularExpressions.Regex.Replace(text, @"\b" + System.Text.RegularExpressions.Regex.Escape(parameter.Name) + @"\b", "$" + parameter.Ordinal);
            }

            return string.Join(string.Empty, text.Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries));
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

        private sealed class Condition
        {
            public Condition(string text, bool polarity)
            {
                Text = text;
                Polarity = polarity;
            }

            public string Text { get; }

            public bool Polarity { get; }
        }

        private sealed class Part
        {
            public Part(IOperation view, IOperation source, ISymbol variable, string name, ISymbol? holder, Role role)
            {
                View = view;
                Source = source;
                Variable = variable;
                Name = name;
                Holder = holder;
                Role = role;
                Condition = view is IInvocationOperation { TargetMethod.Name: "Where" } where ? Comparison(where).Condition : null;
            }

            public IOperation View { get; }

            public IOperation Source { get; }

            public ISymbol Variable { get; }

            public string Name { get; }

            public ISymbol? Holder { get; }

            public Role Role { get; }

            public Condition? Condition { get; }

            public bool Evaluated { get; set; }
        }

        private sealed class UseOf
        {
            public UseOf(ISymbol? holder)
            {
                Holder = holder;
            }

            public ISymbol? Holder { get; }

            /// <summary>Passed straight to an <c>Evaluate</c> call.</summary>
            public bool Evaluated { get; init; }

            /// <summary>The holder is a <c>foreach</c> variable: one element at a time.</summary>
            public bool Iterated { get; init; }
        }
    }
}
