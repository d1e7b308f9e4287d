using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGuard.Generators.Diagnostics;
using NormGuard.Generators.Model;

namespace NormGuard.Generators.Analyzers
{
    /// <summary>
    /// NG0010: the feature members are declared in another order than the manifest's features (the training order).
    /// The output follows the manifest either way; the warning is about code that reads differently from what the model
    /// sees. The property <see cref="ManifestOrderProperty"/> lists the member names in manifest order for the code fix.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class MemberOrderAnalyzer : FeatureSetAnalyzer
    {
        public const string ManifestOrderProperty = "ManifestOrder";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.MemberOrder);

        protected override void Analyze(FeatureSetContext context)
        {
            if (context.Data is not { } manifest)
            {
                return;
            }

            List<MemberSpec> declared = context.Spec.Members.Where(m => m.IsFeature && manifest.Features.Any(f => f.Name == m.FeatureName)).ToList();
            List<MemberSpec> trained = manifest.Features
                .Select(f => declared.FirstOrDefault(m => m.FeatureName == f.Name))
                .Where(m => m is not null)
                .Select(m => m!)
                .ToList();
            if (declared.Select(m => m.Name).SequenceEqual(trained.Select(m => m.Name)))
            {
                return;
            }

            string order = string.Join(", ", trained.Select(m => m.Name));
            ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty.Add(ManifestOrderProperty, string.Join(",", trained.Select(m => m.Name)));
            context.Report(Diagnostic.Create(
                DiagnosticDescriptors.MemberOrder,
                FeatureSetContext.Locate(context.Compilation, context.Spec.Location),
                properties,
                context.Spec.Type.Name,
                order));
        }
    }
}
