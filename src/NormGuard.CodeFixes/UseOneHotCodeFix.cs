using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NormGuard.CodeFixes
{
    /// <summary>
    /// NG0004 (reported on the first scaling attribute of a categorical member): replaces the scaling by what the
    /// member's type can take. An enum, a string or a <c>[Categorical]</c> integer is encoded with <c>[OneHot]</c>, a
    /// bool is written as 0/1 with <c>[Passthrough]</c>; both stand alone, so the member's other step attributes go
    /// too, while <c>[Categorical]</c>, <c>[FeatureName]</c> and foreign attributes stay. A <c>[Categorical]</c> member
    /// is also offered the plain removal of its scaling steps (when nothing is left, NG0013 then asks whether it is
    /// <c>[Passthrough]</c> or <c>[Ignore]</c>). A char gets no <c>[OneHot]</c>: NormGuard encodes strings and enums.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseOneHotCodeFix))]
    public sealed class UseOneHotCodeFix : CodeFixProvider
    {
        public const string OneHotKey = DiagnosticIds.CategoricalScaled + ".OneHot";
        public const string PassthroughKey = DiagnosticIds.CategoricalScaled + ".Passthrough";
        public const string RemoveScalingKey = DiagnosticIds.CategoricalScaled + ".RemoveScaling";

        private static readonly ImmutableHashSet<string> ScalingSteps = ImmutableHashSet.Create("ZScore", "MinMax", "MaxAbs", "Robust", "Log", "Log1p");

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.CategoricalScaled);

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
                if (Describe(root, model, diagnostic, context.CancellationToken) is not { } member)
                {
                    continue;
                }

                string name = AttributeSyntaxEditing.MemberName(member.Declaration);
                if (member.Kind is SpecialType.System_String or SpecialType.System_Enum || member.Kind.IsInteger())
                {
                    Register(context, diagnostic, member, "Encode '" + name + "' with [OneHot]", "OneHot", OneHotKey);
                }
                else if (member.Kind == SpecialType.System_Boolean)
                {
                    Register(context, diagnostic, member, "Write '" + name + "' as 0/1 with [Passthrough]", "Passthrough", PassthroughKey);
                }

                if (member.IsCategorical)
                {
                    int count = member.Steps.Count(s => ScalingSteps.Contains(s.Step));
                    string title = "Remove the scaling step" + (count > 1 ? "s" : string.Empty) + " from '" + name + "'";
                    var removals = member.Steps.Where(s => ScalingSteps.Contains(s.Step)).ToDictionary(s => s.Attribute, _ => (AttributeSyntax?)null);
                    context.RegisterCodeFix(
                        CodeAction.Create(title, ct => ReplaceAsync(context.Document, member.Declaration, removals, ct), RemoveScalingKey),
                        diagnostic);
                }
            }
        }

        /// <summary>Replaces the reported attribute by <c>[step]</c> (or drops it when the member already has that
        /// step) and removes the member's other step attributes.</summary>
        private static void Register(CodeFixContext context, Diagnostic diagnostic, Member member, string title, string step, string key)
        {
            bool present = member.Steps.Any(s => s.Step == step);
            var replacements = new Dictionary<AttributeSyntax, AttributeSyntax?>();
            foreach ((AttributeSyntax attribute, string existing) in member.Steps)
            {
                if (!present || existing != step)
                {
                    replacements[attribute] = null;
                }
            }

            if (!present)
            {
                replacements[member.Reported] = AttributeSyntaxEditing.NewAttribute(step);
            }

            context.RegisterCodeFix(CodeAction.Create(title, ct => ReplaceAsync(context.Document, member.Declaration, replacements, ct), key), diagnostic);
        }

        private static async Task<Document> ReplaceAsync(Document document, SyntaxNode declaration, IReadOnlyDictionary<AttributeSyntax, AttributeSyntax?> replacements, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(declaration, AttributeSyntaxEditing.Rewrite(declaration, replacements)));
        }

        private static Member? Describe(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            AttributeSyntax? reported = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                .AncestorsAndSelf()
                .OfType<AttributeSyntax>()
                .FirstOrDefault();
            if (reported is null || AttributeSyntaxEditing.MemberOf(reported) is not { } declaration ||
                AttributeSyntaxEditing.MemberType(declaration) is not { } typeSyntax ||
                model.GetTypeInfo(typeSyntax, cancellationToken).Type is not { } type)
            {
                return null;
            }

            var steps = new List<(AttributeSyntax Attribute, string Step)>();
            bool categorical = false;
            foreach (AttributeSyntax attribute in AttributeSyntaxEditing.AttributeLists(declaration).SelectMany(l => l.Attributes))
            {
                INamedTypeSymbol? attributeClass = AttributeSyntaxEditing.AttributeClass(model, attribute, cancellationToken);
                categorical |= AttributeSyntaxEditing.IsNormGuardAttribute(attributeClass, "Categorical");
                if (AttributeSyntaxEditing.StepName(attributeClass) is { } step)
                {
                    steps.Add((attribute, step));
                }
            }

            if (!steps.Any(s => s.Attribute == reported))
            {
                return null;
            }

            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            SpecialType kind = type.TypeKind == TypeKind.Enum ? SpecialType.System_Enum : type.SpecialType;
            return new Member(declaration, reported, kind, categorical, steps);
        }

        private sealed class Member
        {
            public Member(SyntaxNode declaration, AttributeSyntax reported, SpecialType kind, bool isCategorical, List<(AttributeSyntax Attribute, string Step)> steps)
            {
                Declaration = declaration;
                Reported = reported;
                Kind = kind;
                IsCategorical = isCategorical;
                Steps = steps;
            }

            public SyntaxNode Declaration { get; }

            public AttributeSyntax Reported { get; }

            /// <summary>The member's type (of T for T?); <see cref="SpecialType.System_Enum"/> for any enum.</summary>
            public SpecialType Kind { get; }

            public bool IsCategorical { get; }

            public List<(AttributeSyntax Attribute, string Step)> Steps { get; }
        }
    }

    internal static class SpecialTypeExtensions
    {
        public static bool IsInteger(this SpecialType type) => type is
            SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16 or
            SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64;
    }
}
