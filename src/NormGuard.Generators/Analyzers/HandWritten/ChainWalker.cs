using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NormGuard.Generators.Analyzers.HandWritten
{
    /// <summary>Builds <see cref="ArithmeticChain"/>s: one step per constant applied, for one member reference.</summary>
    internal sealed class ChainWalker
    {
        private const int MaxLocalHops = 4;
        private const int MaxCallDepth = 2;

        private readonly HandWrittenScan _scan;
        private readonly CancellationToken _cancellationToken;

        public ChainWalker(HandWrittenScan scan, CancellationToken cancellationToken)
        {
            _scan = scan;
            _cancellationToken = cancellationToken;
        }

        public List<ArithmeticChain> From(IOperation member)
        {
            var chains = new List<ArithmeticChain>();
            Extend(member, null, new List<ConstantSlot>(), 0, chains, prefix: null);
            return chains;
        }

        private void Extend(IOperation value, IOperation? end, List<ConstantSlot> slots, int hops, List<ArithmeticChain> chains, ArithmeticChain? prefix)
        {
            var evaluator = new ConstantEvaluator(_scan, _cancellationToken);
            IOperation current = ClimbTransparent(value);
            int slotsBefore = slots.Count;
            while (Step(current, evaluator, slots, 0) is { } applied)
            {
                // Each step is a prefix of the next, so the scaling is reported where it is complete, not at a clamp,
                // a weight or a unit applied around it afterwards.
                if (end is not null && slotsBefore > 0)
                {
                    prefix = new ArithmeticChain(end, slots.Take(slotsBefore).ToList(), prefix);
                }

                end = applied;
                current = ClimbTransparent(applied);
                slotsBefore = slots.Count;
            }

            // double centered = g.Depth - 61.743; … centered / 1.428: the chain goes on at each read of the local.
            if (hops < MaxLocalHops && current.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                BodyIndex body = _scan.Body(declarator);
                if (!body.IsReassigned(declarator.Symbol))
                {
                    bool extended = false;
                    ArithmeticChain? before = end is not null && slots.Count > 0 ? new ArithmeticChain(end, new List<ConstantSlot>(slots), prefix) : prefix;
                    foreach (ILocalReferenceOperation read in body.Reads(declarator.Symbol))
                    {
                        var continued = new List<ArithmeticChain>();
                        Extend(read, null, new List<ConstantSlot>(slots), hops + 1, continued, before);
                        foreach (ArithmeticChain chain in continued.Where(c => c.Slots.Count > slots.Count))
                        {
                            chains.Add(chain);
                            extended = true;
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
                chains.Add(new ArithmeticChain(end, slots, prefix));
            }
        }

        /// <summary>The operation that applies one more constant to <paramref name="current"/>, adding its slots; else null.</summary>
        private IOperation? Step(IOperation current, ConstantEvaluator evaluator, List<ConstantSlot> slots, int callDepth)
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
                case IArgumentOperation { Parent: IInvocationOperation invocation } argument when callDepth < MaxCallDepth:
                    return Call(invocation, argument, evaluator, slots, callDepth);
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
        /// A method of this compilation that returns arithmetic on the parameter the value is passed to, one expression
        /// (<c>=&gt; (x - mean) / std</c> or a lone <c>return</c>): its constants, or the call's constant arguments for its
        /// other parameters, join the chain, which goes on at the call.
        /// </summary>
        private IOperation? Call(IInvocationOperation invocation, IArgumentOperation argument, ConstantEvaluator evaluator, List<ConstantSlot> slots, int callDepth)
        {
            IMethodSymbol method = invocation.TargetMethod.OriginalDefinition;
            if (argument.Parameter is null || _scan.ReturnedExpression(method, _cancellationToken) is not { } returned)
            {
                return null;
            }

            int ordinal = argument.Parameter.Ordinal;
            IParameterReferenceOperation[] uses = returned.AllOperations()
                .OfType<IParameterReferenceOperation>()
                .Where(p => p.Parameter.Ordinal == ordinal && SymbolEqualityComparer.Default.Equals(p.Parameter.ContainingSymbol, method))
                .Take(2)
                .ToArray();
            if (uses.Length != 1)
            {
                return null;
            }

            var bound = new Dictionary<int, NumericConstant>();
            var passed = new Dictionary<int, IOperation>();
            foreach (IArgumentOperation other in invocation.Arguments)
            {
                if (other != argument && other.Parameter is { } parameter && evaluator.Evaluate(other.Value) is { } constant)
                {
                    bound[parameter.Ordinal] = constant;
                    passed[parameter.Ordinal] = other.Value;
                }
            }

            var inside = new ConstantEvaluator(_scan, _cancellationToken, method, bound);
            var calleeSlots = new List<ConstantSlot>();
            IOperation current = ClimbTransparent(uses[0]);
            while (Step(current, inside, calleeSlots, callDepth + 1) is { } applied)
            {
                current = ClimbTransparent(applied);
            }

            // Only when what the helper returns is the value with the constants applied.
            if (calleeSlots.Count == 0 || current.Syntax != returned.Syntax)
            {
                return null;
            }

            foreach (ConstantSlot slot in calleeSlots)
            {
                // Name the call's argument (61.743) rather than the helper's parameter (mean) in the message.
                slots.Add(ConstantEvaluator.StripValuePreserving(slot.Operand) is IParameterReferenceOperation parameter &&
                          passed.TryGetValue(parameter.Parameter.Ordinal, out IOperation? value)
                    ? new ConstantSlot(slot.Role, slot.Constant, value)
                    : slot);
            }

            return invocation;
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
