using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NormGuard.CodeFixes
{
    /// <summary>
    /// NG0010 (reported on the type's name, with the feature members in manifest order in the
    /// <c>ManifestOrder</c> property): reorders the feature properties and fields of the declaration. The feature
    /// members fill the slots they occupied, in manifest order, so constructors, methods and other members stay where
    /// they are; each member moves with its comments and attributes, while the blank lines before a slot stay with the
    /// slot. Not offered when a feature is a positional record parameter (reordering the primary constructor's parameters
    /// would change every construction of the record, which is out of scope for a fix), when the features are spread
    /// over several declarations of a partial type or share a field declaration, or when preprocessor directives sit
    /// among them.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReorderMembersCodeFix))]
    public sealed class ReorderMembersCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = DiagnosticIds.MemberOrder + ".Reorder";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.MemberOrder);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                SyntaxToken identifier = root.FindToken(diagnostic.Location.SourceSpan.Start);
                if (identifier.Parent is not TypeDeclarationSyntax type || type.Identifier != identifier ||
                    !diagnostic.Properties.TryGetValue(DiagnosticIds.ManifestOrderProperty, out string? order) || order is null ||
                    Reorder(type, order) is not { } reordered)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Reorder the features of '" + type.Identifier.ValueText + "' to the manifest order",
                        ct => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(type, reordered))),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        /// <summary>The declaration with its feature members in <paramref name="order"/>, or null when the fix does not
        /// apply (see the class remarks) or nothing would change.</summary>
        private static TypeDeclarationSyntax? Reorder(TypeDeclarationSyntax type, string order)
        {
            string[] names = order.Split(',').Select(n => n.Trim()).Where(n => n.Length > 0).ToArray();
            if (names.Length < 2 || names.Distinct(StringComparer.Ordinal).Count() != names.Length)
            {
                return null;
            }

            // Positional records: the parameter list is the primary constructor's signature; out of scope.
            if (type.ParameterList is { } parameters && parameters.Parameters.Any(p => names.Contains(p.Identifier.ValueText)))
            {
                return null;
            }

            var ordered = new List<int>();
            foreach (string name in names)
            {
                int index = IndexOf(type.Members, name);
                if (index < 0 || ordered.Contains(index))
                {
                    return null;
                }

                ordered.Add(index);
            }

            List<int> slots = ordered.OrderBy(i => i).ToList();
            if (slots.SequenceEqual(ordered) || slots.Any(i => type.Members[i].ContainsDirectives))
            {
                return null;
            }

            MemberDeclarationSyntax[] members = type.Members.ToArray();
            for (int k = 0; k < slots.Count; k++)
            {
                MemberDeclarationSyntax slot = type.Members[slots[k]];
                MemberDeclarationSyntax moved = type.Members[ordered[k]];
                members[slots[k]] = moved.WithLeadingTrivia(BlankLines(slot.GetLeadingTrivia()).AddRange(Rest(moved.GetLeadingTrivia())));
            }

            return type.WithMembers(SyntaxFactory.List(members));
        }

        /// <summary>The property or the single-variable field declaring <paramref name="name"/>; -1 when there is none
        /// or the field declares other variables too.</summary>
        private static int IndexOf(SyntaxList<MemberDeclarationSyntax> members, string name)
        {
            for (int i = 0; i < members.Count; i++)
            {
                switch (members[i])
                {
                    case PropertyDeclarationSyntax property when property.Identifier.ValueText == name:
                        return i;
                    case FieldDeclarationSyntax field when field.Declaration.Variables.Any(v => v.Identifier.ValueText == name):
                        return field.Declaration.Variables.Count == 1 ? i : -1;
                }
            }

            return -1;
        }

        /// <summary>The whole blank lines at the start of a leading trivia: the spacing that belongs to the slot.</summary>
        private static SyntaxTriviaList BlankLines(SyntaxTriviaList trivia) => SyntaxFactory.TriviaList(trivia.Take(BlankLineCount(trivia)));

        /// <summary>The member's own leading trivia: comments, documentation and indentation.</summary>
        private static SyntaxTriviaList Rest(SyntaxTriviaList trivia) => SyntaxFactory.TriviaList(trivia.Skip(BlankLineCount(trivia)));

        private static int BlankLineCount(SyntaxTriviaList trivia)
        {
            int committed = 0;
            for (int i = 0; i < trivia.Count; i++)
            {
                if (trivia[i].IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    committed = i + 1;
                }
                else if (!trivia[i].IsKind(SyntaxKind.WhitespaceTrivia))
                {
                    break;
                }
            }

            return committed;
        }
    }
}
