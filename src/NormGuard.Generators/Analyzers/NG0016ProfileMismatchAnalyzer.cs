using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGuard.Generators.Binding;
using NormGuard.Generators.Diagnostics;

namespace NormGuard.Generators.Analyzers
{
    /// <summary>NG0016: <c>[FeatureSet(Profile = …)]</c> pins another training library than the manifest's profile.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ProfileMismatchAnalyzer : FeatureSetAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.ProfileMismatch);

        protected override void Analyze(FeatureSetContext context)
        {
            if (context.Data is not { } manifest || context.Spec.ProfilePin is not { } pin || pin == manifest.Profile)
            {
                return;
            }

            context.Report(Diagnostic.Create(
                DiagnosticDescriptors.ProfileMismatch,
                NamedArgument(context.Attribute, "Profile") ?? context.Type.Locations.FirstOrDefault(),
                context.Spec.FeatureSetName,
                pin,
                ManifestLookup.FileName(context.Manifest!.Path),
                manifest.Profile));
        }

        /// <summary>The <c>Name = value</c> argument of an attribute application, for precise squiggles.</summary>
        internal static Location? NamedArgument(AttributeData attribute, string name) =>
            attribute.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax { ArgumentList: { } arguments }
                ? arguments.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name)?.GetLocation()
                : null;
    }
}
