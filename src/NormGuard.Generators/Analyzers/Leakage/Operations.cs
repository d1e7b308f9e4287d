using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NormGuard.Generators.Analyzers.Leakage
{
    internal static class Operations
    {
        /// <summary>Strips conversions, parentheses, awaits and query syntax: what the value is made of.</summary>
        public static IOperation Unwrap(IOperation operation)
        {
            for (int i = 0; i < 16; i++)
            {
                switch (operation)
                {
                    case IConversionOperation conversion:
                        operation = conversion.Operand;
                        break;
                    case IParenthesizedOperation parenthesized:
                        operation = parenthesized.Operand;
                        break;
                    case IAwaitOperation awaited:
                        operation = awaited.Operation;
                        break;
                    case ITranslatedQueryOperation query:
                        operation = query.Operation; // from r in rows where … select r: the Where call it stands for
                        break;
                    default:
                        return operation;
                }
            }

            return operation;
        }

        /// <summary>The innermost local function or lambda an operation is in; null in the method's own body.</summary>
        public static IOperation? EnclosingFunction(IOperation operation)
        {
            for (IOperation? parent = operation.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is ILocalFunctionOperation or IAnonymousFunctionOperation)
                {
                    return parent;
                }
            }

            return null;
        }

        /// <summary>The variable an assignment writes: a local, a parameter, or a field or property of this type (static or <c>this.</c>).</summary>
        public static ISymbol? Target(IOperation? target)
        {
            switch (target)
            {
                case IDeclarationExpressionOperation declaration:
                    return Target(declaration.Expression);
                case ILocalReferenceOperation local:
                    return local.Local;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter.OriginalDefinition;
                case IMemberReferenceOperation member when member is IFieldReferenceOperation or IPropertyReferenceOperation { Arguments.Length: 0 }:
                    return member.Instance is null || member.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }
                        ? member.Member.OriginalDefinition
                        : null;
                default:
                    return null;
            }
        }

        /// <summary>The variable a value is stored in: <c>var model = pipeline.Fit(data)</c> → <c>model</c>.</summary>
        public static ISymbol? AssignedTo(IOperation value)
        {
            IOperation current = value;
            while (current.Parent is IConversionOperation or IParenthesizedOperation)
            {
                current = current.Parent;
            }

            return current.Parent switch
            {
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
                ISimpleAssignmentOperation assignment when assignment.Value == current => Target(assignment.Target),
                _ => null,
            };
        }

        /// <summary>The lambda an argument passes, if it passes one.</summary>
        public static IAnonymousFunctionOperation? Lambda(IOperation value)
        {
            IOperation unwrapped = Unwrap(value);
            return unwrapped switch
            {
                IAnonymousFunctionOperation lambda => lambda,
                IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } => lambda,
                _ => null,
            };
        }

        /// <summary>Short source text for a message: whitespace collapsed, at most 60 characters.</summary>
        public static string Display(IOperation operation)
        {
            string text = operation.Syntax.ToString();
            var builder = new System.Text.StringBuilder(text.Length);
            bool space = false;
            foreach (char c in text)
            {
                if (char.IsWhiteSpace(c))
                {
                    space = builder.Length > 0;
                    continue;
                }

                if (space && c != '.' && c != ')' && builder[builder.Length - 1] != '.' && builder[builder.Length - 1] != '(')
                {
                    builder.Append(' ');
                }

                space = false;
                builder.Append(c);
            }

            return builder.Length <= 60 ? builder.ToString() : builder.ToString(0, 57) + "...";
        }
    }
}
