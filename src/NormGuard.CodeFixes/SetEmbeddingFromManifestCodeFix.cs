using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NormGuard.CodeFixes
{
    /// <summary>
    /// NG0019 where the edit is mechanical (the diagnostic carries the argument and the manifest's value): sets
    /// <c>[Embedding]</c>'s space, dimension, <c>Model</c> or <c>Revision</c> to the manifest's. The other forms (a wrong
    /// type, a truncation size, a profile) carry no such property: which side is right is a decision.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SetEmbeddingFromManifestCodeFix))]
    public sealed class SetEmbeddingFromManifestCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = DiagnosticIds.VectorMismatch + ".SetFromManifest";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.VectorMismatch);

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
                if (!diagnostic.Properties.TryGetValue(DiagnosticIds.EmbeddingArgumentProperty, out string? argument) || argument is null ||
                    !diagnostic.Properties.TryGetValue(DiagnosticIds.EmbeddingValueProperty, out string? value) || value is null)
                {
                    continue;
                }

                AttributeSyntax? attribute = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                    .AncestorsAndSelf()
                    .OfType<AttributeSyntax>()
                    .FirstOrDefault();
                if (attribute is null || Replace(attribute, argument, value) is not { } fixedAttribute)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Set [Embedding] " + argument + " to the manifest's " + value,
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(attribute, fixedAttribute))),
                        EquivalenceKey + "." + argument),
                    diagnostic);
            }
        }

        private static AttributeSyntax? Replace(AttributeSyntax attribute, string argument, string value)
        {
            SeparatedSyntaxList<AttributeArgumentSyntax> arguments = attribute.ArgumentList?.Arguments ?? default;
            ExpressionSyntax replacement;
            if (argument != "dimension")
            {
                replacement = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value));
            }
            else if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int dimension))
            {
                replacement = SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(dimension));
            }
            else
            {
                return null;
            }

            AttributeArgumentSyntax? target = argument switch
            {
                "space" => Positional(arguments, 0, "space"),
                "dimension" => Positional(arguments, 1, "dimension"),
                _ => arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == argument),
            };
            if (target is null)
            {
                return null;
            }

            return attribute.ReplaceNode(target.Expression, replacement.WithTriviaFrom(target.Expression));
        }

        // The constructor argument by position, or by name when written `dimension: 384`.
        private static AttributeArgumentSyntax? Positional(SeparatedSyntaxList<AttributeArgumentSyntax> arguments, int index, string name) =>
            arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == name)
            ?? (index < arguments.Count && arguments[index].NameColon is null && arguments[index].NameEquals is null ? arguments[index] : null);
    }
}
