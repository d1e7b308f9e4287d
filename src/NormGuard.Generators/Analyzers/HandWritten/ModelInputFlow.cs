using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NormGuard.Generators.Analyzers.HandWritten
{
    /// <summary>
    /// Whether a value reaches a model's input within its body: stored in an array or span, or a member, that is then
    /// handed to ML.NET or ONNX Runtime (any <c>Microsoft.ML*</c> API: <c>PredictionEngine.Predict</c>,
    /// <c>InferenceSession.Run</c>, tensor constructors), to any method named <c>Predict</c>, or to a feature set's
    /// <c>Normalize</c> as its destination; or stored in a member that carries ML.NET column attributes
    /// (<c>[LoadColumn]</c>, <c>[ColumnName]</c>, <c>[VectorType]</c>).
    /// </summary>
    /// <remarks>
    /// Followed: assignments, array and object initializers, locals (every read), arguments. Not followed: fields,
    /// parameters and return values, since what happens to them is decided in other methods.
    /// </remarks>
    internal sealed class ModelInputFlow
    {
        private const int MaxHops = 8;

        private readonly HandWrittenScan _scan;
        private readonly HashSet<ILocalSymbol> _visited = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);

        private ModelInputFlow(HandWrittenScan scan)
        {
            _scan = scan;
        }

        /// <summary>The model input the value reaches ("PredictionEngine.Predict", "HouseInput.Features"), or null.</summary>
        public static string? Find(IOperation value, HandWrittenScan scan)
        {
            scan.Work?.FlowFollowed();
            return new ModelInputFlow(scan).Sink(value, 0);
        }

        private string? Sink(IOperation value, int hops)
        {
            if (hops > MaxHops)
            {
                return null;
            }

            IOperation operation = value;
            while (operation.Parent is IConversionOperation or IParenthesizedOperation)
            {
                operation = operation.Parent;
            }

            switch (operation.Parent)
            {
                case ISimpleAssignmentOperation assignment when assignment.Value == operation:
                    return Target(assignment, hops);
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return Local(declarator.Symbol, declarator, hops);
                case IArrayInitializerOperation initializer:
                    IOperation? creation = initializer.Parent;
                    while (creation is IArrayInitializerOperation)
                    {
                        creation = creation.Parent;
                    }

                    return creation is IArrayCreationOperation ? Sink(creation, hops + 1) : null;
                case IArgumentOperation argument:
                    IMethodSymbol? method = argument.Parent switch
                    {
                        IInvocationOperation invocation => invocation.TargetMethod,
                        IObjectCreationOperation created => created.Constructor,
                        _ => null,
                    };
                    if (method is null)
                    {
                        return null;
                    }

                    if (IsModelApi(method))
                    {
                        // Named after the receiver's type: PredictionEngine.Predict, though Predict is declared on its base.
                        string type = (argument.Parent as IInvocationOperation)?.Instance?.Type?.Name ?? method.ContainingType.Name;
                        return method.MethodKind == MethodKind.Constructor ? type : type + "." + method.Name;
                    }

                    // features.AsSpan(), AsMemory(), ToArray(): the same numbers under another type.
                    return method.Name is "AsSpan" or "AsMemory" or "ToArray" ? Sink(argument.Parent!, hops + 1) : null;
                case IInvocationOperation { TargetMethod.Name: "AsSpan" or "AsMemory" or "ToArray" } view when view.Instance == operation:
                    return Sink(view, hops + 1);
                default:
                    return null;
            }
        }

        private string? Target(ISimpleAssignmentOperation assignment, int hops)
        {
            switch (assignment.Target)
            {
                case IArrayElementReferenceOperation element:
                    return Container(element.ArrayReference, hops);
                case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance }:
                    return Container(instance, hops);
                case IMemberReferenceOperation member:
                    if (HasColumnAttribute(member.Member))
                    {
                        return member.Member.ContainingType.Name + "." + member.Member.Name;
                    }

                    // new ModelInput { Features = … }: the object carries the value on.
                    return assignment.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation creation } ? Sink(creation, hops + 1) : null;
                case ILocalReferenceOperation local:
                    return Local(local.Local, local, hops);
                default:
                    return null;
            }
        }

        /// <summary>Where an array, span or object written element by element (or member by member) goes.</summary>
        private string? Container(IOperation container, int hops)
        {
            while (container is IConversionOperation or IParenthesizedOperation)
            {
                container = ((container as IConversionOperation)?.Operand ?? (container as IParenthesizedOperation)?.Operand)!;
            }

            switch (container)
            {
                case ILocalReferenceOperation local:
                    return Local(local.Local, local, hops);
                case IMemberReferenceOperation member when HasColumnAttribute(member.Member):
                    return member.Member.ContainingType.Name + "." + member.Member.Name;
                case IMemberReferenceOperation { Instance: ILocalReferenceOperation owner }:
                    return Local(owner.Local, owner, hops);
                default:
                    return null;
            }
        }

        private string? Local(ILocalSymbol local, IOperation inBody, int hops)
        {
            if (!_visited.Add(local))
            {
                return null;
            }

            foreach (ILocalReferenceOperation read in _scan.Body(inBody).Reads(local))
            {
                if (Sink(read, hops + 1) is { } sink)
                {
                    return sink;
                }
            }

            return null;
        }

        private static bool IsModelApi(IMethodSymbol method)
        {
            if (method.Name is "Predict" or "PredictAsync")
            {
                return true;
            }

            string ns = method.ContainingType?.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            if (ns == "Microsoft.ML" || ns.StartsWith("Microsoft.ML.", StringComparison.Ordinal))
            {
                return true;
            }

            // A feature set's generated Normalize(destination) or NormGuard's Normalizer: hand-written columns patched in.
            return method.Name is "Normalize" or "NormalizeBatch" &&
                   (ns == "NormGuard" || (method.ContainingType?.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == NormGuardGenerator.FeatureSetAttribute) ?? false));
        }

        private static bool HasColumnAttribute(ISymbol member) =>
            member.GetAttributes().Any(a => a.AttributeClass?.ContainingNamespace?.ToDisplayString() == "Microsoft.ML.Data");
    }
}
