using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace NormGuard.Generators.Analyzers.HandWritten
{
    /// <summary>
    /// The value of an operand that is fixed when the code is written, wherever the number is kept: a literal, a
    /// <c>const</c>, a <c>readonly</c> field or get-only property with a constant initializer (a "Stats" class), a local
    /// assigned once, an element of such an array, or arithmetic on these. A value computed at run time is not one.
    /// </summary>
    /// <remarks>One instance per question; it follows at most <see cref="MaxDepth"/> names deep, so cycles and
    /// pathological chains end, and it caches per field or property only answers that depth did not cut short.</remarks>
    internal sealed class ConstantEvaluator
    {
        private const int MaxDepth = 12;

        private readonly HandWrittenScan _scan;
        private readonly CancellationToken _cancellationToken;
        private readonly IMethodSymbol? _method;
        private readonly IReadOnlyDictionary<int, NumericConstant>? _arguments;
        private bool _cutShort;

        /// <param name="scan">The compilation's caches.</param>
        /// <param name="cancellationToken">The analysis's token.</param>
        /// <param name="method">Inside a helper method: the helper, whose parameters …</param>
        /// <param name="arguments">… have these constant arguments at the call being followed, by ordinal.</param>
        public ConstantEvaluator(HandWrittenScan scan, CancellationToken cancellationToken, IMethodSymbol? method = null, IReadOnlyDictionary<int, NumericConstant>? arguments = null)
        {
            _scan = scan;
            _cancellationToken = cancellationToken;
            _method = method;
            _arguments = arguments;
        }

        public NumericConstant? Evaluate(IOperation operation) => Evaluate(operation, 0);

        private NumericConstant? Evaluate(IOperation operation, int depth)
        {
            if (depth > MaxDepth)
            {
                _cutShort = true;
                return null;
            }

            // Structure before Roslyn's folded value: 1 / 1.4282 is a reciprocal written to 5 digits, not a 17-digit
            // number, and 5.0 / 9 has one significant digit.
            operation = StripValuePreserving(operation);
            NumericConstant? value = operation switch
            {
                IUnaryOperation { OperatorKind: UnaryOperatorKind.Minus } negation => Evaluate(negation.Operand, depth + 1)?.Negate(),
                IUnaryOperation { OperatorKind: UnaryOperatorKind.Plus } plus => Evaluate(plus.Operand, depth + 1),
                IBinaryOperation binary when Symbol(binary.OperatorKind) is { } op && binary.OperatorMethod is null => Fold(binary, op, depth),
                IFieldReferenceOperation field => Member(field.Field, depth) ?? HeldBy(field, depth),
                IPropertyReferenceOperation property when property.Arguments.IsEmpty => Member(property.Property, depth) ?? HeldBy(property, depth),
                IParameterReferenceOperation parameter when _arguments is not null && SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, _method) =>
                    _arguments.TryGetValue(parameter.Parameter.Ordinal, out NumericConstant? argument) ? argument : null,
                ILocalReferenceOperation local => _scan.Body(local).SingleValue(local.Local) is { } initial ? Evaluate(initial, depth + 1) : null,
                IArrayElementReferenceOperation element when element.Indices.Length == 1 => Element(element, depth),
                _ => null,
            };

            return value ?? (operation.ConstantValue.HasValue ? NumericConstant.From(operation.ConstantValue.Value) : null);
        }

        /// <summary>The elements of an array whose contents are written in the code (<c>static readonly double[] Means = { … }</c>).</summary>
        public IReadOnlyList<IOperation>? ArrayElements(IOperation array, int depth)
        {
            if (depth > MaxDepth)
            {
                _cutShort = true;
                return null;
            }

            IOperation? value = StripValuePreserving(array) switch
            {
                IFieldReferenceOperation { Field: { IsReadOnly: true } field } => Initializer(field),
                ILocalReferenceOperation local => _scan.Body(local).SingleValue(local.Local),
                _ => null,
            };

            return value is null ? null : StripValuePreserving(value) switch
            {
                IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
                IArrayInitializerOperation initializer => initializer.ElementValues,
                _ => null,
            };
        }

        private NumericConstant? Fold(IBinaryOperation binary, char op, int depth)
        {
            NumericConstant? left = Evaluate(binary.LeftOperand, depth + 1);
            NumericConstant? right = left is null ? null : Evaluate(binary.RightOperand, depth + 1);
            if (left is null || right is null)
            {
                return null;
            }

            NumericConstant? folded = NumericConstant.Fold(left, op, right);
            bool integral = binary.Type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_UInt32 or SpecialType.System_UInt64;
            return folded is not null && integral && op == '/' ? NumericConstant.From(Math.Truncate(folded.Value)) : folded;
        }

        private NumericConstant? Element(IArrayElementReferenceOperation element, int depth)
        {
            NumericConstant? index = Evaluate(element.Indices[0], depth + 1);
            IReadOnlyList<IOperation>? elements = index is null ? null : ArrayElements(element.ArrayReference, depth + 1);
            if (index is null || elements is null || index.Value < 0 || index.Value >= elements.Count || index.Value != Math.Floor(index.Value))
            {
                return null;
            }

            return Evaluate(elements[(int)index.Value], depth + 1);
        }

        /// <summary>
        /// A member of an object or tuple that is itself fixed in the code: <c>DepthScaler.Mean</c> where
        /// <c>static readonly Scaler DepthScaler = new Scaler { Mean = 61.74, … }</c>, <c>new ZParams(61.74, 1.43)</c> (the
        /// constructor argument named like the member), or <c>(Mean: 61.74, Std: 1.43)</c>. The member must not be
        /// settable after construction.
        /// </summary>
        private NumericConstant? HeldBy(IMemberReferenceOperation reference, int depth)
        {
            bool tupleElement = reference.Member is IFieldSymbol { ContainingType.IsTupleType: true };
            bool fixedAfterConstruction = reference.Member switch
            {
                IPropertySymbol property => property.SetMethod is null || property.SetMethod.IsInitOnly,
                IFieldSymbol field => field.IsReadOnly || tupleElement,
                _ => false,
            };
            if (reference.Instance is null || !fixedAfterConstruction)
            {
                return null;
            }

            IOperation? holder = StripValuePreserving(reference.Instance) switch
            {
                IFieldReferenceOperation { Field: { IsReadOnly: true } field } => Initializer(field),
                IPropertyReferenceOperation { Property: { } property } => Initializer(property),
                ILocalReferenceOperation local => _scan.Body(local).SingleValue(local.Local),
                _ => null,
            };

            switch (holder is null ? null : StripValuePreserving(holder))
            {
                case IObjectCreationOperation creation:
                    foreach (IOperation initializer in creation.Initializer?.Initializers ?? ImmutableArray<IOperation>.Empty)
                    {
                        if (initializer is ISimpleAssignmentOperation { Target: IMemberReferenceOperation target } assignment &&
                            SymbolEqualityComparer.Default.Equals(target.Member, reference.Member))
                        {
                            return Evaluate(assignment.Value, depth + 1);
                        }
                    }

                    IArgumentOperation? named = creation.Arguments.FirstOrDefault(a => string.Equals(a.Parameter?.Name, reference.Member.Name, StringComparison.OrdinalIgnoreCase));
                    return named is null ? null : Evaluate(named.Value, depth + 1);
                case ITupleOperation tuple when tupleElement:
                    var field = (IFieldSymbol)reference.Member;
                    ImmutableArray<IFieldSymbol> elements = field.ContainingType.TupleElements;
                    for (int i = 0; i < elements.Length && i < tuple.Elements.Length; i++)
                    {
                        if (SymbolEqualityComparer.Default.Equals(elements[i], field) || SymbolEqualityComparer.Default.Equals(elements[i].CorrespondingTupleField, field.CorrespondingTupleField))
                        {
                            return Evaluate(tuple.Elements[i], depth + 1);
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }

        /// <summary>A readonly field's or get-only property's initializer, cached per symbol.</summary>
        private NumericConstant? Member(ISymbol member, int depth)
        {
            if (_scan.TryGetConstant(member, out NumericConstant? known))
            {
                return known;
            }

            IOperation? initializer = member switch
            {
                IFieldSymbol { IsReadOnly: true } or IFieldSymbol { IsConst: true } => Initializer((IFieldSymbol)member),
                IPropertySymbol property => Initializer(property),
                _ => null,
            };

            _scan.Work?.InitializerRead();
            bool cutShortBefore = _cutShort;
            _cutShort = false;
            NumericConstant? value = initializer is null ? null : Evaluate(initializer, depth + 1);
            if (!_cutShort)
            {
                _scan.RememberConstant(member, value);
            }

            _cutShort |= cutShortBefore;
            return value;
        }

        private IOperation? Initializer(IFieldSymbol field)
        {
            foreach (SyntaxReference reference in field.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer: { } initializer })
                {
                    return _scan.Operation(initializer.Value, _cancellationToken);
                }
            }

            return null;
        }

        private IOperation? Initializer(IPropertySymbol property)
        {
            if (property.IsIndexer || property.SetMethod is not null)
            {
                return null;
            }

            foreach (SyntaxReference reference in property.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is not PropertyDeclarationSyntax declaration)
                {
                    continue;
                }

                // public static double Mean => 0.79;  public static double Mean { get; } = 0.79;  { get => 0.79; }
                ExpressionSyntax? expression = declaration.ExpressionBody?.Expression ?? declaration.Initializer?.Value;
                if (expression is null && declaration.AccessorList?.Accessors is { Count: 1 } accessors)
                {
                    expression = accessors[0].ExpressionBody?.Expression;
                }

                return expression is null ? null : _scan.Operation(expression, _cancellationToken);
            }

            return null;
        }

        /// <summary>Looks through parentheses and conversions that keep the number (to a wider or a floating type).</summary>
        public static IOperation StripValuePreserving(IOperation operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IParenthesizedOperation parenthesized:
                        operation = parenthesized.Operand;
                        continue;
                    case IConversionOperation conversion when conversion.OperatorMethod is null &&
                        (conversion.IsImplicit || conversion.Type?.SpecialType is SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Decimal):
                        operation = conversion.Operand;
                        continue;
                    default:
                        return operation;
                }
            }
        }

        private static char? Symbol(BinaryOperatorKind kind) => kind switch
        {
            BinaryOperatorKind.Add => '+',
            BinaryOperatorKind.Subtract => '-',
            BinaryOperatorKind.Multiply => '*',
            BinaryOperatorKind.Divide => '/',
            _ => null,
        };
    }
}
