using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NormGuard.Generators.Model;
using NormGuard.Manifests;

namespace NormGuard.Generators.Parsing
{
    /// <summary>Turns a <c>[FeatureSet]</c> type into a <see cref="FeatureSetSpec"/>: plain data, no symbols.</summary>
    internal static class FeatureSetParser
    {
        private const string Ns = "NormGuard.";

        public static FeatureSetSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
            context.TargetSymbol is INamedTypeSymbol type && context.Attributes.Length > 0
                ? Parse(type, context.Attributes[0], cancellationToken)
                : null;

        /// <summary>The same model from a symbol, for analyzers.</summary>
        public static FeatureSetSpec Parse(INamedTypeSymbol type, AttributeData attribute, CancellationToken cancellationToken)
        {
            string name = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string n ? n : string.Empty;
            int version = 0;
            string? manifest = null;
            string? profilePin = null;
            string? model = null;
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                switch (argument.Key)
                {
                    case "Version" when argument.Value.Value is int v:
                        version = v;
                        break;
                    case "Manifest" when argument.Value.Value is string m:
                        manifest = m;
                        break;
                    case "Profile" when argument.Value.Value is int p:
                        profilePin = ProfileName(p);
                        break;
                    case "Model" when argument.Value.Value is string artifact:
                        model = artifact;
                        break;
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            TypeSpec typeSpec = ParseType(type);
            List<MemberSpec> members = ParseMembers(type, cancellationToken);
            return new FeatureSetSpec(typeSpec, name, string.IsNullOrEmpty(manifest) ? name + ".normguard.json" : manifest!, LocationInfo.From(type.Locations.FirstOrDefault()))
            {
                VersionPin = version,
                ProfilePin = profilePin,
                ModelArtifact = model,
                Members = new EquatableArray<MemberSpec>(members.ToArray()),
                HasFlatFloatLayout = HasFlatFloatLayout(type, members),
            };
        }

        private static string ProfileName(int value) => value switch
        {
            1 => "sklearn",
            2 => "onnx",
            3 => "mlnet",
            4 => "spark",
            _ => "normguard",
        };

        private static TypeSpec ParseType(INamedTypeSymbol type)
        {
            var containing = new List<ContainingTypeSpec>();
            bool partial = IsPartial(type);
            for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                containing.Insert(0, new ContainingTypeSpec(Keyword(outer), outer.Name));
                partial &= IsPartial(outer);
            }

            return new TypeSpec(
                type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
                type.Name,
                Keyword(type),
                type.IsValueType)
            {
                ContainingTypes = new EquatableArray<ContainingTypeSpec>(containing.ToArray()),
                IsPartial = partial,
                IsGeneric = type.IsGenericType || containing.Count > 0 && type.ContainingType!.IsGenericType,
                IsReadOnly = type.IsReadOnly,
                PositionalParameterCount = PrimaryConstructor(type)?.Parameters.Length ?? -1,
            };
        }

        private static string Keyword(INamedTypeSymbol type) =>
            type.IsRecord ? (type.IsValueType ? "record struct" : "record") : type.TypeKind == TypeKind.Struct ? "struct" : type.TypeKind == TypeKind.Interface ? "interface" : "class";

        private static bool IsPartial(INamedTypeSymbol type) =>
            type.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

