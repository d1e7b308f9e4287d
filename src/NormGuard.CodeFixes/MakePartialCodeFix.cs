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
    /// NG0015: adds <c>partial</c> to the <c>[FeatureSet]</c> type and to every containing type that lacks it. The
    /// keyword goes last among the modifiers (<c>public static partial class</c>, <c>public readonly ref partial struct</c>),
    /// where C# requires it, right before <c>class</c>/<c>struct</c>/<c>record</c>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFix))]
    public sealed class MakePartialCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = DiagnosticIds.NotPartial + ".MakePartial";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.NotPartial);

        /// <summary>Feature sets nested in the same type share the containing declarations to change, so fixing all
        /// of a document collects the declarations first and changes each once.</summary>
        public override FixAllProvider GetFixAllProvider() => FixAll.Instance;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (FindType(root, diagnostic) is not { } type)
                {
                    continue;
                }

                List<TypeDeclarationSyntax> targets = Targets(type).ToList();
                if (targets.Count == 0)
                {
                    continue;
                }

                string title = "Make " + Names(targets.Select(t => "'" + t.Identifier.ValueText + "'").ToList()) + " partial";
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), ct), EquivalenceKey),
                    diagnostic);
            }
        }

        private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var targets = new HashSet<TypeDeclarationSyntax>();
            foreach (Diagnostic diagnostic in diagnostics)
            {
                if (FindType(root, diagnostic) is { } type)
                {
                    targets.UnionWith(Targets(type));
                }
            }

            return targets.Count == 0 ? document : document.WithSyntaxRoot(root.ReplaceNodes(targets, (_, rewritten) => AddPartial(rewritten)));
        }

        private static TypeDeclarationSyntax? FindType(SyntaxNode root, Diagnostic diagnostic)
        {
            SyntaxToken identifier = root.FindToken(diagnostic.Location.SourceSpan.Start);
            return identifier.Parent is TypeDeclarationSyntax type && type.Identifier == identifier ? type : null;
        }

        /// <summary>The declaration and its containing declarations, outermost first, that are not partial.</summary>
        private static IEnumerable<TypeDeclarationSyntax> Targets(TypeDeclarationSyntax type) =>
            type.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().Where(t => !t.Modifiers.Any(SyntaxKind.PartialKeyword)).Reverse();

        private static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax type)
        {
            if (type.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return type;
            }

            if (type.Modifiers.Count == 0)
            {
                // No modifiers: 'partial' becomes the first token of the declaration after its attributes and takes
                // the keyword's leading trivia (indentation, comments).
                SyntaxToken keyword = type.Keyword;
                SyntaxToken partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
                return type.WithKeyword(keyword.WithLeadingTrivia(SyntaxFactory.TriviaList())).WithModifiers(SyntaxFactory.TokenList(partial));
            }

            return type.WithModifiers(type.Modifiers.Add(SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space))));
        }

        private static string Names(IReadOnlyList<string> names) =>
            names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[names.Count - 1];

        private sealed class FixAll : DocumentBasedFixAllProvider
        {
            public static readonly FixAll Instance = new FixAll();

            protected override async Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics) =>
                fixAllContext.CodeActionEquivalenceKey == EquivalenceKey
                    ? await ApplyAsync(document, diagnostics, fixAllContext.CancellationToken).ConfigureAwait(false)
                    : document;
        }
    }
}
