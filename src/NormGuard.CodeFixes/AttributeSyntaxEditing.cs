using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace NormGuard.CodeFixes
{
    /// <summary>
    /// Adding, replacing and removing attributes on a feature member (a property, a field or a positional record
    /// parameter) without disturbing its layout: comments and indentation stay where they were.
    /// </summary>
    internal static class AttributeSyntaxEditing
    {
        private const string NormGuardNamespace = "NormGuard";
        private const string StepBaseType = "NormGuard.NormalizationStepAttribute";

        /// <summary>The member declaration an attribute list belongs to, when it is one NormGuard reads.</summary>
        public static SyntaxNode? MemberOf(AttributeSyntax attribute) =>
            attribute.Parent?.Parent is PropertyDeclarationSyntax or FieldDeclarationSyntax or ParameterSyntax
                ? attribute.Parent.Parent
                : null;

        public static SyntaxList<AttributeListSyntax> AttributeLists(SyntaxNode member) => member switch
        {
            MemberDeclarationSyntax declaration => declaration.AttributeLists,
            ParameterSyntax parameter => parameter.AttributeLists,
            _ => default,
        };

        public static SyntaxNode WithAttributeLists(SyntaxNode member, SyntaxList<AttributeListSyntax> lists) => member switch
        {
            MemberDeclarationSyntax declaration => declaration.WithAttributeLists(lists),
            ParameterSyntax parameter => parameter.WithAttributeLists(lists),
            _ => throw new ArgumentException("Not a member declaration.", nameof(member)),
        };

        public static string MemberName(SyntaxNode member) => member switch
        {
            PropertyDeclarationSyntax property => property.Identifier.ValueText,
            FieldDeclarationSyntax field => field.Declaration.Variables.FirstOrDefault()?.Identifier.ValueText ?? string.Empty,
            ParameterSyntax parameter => parameter.Identifier.ValueText,
            _ => string.Empty,
        };

        public static TypeSyntax? MemberType(SyntaxNode member) => member switch
        {
            PropertyDeclarationSyntax property => property.Type,
            FieldDeclarationSyntax field => field.Declaration.Type,
            ParameterSyntax parameter => parameter.Type,
            _ => null,
        };

        /// <summary>The attribute class an attribute applies, also when its arguments do not bind.</summary>
        public static INamedTypeSymbol? AttributeClass(SemanticModel model, AttributeSyntax attribute, CancellationToken cancellationToken)
        {
            SymbolInfo info = model.GetSymbolInfo(attribute, cancellationToken);
            ISymbol? symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
            return symbol switch
            {
                IMethodSymbol constructor => constructor.ContainingType,
                INamedTypeSymbol type => type,
                _ => null,
            };
        }

        /// <summary>The NormGuard step an attribute class is (<c>ZScore</c>, <c>OneHot</c>...), or null.</summary>
        public static string? StepName(INamedTypeSymbol? attributeClass) =>
            attributeClass?.BaseType?.ToDisplayString() == StepBaseType ? TrimSuffix(attributeClass.Name) : null;

        public static bool IsNormGuardAttribute(INamedTypeSymbol? attributeClass, string name) =>
            attributeClass is { } type && type.Name == name + "Attribute" && type.ContainingNamespace?.ToDisplayString() == NormGuardNamespace;

        /// <summary>
        /// <c>[Name]</c> as a fully qualified name that the code action's simplification reduces to <c>Name</c> wherever
        /// <c>using NormGuard;</c> is in scope (and leaves qualified, so still correct, where it is not).
        /// </summary>
        public static AttributeSyntax NewAttribute(string name) =>
            SyntaxFactory.Attribute(SyntaxFactory.ParseName("global::" + NormGuardNamespace + "." + name).WithAdditionalAnnotations(Simplifier.Annotation));

        /// <summary>
        /// Rewrites the attributes of <paramref name="member"/>: <paramref name="replacements"/> maps attributes to their
        /// replacements, a null replacement removes the attribute, and a list left empty is removed with its brackets,
        /// its leading trivia (indentation, comments) passing to what follows.
        /// </summary>
        public static SyntaxNode Rewrite(SyntaxNode member, IReadOnlyDictionary<AttributeSyntax, AttributeSyntax?> replacements)
        {
            var lists = new List<AttributeListSyntax>();
            SyntaxTriviaList? pendingLeading = null;
            bool pendingOnOwnLine = false;
            foreach (AttributeListSyntax list in AttributeLists(member))
            {
                AttributeListSyntax? rewritten = RewriteList(list, replacements);
                if (rewritten is null)
                {
                    pendingLeading ??= list.GetLeadingTrivia();
                    pendingOnOwnLine = list.GetTrailingTrivia().Any(SyntaxKind.EndOfLineTrivia);
                    continue;
                }

                if (pendingLeading is { } leading)
                {
                    rewritten = rewritten.WithLeadingTrivia(Merge(leading, rewritten.GetLeadingTrivia(), pendingOnOwnLine));
                    pendingLeading = null;
                }

                lists.Add(rewritten);
            }

            SyntaxNode result = WithAttributeLists(member, SyntaxFactory.List(lists));
            if (pendingLeading is { } trailingRun)
            {
                SyntaxToken next = FirstTokenAfterAttributes(result);
                result = result.ReplaceToken(next, next.WithLeadingTrivia(Merge(trailingRun, next.LeadingTrivia, pendingOnOwnLine)));
            }

            return result;
        }

        /// <summary>
        /// Adds <c>[Name]</c> (<c>[property: Name]</c> with <paramref name="propertyTarget"/>) as a list of its own right
        /// before the member's modifiers and type, on the line where they are, so it reads like the other step attributes.
        /// </summary>
        public static SyntaxNode Add(SyntaxNode member, string name, bool propertyTarget)
        {
            // Tokens with exact trivia: elastic trivia would let the code action's formatting move the list to a line of
            // its own and squeeze the space between neighbouring lists.
            SyntaxToken next = FirstTokenAfterAttributes(member);
            AttributeTargetSpecifierSyntax? targetSpecifier = !propertyTarget
                ? null
                : SyntaxFactory.AttributeTargetSpecifier(
                    SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.PropertyKeyword, SyntaxFactory.TriviaList()),
                    SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.ColonToken, SyntaxFactory.TriviaList(SyntaxFactory.Space)));
            AttributeListSyntax list = SyntaxFactory.AttributeList(
                SyntaxFactory.Token(next.LeadingTrivia, SyntaxKind.OpenBracketToken, SyntaxFactory.TriviaList()),
                targetSpecifier,
                SyntaxFactory.SingletonSeparatedList(NewAttribute(name)),
                SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.CloseBracketToken, SyntaxFactory.TriviaList(SyntaxFactory.Space)));
            SyntaxNode stripped = member.ReplaceToken(next, next.WithLeadingTrivia(SyntaxFactory.TriviaList()));
            return WithAttributeLists(stripped, AttributeLists(stripped).Add(list));
        }

        private static AttributeListSyntax? RewriteList(AttributeListSyntax list, IReadOnlyDictionary<AttributeSyntax, AttributeSyntax?> replacements)
        {
            if (!list.Attributes.Any(replacements.ContainsKey))
            {
                return list;
            }

            SeparatedSyntaxList<AttributeSyntax> attributes = list.Attributes;
            for (int i = attributes.Count - 1; i >= 0; i--)
            {
                if (!replacements.TryGetValue(list.Attributes[i], out AttributeSyntax? replacement))
                {
                    continue;
                }

                attributes = replacement is null
                    ? attributes.RemoveAt(i)
                    : attributes.Replace(attributes[i], replacement.WithTriviaFrom(attributes[i]));
            }

            return attributes.Count == 0 ? null : list.WithAttributes(attributes);
        }

        private static SyntaxToken FirstTokenAfterAttributes(SyntaxNode member)
        {
            SyntaxList<AttributeListSyntax> lists = AttributeLists(member);
            return lists.Count == 0 ? member.GetFirstToken() : lists.Last().GetLastToken().GetNextToken();
        }

        /// <summary>What precedes a removed run of attribute lists now precedes the token after it; when the run had
        /// lines of its own, that token's own indentation is dropped (the run's first line already has it).</summary>
        private static SyntaxTriviaList Merge(SyntaxTriviaList removedLeading, SyntaxTriviaList nextLeading, bool removedOnOwnLine) =>
            removedLeading.AddRange(removedOnOwnLine ? nextLeading.Where(t => !t.IsKind(SyntaxKind.WhitespaceTrivia)) : nextLeading);

        private static string TrimSuffix(string name) =>
            name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
    }
}
