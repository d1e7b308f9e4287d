using System.Collections.Immutable;
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
    /// NG0001 when one AdditionalFile declares the feature set under another name (a renamed or versioned manifest):
    /// "Bind to diamonds-v2.normguard.json" sets <c>Manifest = "…"</c> on the <c>[FeatureSet]</c> attribute, replacing a
    /// <c>Manifest</c> argument that names a missing file.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BindManifestCodeFix))]
    public sealed class BindManifestCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = DiagnosticIds.NoManifest + ".BindManifest";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.NoManifest);

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
                if (!diagnostic.Properties.TryGetValue(DiagnosticIds.BindManifestProperty, out string? manifest) || string.IsNullOrEmpty(manifest))
                {
                    continue;
                }

                TypeDeclarationSyntax? type = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                    .AncestorsAndSelf()
                    .OfType<TypeDeclarationSyntax>()
                    .FirstOrDefault();
                AttributeSyntax? featureSet = type?.AttributeLists
                    .SelectMany(list => list.Attributes)
                    .FirstOrDefault(a => AttributeSyntaxEditing.IsNormGuardAttribute(AttributeSyntaxEditing.AttributeClass(model, a, context.CancellationToken), "FeatureSet"));
                if (featureSet is null)
                {
                    continue;
                }

                AttributeSyntax bound = Bind(featureSet, manifest!);
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Bind to " + manifest,
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(featureSet, bound))),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        /// <summary>The attribute with <c>Manifest = "<paramref name="manifest"/>"</c>, in place of an existing one.</summary>
        private static AttributeSyntax Bind(AttributeSyntax attribute, string manifest)
        {
            LiteralExpressionSyntax value = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(manifest));
            AttributeArgumentSyntax? existing = attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Manifest");
            if (existing is not null)
            {
                return attribute.ReplaceNode(existing.Expression, value.WithTriviaFrom(existing.Expression));
            }

            AttributeArgumentSyntax argument = SyntaxFactory.AttributeArgument(SyntaxFactory.NameEquals("Manifest"), null, value);
            AttributeArgumentListSyntax list = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
            return attribute.WithArgumentList(list.AddArguments(argument));
        }
    }
}
