using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NormGuard.Generators.Analyzers.HandWritten
{
    /// <summary>
    /// The constants applied, one after another, to a feature member's value: from <c>g.Depth</c> outwards through
    /// <c>(g.Depth - 61.743) / 1.428</c>, a clamp, and locals the intermediate value is kept in. It ends at the first
    /// operation that is not a constant applied to the value so far (another variable, a call, a comparison).
    /// </summary>
    internal sealed class ArithmeticChain
    {
        private const int MaxLocalHops = 4;

        private ArithmeticChain(IOperation end, IReadOnlyList<ConstantSlot> slots)
        {
            End = end;
            Slots = slots;
        }

        /// <summary>The outermost operation that applies a constant: where NG0012 is reported.</summary>
        public IOperation End { get; }

        public IReadOnlyList<ConstantSlot> Slots { get; }

        /// <summary>
        /// The chains that start at a reference to a feature member. More than one when the value is kept in a local that
        /// is read in several places; none when no constant is applied to it.
        /// </summary>
        public static List<ArithmeticChain> From(IOperation member, HandWrittenScan scan, CancellationToken cancellationToken)
        {
            var chains = new List<ArithmeticChain>();
            Extend(member, null, new List<ConstantSlot>(), 0, scan, chains, cancellationToken);
            return chains;
        }

        private static void Extend(IOperation value, IOperation? end, List<ConstantSlot> slots, int hops, HandWrittenScan scan, List<ArithmeticChain> chains, CancellationToken cancellationToken)
        {
            var evaluator = new ConstantEvaluator(scan, cancellationToken);
            IOperation current = ClimbTransparent(value);
            while (Step(current, evaluator, slots) is { } applied)
            {
                end = applied;
                current = ClimbTransparent(applied);
            }

            // double centered = g.Depth - 61.743; … centered / 1.428: the chain goes on at each read of the local.
            if (hops < MaxLocalHops && current.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                BodyIndex body = scan.Body(declarator);
                if (!body.IsReassigned(declarator.Symbol))
                {
                    bool extended = false;
                    foreach (ILocalReferenceOperation read in body.Reads(declarator.Symbol))
                    {
                        var continued = new List<ArithmeticChain>();
                        Extend(read, null, new List<ConstantSlot>(slots), hops + 1, scan, continued, cancellationToken);
                        foreach (ArithmeticChain chain in continued)
                        {
                            if (chain.Slots.Count > slots.Count)
                            {
                                chains.Add(chain);
                                extended = true;
                            }
                        }
                    }

                    if (extended)
                    {
                        return;
                    }
                }
            }

            if (end is not null && slots.Count > 0)
            {
                chains.Add(new ArithmeticChain(end, slots));
            }
        }

        /// <summary>The operation that applies one more constant to <paramref name="current"/>, adding its slot; else null.</summary>
        private static IOperation? Step(IOperation current, ConstantEvaluator evaluator, List<ConstantSlot> slots)
        {
            switch (current.Parent)
            {
                case IBinaryOperation binary when binary.OperatorMethod is null:
                {
                    bool valueOnLeft = binary.LeftOperand == current;
                    IOperation other = valueOnLeft ? binary.RightOperand : binary.LeftOperand;
                    SlotRole? role = binary.OperatorKind switch
                    {
                        BinaryOperatorKind.Add => SlotRole.Add,
                        BinaryOperatorKind.Subtract => valueOnLeft ? SlotRole.Subtract : SlotRole.SubtractFrom,
                        BinaryOperatorKind.Multiply => SlotRole.Multiply,
                        BinaryOperatorKind.Divide when valueOnLeft => SlotRole.Divide,
                        _ => null,
                    };
                    if (role is null || evaluator.Evaluate(other) is not { } constant)
                    {
                        return null;
                    }

                    slots.Add(new ConstantSlot(role.Value, constant, other));
                    return binary;
                }

                case IArgumentOperation { Parent: IInvocationOperation invocation } argument when MathMethods.IsMath(invocation.TargetMethod):
                    return Bound(invocation, argument, evaluator, slots);
                default:
                    return null;
            }
        }

        /// <summary>Math.Clamp(x, lo, hi), Math.Max(x, lo), Math.Min(x, hi).</summary>
        private static IOperation? Bound(IInvocationOperation invocation, IArgumentOperation argument, ConstantEvaluator evaluator, List<ConstantSlot> slots)
        {
            var arguments = invocation.Arguments;
            int index = arguments.IndexOf(argument);
            switch (invocation.TargetMethod.Name)
            {
                case "Clamp" when arguments.Length == 3 && index == 0 &&
                                  evaluator.Evaluate(arguments[1].Value) is { } low && evaluator.Evaluate(arguments[2].Value) is { } high:
                    slots.Add(new ConstantSlot(SlotRole.LowerBound, low, arguments[1].Value));
                    slots.Add(new ConstantSlot(SlotRole.UpperBound, high, arguments[2].Value));
                    return invocation;
                case "Max" or "Min" when arguments.Length == 2 && evaluator.Evaluate(arguments[1 - index].Value) is { } bound:
                    slots.Add(new ConstantSlot(invocation.TargetMethod.Name == "Max" ? SlotRole.LowerBound : SlotRole.UpperBound, bound, arguments[1 - index].Value));
                    return invocation;
                default:
                    return null;
            }
        }

        /// <summary>
        /// Up through what does not change which number the value is: parentheses, conversions, a unary sign, a
        /// nullable's <c>.Value</c> / <c>GetValueOrDefault()</c> / <c>?? c</c>, and the logarithm a <c>[Log1p]</c> or
        /// <c>[Log]</c> step takes before its scaling (the manifest's parameters are those of the logged value).
        /// </summary>
        private static IOperation ClimbTransparent(IOperation operation)
        {
            while (true)
            {
                switch (operation.Parent)
                {
                    case IConversionOperation or IParenthesizedOperation:
                    case IUnaryOperation { OperatorKind: UnaryOperatorKind.Plus or UnaryOperatorKind.Minus }:
                    case IPropertyReferenceOperation { Property.Name: "Value" } value when value.Instance == operation:
                    case IInvocationOperation { TargetMethod.Name: "GetValueOrDefault" } get when get.Instance == operation:
                    case ICoalesceOperation coalesce when coalesce.Value == operation:
                        operation = operation.Parent;
                        continue;
                    case IArgumentOperation { Parent: IInvocationOperation log } when MathMethods.IsLog(log.TargetMethod):
                        operation = log;
                        continue;
                    default:
                        return operation;
                }
            }
        }
    }

    internal static class MathMethods
    {
        public static bool IsMath(IMethodSymbol method) =>
            method.ContainingType is { } type &&
            (type.SpecialType is SpecialType.System_Double or SpecialType.System_Single ||
             (type.Name is "Math" or "MathF" && type.ContainingNamespace?.Name == "System" && type.ContainingNamespace.ContainingNamespace?.IsGlobalNamespace == true));

        /// <summary>Math.Log(x), Math.Log(1 + x) (the 1 + is a generic constant the chain passes), double.LogP1(x).</summary>
        public static bool IsLog(IMethodSymbol method) =>
            method.Name is "Log" or "LogP1" or "Log1P" && method.Parameters.Length == 1 && IsMath(method);
    }
}
