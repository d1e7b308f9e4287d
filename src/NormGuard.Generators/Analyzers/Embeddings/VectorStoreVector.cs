using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NormGuard.Generators.Analyzers.Embeddings
{
    /// <summary>
    /// What a <c>Microsoft.Extensions.VectorData</c> vector attribute declares, read by metadata name (the analyzers take no
    /// VectorData dependency). Checked against the real attribute of 9.7.0, 10.5.2 and 11.0.0: one constructor taking the
    /// dimension (its parameter is <c>Dimensions</c> in 9.7.0, <c>dimensions</c> from 10 on), <c>DistanceFunction</c> a
    /// settable string property. The 9.x previews' <c>VectorStoreRecordVectorAttribute</c> (constructors with the distance
    /// function, a settable <c>Dimensions</c>) is read the same way: parameters and named arguments by name, case-insensitively.
    /// </summary>
    internal sealed record VectorStoreVector(int? Dimensions, Location? DimensionsLocation, string? DistanceFunction, Location? DistanceFunctionLocation, Location AttributeLocation)
    {
        private const string Namespace = "Microsoft.Extensions.VectorData";

        public static VectorStoreVector? Find(ISymbol property, CancellationToken cancellationToken)
        {
            AttributeData? attribute = property.GetAttributes().FirstOrDefault(IsVectorAttribute);
            if (attribute is null)
            {
                return null;
            }

            AttributeSyntax? syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
            Location attributeLocation = syntax?.GetLocation() ?? property.Locations.FirstOrDefault() ?? Location.None;
            int? dimensions = null;
            string? distance = null;
            Location? dimensionsLocation = null, distanceLocation = null;

            ImmutableArray<IParameterSymbol> parameters = attribute.AttributeConstructor?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty;
            for (int i = 0; i < attribute.ConstructorArguments.Length && i < parameters.Length; i++)
            {
                TypedConstant value = attribute.ConstructorArguments[i];
                if (Is(parameters[i].Name, "dimensions") && value.Value is int d)
                {
                    dimensions = d;
                    dimensionsLocation = Argument(syntax, i, parameters[i].Name);
                }
                else if (Is(parameters[i].Name, "distanceFunction") && value.Value is string f)
                {
                    distance = f;
                    distanceLocation = Argument(syntax, i, parameters[i].Name);
                }
            }

            foreach (var named in attribute.NamedArguments)
            {
                if (Is(named.Key, "Dimensions") && named.Value.Value is int d)
                {
                    dimensions = d;
                    dimensionsLocation = Named(syntax, named.Key);
                }
                else if (Is(named.Key, "DistanceFunction") && named.Value.Value is string f)
                {
                    distance = f;
                    distanceLocation = Named(syntax, named.Key);
                }
            }

            return new VectorStoreVector(dimensions, dimensionsLocation ?? attributeLocation, distance, distanceLocation ?? attributeLocation, attributeLocation);
        }

        private static bool IsVectorAttribute(AttributeData attribute) =>
            attribute.AttributeClass is { Name: "VectorStoreVectorAttribute" or "VectorStoreRecordVectorAttribute" } type &&
            type.ContainingNamespace?.ToDisplayString() == Namespace;

        private static bool Is(string name, string expected) => string.Equals(name, expected, StringComparison.OrdinalIgnoreCase);

        /// <summary>The i-th positional argument, or the one written as <c>name: value</c>.</summary>
        private static Location? Argument(AttributeSyntax? syntax, int index, string name)
        {
            if (syntax?.ArgumentList is not { } list)
            {
                return null;
            }

            AttributeArgumentSyntax? byName = list.Arguments.FirstOrDefault(a => a.NameColon is { } colon && Is(colon.Name.Identifier.ValueText, name));
            if (byName is not null)
            {
                return byName.GetLocation();
            }

            var positional = list.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
            return index < positional.Count ? positional[index].GetLocation() : null;
        }

        private static Location? Named(AttributeSyntax? syntax, string name) =>
            syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals is { } equals && Is(equals.Name.Identifier.ValueText, name))?.GetLocation();
    }
}
