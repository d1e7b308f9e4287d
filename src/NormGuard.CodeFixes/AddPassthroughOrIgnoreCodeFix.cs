using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NormGuard.Generators.Analyzers;

namespace NormGuard.CodeFixes
{
    /// <summary>
    /// NG0013 (reported on the member's name): writes the decision down, <c>[Passthrough]</c> (a number or bool fed
    /// unscaled) or <c>[OneHot]</c> (a string or enum), as the diagnostic suggests, or <c>[Ignore]</c> (not a feature). On a positional record parameter the attribute targets the property,
    /// <c>[property: Passthrough]</c>, where the record's other member attributes go. On a field declaring several
    /// variables the attribute applies to all of them, as C# has it.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddPassthroughOrIgnoreCodeFix))]
    public sealed class AddPassthroughOrIgnoreCodeFix : CodeFixProvider
    {
        public const string PassthroughKey = DiagnosticIds.Unannotated + ".Passthrough";
        public const string IgnoreKey = DiagnosticIds.Unannotated + ".Ignore";
        public const string OneHotKey = DiagnosticIds.Unannotated + ".OneHot";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.Unannotated);

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
                if (FindMember(root, diagnostic) is not { } member)
                {
                    continue;
                }

                string name = root.FindToken(diagnostic.Location.SourceSpan.Start).ValueText;
                diagnostic.Properties.TryGetValue(UnannotatedMemberAnalyzer.FeatureAttributeProperty, out string? feature);
                if (feature is "Passthrough" or "OneHot")
                {
                    context.RegisterCodeFix(CodeAction.Create("Add [" + feature + "] to '" + name + "'", ct => AddAsync(context.Document, member, feature, ct), feature == "OneHot" ? OneHotKey : PassthroughKey), diagnostic);
                }

                context.RegisterCodeFix(CodeAction.Create("Add [Ignore] to '" + name + "'", ct => AddAsync(context.Document, member, "Ignore", ct), IgnoreKey), diagnostic);
            }
        }

        private static async Task<Document> AddAsync(Document document, SyntaxNode member, string attribute, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(member, AttributeSyntaxEditing.Add(member, attribute, propertyTarget: member is ParameterSyntax)));
        }

        /// <summary>The declaration whose identifier the diagnostic points at: a property, a field or a parameter.</summary>
        private static SyntaxNode? FindMember(SyntaxNode root, Diagnostic diagnostic)
        {
            SyntaxToken identifier = root.FindToken(diagnostic.Location.SourceSpan.Start);
            return identifier.Parent switch
            {
                PropertyDeclarationSyntax property when property.Identifier == identifier => property,
                VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: FieldDeclarationSyntax field } } declarator when declarator.Identifier == identifier => field,
                ParameterSyntax parameter when parameter.Identifier == identifier => parameter,
                _ => null,
            };
        }
    }
}
