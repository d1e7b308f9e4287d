using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NormGuard.Generators.Analyzers
{
    /// <summary>
    /// Whether a compilation fits a feature set (calls its generated <c>CreateFitter</c>) and whether it normalizes with
    /// it (any other generated member, or the type handed to generic code that requires <c>INormalizable&lt;T&gt;</c>).
    /// A training project that only fits builds without a manifest (NG0018); anything that normalizes needs one (NG0001).
    /// </summary>
    /// <remarks>
    /// Searched only for a feature set without a manifest, and only in trees that name its type or one of its generated
    /// members; a generic call whose type argument is inferred in a tree that names neither is not seen, which errs
    /// toward NG0001 unless the project also fits. Generated trees are skipped: they name every member.
    /// </remarks>
    internal sealed class FeatureSetUses
    {
        private static readonly string[] NormalizationMembers =
        {
            "Normalize", "NormalizeBatch", "Denormalize", "DenormalizeBatch", "ReadInputs", "Width", "InputCount", "FeatureSet",
        };

        private FeatureSetUses(bool fits, Location? normalization)
        {
            Fits = fits;
            Normalization = normalization;
        }

        /// <summary>The compilation calls the type's CreateFitter.</summary>
        public bool Fits { get; }

        /// <summary>The first place that normalizes with the type, or null.</summary>
        public Location? Normalization { get; }

        public static FeatureSetUses Find(Compilation compilation, INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            INamedTypeSymbol? normalizable = compilation.GetTypeByMetadataName("NormGuard.INormalizable`1");
            bool fits = false;
            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                if (IsGenerated(tree, cancellationToken))
                {
                    continue;
                }

                SemanticModel? model = null;
                foreach (SyntaxNode node in tree.GetRoot(cancellationToken).DescendantNodes())
                {
                    if (node is not SimpleNameSyntax name || !Candidate(name.Identifier.ValueText, type.Name))
                    {
                        continue;
                    }

                    model ??= compilation.GetSemanticModel(tree);
                    switch (Classify(model, name, type, normalizable, cancellationToken))
                    {
                        case Use.Fits:
                            fits = true;
                            break;
                        case Use.Normalizes:
                            return new FeatureSetUses(fits, name.GetLocation());
                    }
                }
            }

            return new FeatureSetUses(fits, null);
        }

        private enum Use
        {
            None,
            Fits,
            Normalizes,
        }

        private static bool Candidate(string text, string typeName) =>
            text == typeName || text == "CreateFitter" || Array.IndexOf(NormalizationMembers, text) >= 0 || text.StartsWith("Normalize", StringComparison.Ordinal);

        private static Use Classify(SemanticModel model, SimpleNameSyntax name, INamedTypeSymbol type, INamedTypeSymbol? normalizable, CancellationToken cancellationToken)
        {
            // The type as a type argument (DriftMonitor<Diamond>, Normalizer.Width<Diamond>()): what matters is the generic.
            if (name.Parent is TypeArgumentListSyntax { Parent: GenericNameSyntax generic })
            {
                return Symbol(model, generic, cancellationToken) is { } genericSymbol && RequiresNormalizable(genericSymbol, type, normalizable) ? Use.Normalizes : Use.None;
            }

            ISymbol? symbol = Symbol(model, name, cancellationToken);
            if (symbol is null)
            {
                return Use.None;
            }

            if (SymbolEqualityComparer.Default.Equals(symbol.ContainingType, type))
            {
                if (symbol.Name == "CreateFitter")
                {
                    return Use.Fits;
                }

                return Array.IndexOf(NormalizationMembers, symbol.Name) >= 0 ? Use.Normalizes : Use.None;
            }

            // Generic code that requires INormalizable<T>: Normalizer.NormalizeBatch<T>, DriftMonitor<T>, a user's helper.
            return RequiresNormalizable(symbol, type, normalizable) ? Use.Normalizes : Use.None;
        }

        private static ISymbol? Symbol(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
        {
            SymbolInfo info = model.GetSymbolInfo(node, cancellationToken);
            return info.Symbol ?? (info.CandidateSymbols.Length > 0 ? info.CandidateSymbols[0] : null);
        }

        private static bool RequiresNormalizable(ISymbol symbol, INamedTypeSymbol type, INamedTypeSymbol? normalizable)
        {
            if (normalizable is null)
            {
                return false;
            }

            (System.Collections.Immutable.ImmutableArray<ITypeSymbol> arguments, System.Collections.Immutable.ImmutableArray<ITypeParameterSymbol> parameters) = symbol switch
            {
                IMethodSymbol { IsGenericMethod: true } method => (method.TypeArguments, method.TypeParameters),
                INamedTypeSymbol { IsGenericType: true } named => (named.TypeArguments, named.TypeParameters),
                _ => (default, default),
            };

            if (arguments.IsDefault)
            {
                return false;
            }

            for (int i = 0; i < arguments.Length; i++)
            {
                if (!SymbolEqualityComparer.Default.Equals(arguments[i], type))
                {
                    continue;
                }

                foreach (ITypeSymbol constraint in parameters[i].ConstraintTypes)
                {
                    if (SymbolEqualityComparer.Default.Equals(constraint.OriginalDefinition, normalizable))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsGenerated(SyntaxTree tree, CancellationToken cancellationToken)
        {
            if (tree.FilePath.EndsWith(".g.cs", StringComparison.OrdinalIgnoreCase) || tree.FilePath.EndsWith(".generated.cs", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            foreach (SyntaxTrivia trivia in tree.GetRoot(cancellationToken).GetLeadingTrivia())
            {
                if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) && trivia.ToString().IndexOf("<auto-generated", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
