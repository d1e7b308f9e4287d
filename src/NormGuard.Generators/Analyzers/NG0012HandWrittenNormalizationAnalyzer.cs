using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using NormGuard.Generators.Diagnostics;

namespace NormGuard.Generators.Analyzers
{
    /// <summary>
    /// NG0012: arithmetic that subtracts, divides or multiplies a scaled feature member by constants —
    /// <c>(d.Carat - 0.79f) / 0.47f</c> — outside generated code: parameters copied by hand go stale the day the
    /// manifest is refitted. Reported once, at the outermost such expression.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class HandWrittenNormalizationAnalyzer : DiagnosticAnalyzer
    {
        private static readonly string[] ScalingAttributes =
        {
            "NormGuard.ZScoreAttribute", "NormGuard.MinMaxAttribute", "NormGuard.MaxAbsAttribute", "NormGuard.RobustAttribute",
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.HandWritten);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                INamedTypeSymbol? featureSet = start.Compilation.GetTypeByMetadataName(NormGuardGenerator.FeatureSetAttribute);
                if (featureSet is null)
                {
                    return;
                }

                start.RegisterOperationAction(operation => Analyze(operation, featureSet), OperationKind.Binary);
            });
        }

        private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol featureSet)
        {
            var binary = (IBinaryOperation)context.Operation;
            if (IsHandNormalization(Parent(binary)) || !IsHandNormalization(binary) || FeatureMember(binary) is not { } member)
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.HandWritten,
                binary.Syntax.GetLocation(),
                member.Name,
                binary.Syntax.ToString(),
                member.ContainingType.Name));

            // member − c, member / c, member · c, c − member, c · member; and + c only on top of one of those (x·k + b).
            bool IsHandNormalization(IOperation? operation) => operation switch
            {
                IBinaryOperation b when b.OperatorKind is BinaryOperatorKind.Subtract or BinaryOperatorKind.Divide or BinaryOperatorKind.Multiply =>
                    (IsFeatureSide(b.LeftOperand) && IsConstant(b.RightOperand)) || (IsFeatureSide(b.RightOperand) && IsConstant(b.LeftOperand) && b.OperatorKind != BinaryOperatorKind.Divide),
                IBinaryOperation b when b.OperatorKind == BinaryOperatorKind.Add =>
                    (IsHandNormalization(Strip(b.LeftOperand)) && IsConstant(b.RightOperand)) || (IsHandNormalization(Strip(b.RightOperand)) && IsConstant(b.LeftOperand)),
                _ => false,
            };

            bool IsFeatureSide(IOperation operation)
            {
                operation = Strip(operation);
                return IsHandNormalization(operation) || ScaledMember(operation, featureSet) is not null;
            }

            ISymbol? FeatureMember(IOperation operation)
            {
                operation = Strip(operation);
                return ScaledMember(operation, featureSet) ?? (operation is IBinaryOperation b ? FeatureMember(b.LeftOperand) ?? FeatureMember(b.RightOperand) : null);
            }
        }

        private static IOperation? Parent(IOperation operation)
        {
            IOperation? parent = operation.Parent;
            while (parent is IConversionOperation or IParenthesizedOperation)
            {
                parent = parent.Parent;
            }

            return parent;
        }

        private static IOperation Strip(IOperation operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            while (operation is IParenthesizedOperation parenthesized)
            {
                operation = Strip(parenthesized.Operand);
            }

            return operation;
        }

        private static bool IsConstant(IOperation operation) =>
            Strip(operation).ConstantValue is { HasValue: true, Value: double or float or int or long or decimal };

        /// <summary>A field or property of a [FeatureSet] type that carries a fitted scaling step.</summary>
        private static ISymbol? ScaledMember(IOperation operation, INamedTypeSymbol featureSet)
        {
            ISymbol? member = operation switch
            {
                IPropertyReferenceOperation property => property.Property,
                IFieldReferenceOperation field => field.Field,
                _ => null,
            };
            if (member?.ContainingType is not { } type || !type.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, featureSet)))
            {
                return null;
            }

            ImmutableArray<AttributeData> attributes = member.GetAttributes();
            if (attributes.IsEmpty && type.IsRecord)
            {
                // A positional record's parameter attributes stay on the parameter.
                attributes = type.InstanceConstructors.SelectMany(c => c.Parameters).FirstOrDefault(p => p.Name == member.Name)?.GetAttributes() ?? attributes;
            }

            return attributes.Any(a => ScalingAttributes.Contains(a.AttributeClass?.ToDisplayString())) ? member : null;
        }
    }
}
