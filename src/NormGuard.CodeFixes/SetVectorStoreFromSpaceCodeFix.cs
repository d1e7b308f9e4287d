using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace NormGuard.CodeFixes
{
    /// <summary>
    /// NG0021 where the edit is mechanical (the diagnostic carries the argument and the value): sets the vector-store
    /// attribute's dimension to the space's ("Set Dimensions to 384"), or its distance function to cosine on a space that
    /// is not unit length ("Use DistanceFunction.CosineSimilarity"). The argument is rewritten where it is, whatever its
    /// form: positional (<c>384</c>), by parameter name (<c>dimensions: 384</c>) or named (<c>Dimensions = 384</c>, the
    /// 9.x previews), and the distance function keeps the user's way of writing it.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SetVectorStoreFromSpaceCodeFix))]
    public sealed class SetVectorStoreFromSpaceCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = DiagnosticIds.VectorStoreSpace + ".SetFromSpace";

        private const string DistanceFunctionType = "Microsoft.Extensions.VectorData.DistanceFunction";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.VectorStoreSpace);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(DiagnosticIds.VectorStoreArgumentProperty, out string? argument) || argument is null ||
                    !diagnostic.Properties.TryGetValue(DiagnosticIds.VectorStoreValueProperty, out string? value) || value is null)
                {
                    continue;
                }

                AttributeArgumentSyntax? target = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                    .AncestorsAndSelf()
                    .OfType<AttributeArgumentSyntax>()
                    .FirstOrDefault();
                ExpressionSyntax? replacement = target is null ? null : argument switch
                {
                    "Dimensions" => Dimension(value),
                    "DistanceFunction" => Distance(model, target.Expression, value, context.CancellationToken),
                    _ => null,
                };
                if (target is null || replacement is null)
                {
                    continue;
                }

                string title = argument == "Dimensions" ? "Set Dimensions to " + value : "Use DistanceFunction." + value;
                ExpressionSyntax original = target.Expression;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        title,
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(original, replacement.WithTriviaFrom(original)))),
                        EquivalenceKey + "." + argument),
                    diagnostic);
            }
        }

        private static ExpressionSyntax? Dimension(string value) =>
            int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int dimension)
                ? SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(dimension))
                : null;

        /// <summary>
        /// <c>DistanceFunction.X</c>, <c>Microsoft.Extensions.VectorData.DistanceFunction.X</c> and <c>X</c> (under
        /// <c>using static</c>) keep their qualification and change only the constant's name; a string literal stays a
        /// literal. Anything else (a constant of the user's own, a concatenation) becomes <c>DistanceFunction.X</c>,
        /// qualified as far as the file's usings need, or a literal when the compilation has no <c>DistanceFunction</c>.
        /// </summary>
        private static ExpressionSyntax Distance(SemanticModel model, ExpressionSyntax written, string value, CancellationToken cancellationToken)
        {
            if (written is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                return SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value));
            }

            bool isVectorDataConstant = model.GetSymbolInfo(written, cancellationToken).Symbol is IFieldSymbol { IsConst: true } field &&
                field.ContainingType?.ToDisplayString() == DistanceFunctionType;
            if (isVectorDataConstant && written is MemberAccessExpressionSyntax access)
            {
                return access.WithName(SyntaxFactory.IdentifierName(value).WithTriviaFrom(access.Name));
            }

            if (isVectorDataConstant && written is IdentifierNameSyntax)
            {
                return SyntaxFactory.IdentifierName(value);
            }

            return model.Compilation.GetTypeByMetadataName(DistanceFunctionType) is null
                ? SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value))
                : SyntaxFactory.ParseExpression("global::" + DistanceFunctionType + "." + value).WithAdditionalAnnotations(Simplifier.Annotation);
        }
    }
}