        private static IMethodSymbol? PrimaryConstructor(INamedTypeSymbol type)
        {
            if (!type.IsRecord)
            {
                return null;
            }

            foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is RecordDeclarationSyntax { ParameterList: { } parameters })
                {
                    return type.InstanceConstructors.FirstOrDefault(c =>
                        c.Parameters.Length == parameters.Parameters.Count &&
                        c.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == reference.SyntaxTree && r.Span == reference.Span));
                }
            }

            return null;
        }

        private static List<MemberSpec> ParseMembers(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            IMethodSymbol? primary = PrimaryConstructor(type);
            var members = new List<MemberSpec>();
            foreach (ISymbol symbol in type.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (symbol.IsStatic)
                {
                    continue;
                }

                ITypeSymbol memberType;
                bool canSet;
                bool required;
                if (symbol is IPropertySymbol property && !property.IsIndexer && property.Name != "EqualityContract")
                {
                    memberType = property.Type;
                    canSet = property.SetMethod is not null;
                    required = property.IsRequired;
                }
                else if (symbol is IFieldSymbol field && !field.IsConst && !field.IsImplicitlyDeclared)
                {
                    memberType = field.Type;
                    canSet = !field.IsReadOnly;
                    required = field.IsRequired;
                }
                else
                {
                    continue;
                }

                IParameterSymbol? parameter = primary?.Parameters.FirstOrDefault(p => p.Name == symbol.Name);
                if (symbol.IsImplicitlyDeclared && parameter is null)
                {
                    continue;
                }

                var attributes = symbol.GetAttributes().ToList();
                if (parameter is not null)
                {
                    attributes.AddRange(parameter.GetAttributes());
                }

                members.Add(ParseMember(symbol, memberType, canSet, required, attributes, parameter is null ? -1 : parameter.Ordinal));
            }

            return members;
        }

        private static MemberSpec ParseMember(ISymbol symbol, ITypeSymbol memberType, bool canSet, bool required, List<AttributeData> attributes, int constructorIndex)
        {
            string featureName = symbol.Name;
            bool ignored = false;
            bool categorical = false;
            var steps = new List<StepSpec>();
            EmbeddingSpec? embedding = null;
            foreach (AttributeData attribute in attributes)
            {
                string? attributeName = attribute.AttributeClass?.ToDisplayString();
                if (attributeName is null || !attributeName.StartsWith(Ns, System.StringComparison.Ordinal))
                {
                    continue;
                }

                LocationInfo? location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation());
                switch (attributeName.Substring(Ns.Length))
                {
                    case "FeatureNameAttribute" when Argument(attribute, 0) is string feature:
                        featureName = feature;
                        break;
                    case "IgnoreAttribute":
                        ignored = true;
                        break;
                    case "CategoricalAttribute":
                        categorical = true;
                        break;
                    case "ZScoreAttribute":
                        steps.Add(new StepSpec(StepKind.ZScore, 0, 0, false, location));
                        break;
                    case "MinMaxAttribute":
                        steps.Add(new StepSpec(StepKind.MinMax, Number(attribute, 0, 0d), Number(attribute, 1, 1d), Named(attribute, "Clip") is true, location));
                        break;
                    case "MaxAbsAttribute":
                        steps.Add(new StepSpec(StepKind.MaxAbs, 0, 0, false, location));
                        break;
                    case "RobustAttribute":
                        steps.Add(new StepSpec(StepKind.Robust, Number(attribute, 0, 25d), Number(attribute, 1, 75d), false, location));
                        break;
                    case "Log1pAttribute":
                        steps.Add(new StepSpec(StepKind.Log1p, 0, 0, false, location));
                        break;
                    case "LogAttribute":
                        steps.Add(new StepSpec(StepKind.Log, 0, 0, false, location));
                        break;
                    case "ClipAttribute":
                        steps.Add(new StepSpec(StepKind.Clip, Number(attribute, 0, double.NegativeInfinity), Number(attribute, 1, double.PositiveInfinity), false, location));
                        break;
                    case "OneHotAttribute":
                        steps.Add(new StepSpec(StepKind.OneHot, 0, 0, Named(attribute, "Unknown") is 1, location));
                        break;
                    case "PassthroughAttribute":
                        steps.Add(new StepSpec(StepKind.Passthrough, 0, 0, false, location));
                        break;
                    case "L2NormalizeAttribute":
                        steps.Add(new StepSpec(StepKind.L2, Named(attribute, "Epsilon") is double epsilon ? epsilon : 0d, 0, false, location));
                        break;
                    case "CenterAttribute":
                        steps.Add(new StepSpec(StepKind.Center, 0, 0, false, location));
                        break;
                    case "PcaAttribute":
                        steps.Add(new StepSpec(StepKind.Pca, Number(attribute, 0, 0d), 0, Named(attribute, "Whiten") is true, location));
                        break;
                    case "TruncateAttribute":
                        steps.Add(new StepSpec(StepKind.Truncate, Number(attribute, 0, 0d), 0, false, location));
                        break;
                    case "EmbeddingAttribute":
                        embedding = new EmbeddingSpec(Argument(attribute, 0) as string ?? string.Empty, Argument(attribute, 1) is int dimension ? dimension : 0, location)
                        {
                            Model = Named(attribute, "Model") as string,
                            Revision = Named(attribute, "Revision") as string,
                        };
                        break;
                }
            }

            bool valueNullable = memberType is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable;
            ITypeSymbol underlying = valueNullable ? ((INamedTypeSymbol)memberType).TypeArguments[0] : memberType;
            // ReadOnlyMemory<float>? and Memory<float>? are vectors whose null is missing, as an empty memory is; an inline
            // array under Nullable<> is not one (it cannot be missing): NG0019 says so.
            (VectorContainer container, int inlineLength) = VectorShape(underlying);
            if (valueNullable && container == VectorContainer.InlineArray)
            {
                (container, inlineLength) = (VectorContainer.None, 0);
            }

            MemberKind kind = container == VectorContainer.None ? Classify(underlying) : MemberKind.Vector;
            return new MemberSpec(symbol.Name, featureName, memberType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), kind, LocationInfo.From(symbol.Locations.FirstOrDefault()))
            {
                UnderlyingTypeName = underlying.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                IsNullable = valueNullable || kind == MemberKind.String,
                IsValueNullable = valueNullable,
                IsDeclaredNullable = valueNullable || (kind is MemberKind.String or MemberKind.Vector && memberType.NullableAnnotation == NullableAnnotation.Annotated),
                IsIgnored = ignored,
                IsCategorical = categorical,
                CanSet = canSet,
                IsRequired = required,
                ConstructorIndex = constructorIndex,
                Steps = new EquatableArray<StepSpec>(steps.ToArray()),
                EnumMembers = kind == MemberKind.Enum ? EnumMembers((INamedTypeSymbol)underlying) : EquatableArray<EnumMemberSpec>.Empty,
                Embedding = embedding,
                Container = container,
                InlineLength = inlineLength,
            };
        }

        /// <summary>Whether <paramref name="type"/> (the type under a Nullable wrapper) holds a float vector, and how.</summary>
        private static (VectorContainer Container, int InlineLength) VectorShape(ITypeSymbol type)
        {
            if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Single })
            {
                return (VectorContainer.Array, 0);
            }

            if (type is not INamedTypeSymbol named)
            {
                return (VectorContainer.None, 0);
            }

            if (named.IsGenericType && named.TypeArguments.Length == 1 && named.TypeArguments[0].SpecialType == SpecialType.System_Single
                && named.ContainingNamespace?.ToDisplayString() == "System")
            {
                switch (named.OriginalDefinition.MetadataName)
                {
                    case "ReadOnlyMemory`1":
                        return (VectorContainer.ReadOnlyMemory, 0);
                    case "Memory`1":
                        return (VectorContainer.Memory, 0);
                }
            }

            if (named.IsValueType)
            {
                AttributeData? inline = named.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "System.Runtime.CompilerServices.InlineArrayAttribute");
                var fields = named.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic && !f.IsConst).ToList();
                if (inline is not null && Argument(inline, 0) is int length && length > 0 && fields.Count == 1 && fields[0].Type.SpecialType == SpecialType.System_Single)
                {
                    return (VectorContainer.InlineArray, length);
                }
            }

            return (VectorContainer.None, 0);
        }

        private static MemberKind Classify(ITypeSymbol type)
        {
            if (type.TypeKind == TypeKind.Enum)
            {
                return MemberKind.Enum;
            }

            return type.SpecialType switch
            {
                SpecialType.System_Single => MemberKind.Float,
                SpecialType.System_Double => MemberKind.Double,
                SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16
                    or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64 => MemberKind.Integer,
                SpecialType.System_Decimal => MemberKind.Decimal,
                SpecialType.System_Boolean => MemberKind.Bool,
                SpecialType.System_Char => MemberKind.Char,
                SpecialType.System_String => MemberKind.String,
                _ => MemberKind.Other,
            };
        }

        private static EquatableArray<EnumMemberSpec> EnumMembers(INamedTypeSymbol enumType)
        {
            var result = new List<EnumMemberSpec>();
            foreach (IFieldSymbol field in enumType.GetMembers().OfType<IFieldSymbol>())
            {
                if (field.HasConstantValue && field.ConstantValue is not null)
                {
                    long value = field.ConstantValue is ulong u ? unchecked((long)u) : System.Convert.ToInt64(field.ConstantValue, System.Globalization.CultureInfo.InvariantCulture);
                    result.Add(new EnumMemberSpec(field.Name, value));
                }
            }

            return new EquatableArray<EnumMemberSpec>(result.ToArray());
        }

        private static bool HasFlatFloatLayout(INamedTypeSymbol type, List<MemberSpec> members)
        {
            if (!type.IsValueType || type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.Runtime.InteropServices.StructLayoutAttribute"))
            {
                return false;
            }

            var fields = type.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic && !f.IsConst).ToList();
            var features = members.Where(m => m.IsFeature).ToList();
            if (fields.Count == 0 || fields.Count != features.Count || features.Count != members.Count)
            {
                return false;
            }

            for (int i = 0; i < fields.Count; i++)
            {
                string owner = fields[i].AssociatedSymbol?.Name ?? fields[i].Name;
                if (fields[i].Type.SpecialType != SpecialType.System_Single || owner != features[i].Name)
                {
                    return false;
                }
            }

            return true;
        }

        private static object? Argument(AttributeData attribute, int index) =>
            attribute.ConstructorArguments.Length > index ? attribute.ConstructorArguments[index].Value : null;

        private static double Number(AttributeData attribute, int index, double fallback) =>
            Argument(attribute, index) switch
            {
                double d => d,
                float f => f,
                int i => i,
                long l => l,
                _ => fallback,
            };

        private static object? Named(AttributeData attribute, string name)
        {
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key == name)
                {
                    return argument.Value.Value;
                }
            }

            return null;
        }
    }
}
