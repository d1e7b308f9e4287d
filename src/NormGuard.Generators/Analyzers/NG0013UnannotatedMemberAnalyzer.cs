using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGuard.Generators.Diagnostics;
using NormGuard.Generators.Model;

namespace NormGuard.Generators.Analyzers
{
    /// <summary>
    /// NG0013: a data member of a feature record (a field, an auto-property or a positional parameter) without a step
    /// attribute, [Passthrough] or [Ignore]: silently leaving it out of the model's input is a decision to write down.
    /// Computed properties are not data and are not reported.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnannotatedMemberAnalyzer : FeatureSetAnalyzer
    {
        /// <summary>"Passthrough", "OneHot" or absent: the attribute that feeds the member to the model.</summary>
        public const string FeatureAttributeProperty = "FeatureAttribute";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.Unannotated);

        protected override void Analyze(FeatureSetContext context)
        {
            foreach (MemberSpec member in context.Spec.Members)
            {
                if (member.IsIgnored || member.Steps.Count > 0 || member.Embedding is not null || !IsData(context.Type, member.Name))
                {
                    continue;
                }

                // The code fix offers this attribute beside [Ignore]: the one that can feed the member to a model.
                string? attribute = member.Kind switch
                {
                    MemberKind.String or MemberKind.Enum => "OneHot",
                    MemberKind.Other or MemberKind.Char or MemberKind.Vector => null,
                    _ => "Passthrough",
                };
                context.Report(Diagnostic.Create(
                    DiagnosticDescriptors.Unannotated,
                    FeatureSetContext.Locate(context.Compilation, member.Location),
                    ImmutableDictionary<string, string?>.Empty.Add(FeatureAttributeProperty, attribute),
                    member.Name,
                    context.Spec.FeatureSetName,
                    attribute switch
                    {
                        "OneHot" => "encode it with [OneHot], or mark it [Ignore] if it is not a feature",
                        null when member.Kind == MemberKind.Vector => "declare it [Embedding(\"space\", dimension)] to feed it as a vector feature, or mark it [Ignore] if it is not a feature",
                        null => "mark it [Ignore] if it is not a feature (NormGuard cannot feed this type to a model)",
                        _ => "mark it [Passthrough] to feed it unscaled, or [Ignore] if it is not a feature",
                    }));
            }
        }

        private static bool IsData(INamedTypeSymbol type, string name) =>
            type.GetMembers(name).FirstOrDefault() switch
            {
                IFieldSymbol => true,
                IPropertySymbol property => type.GetMembers().OfType<IFieldSymbol>().Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property)),
                _ => false,
            };
    }
}
