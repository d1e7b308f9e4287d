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
    /// NG0003, pin form (reported on the <c>Version = n</c> argument of <c>[FeatureSet]</c>, with the manifest's
    /// version in the <c>ManifestVersion</c> property): pins the manifest's version. The other forms of NG0003 (two
    /// assemblies binding different versions, a model artifact expecting another manifest) carry no such property and
    /// get no fix: which side is right is a decision, not a mechanical edit.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UpdateVersionPinCodeFix))]
    public sealed class UpdateVersionPinCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = DiagnosticIds.VersionMismatch + ".UpdatePin";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.VersionMismatch);

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
                if (!diagnostic.Properties.TryGetValue(DiagnosticIds.ManifestVersionProperty, out string? text) ||
                    !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int version))
                {
                    continue;
                }

                AttributeArgumentSyntax? argument = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                    .AncestorsAndSelf()
                    .OfType<AttributeArgumentSyntax>()
                    .FirstOrDefault();
                if (argument?.NameEquals?.Name.Identifier.ValueText != "Version")
                {
                    continue;
                }

                ExpressionSyntax pinned = SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(version))
                    .WithTriviaFrom(argument.Expression);
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Pin Version = " + version.ToString(CultureInfo.InvariantCulture) + ", the manifest's version",
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(argument.Expression, pinned))),
                        EquivalenceKey),
                    diagnostic);
            }
        }
    }
}
