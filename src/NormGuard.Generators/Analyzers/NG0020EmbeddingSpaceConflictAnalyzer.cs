using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGuard.Generators.Analyzers.Embeddings;
using NormGuard.Generators.Diagnostics;

namespace NormGuard.Generators.Analyzers
{
    /// <summary>
    /// NG0020: one embedding space bound with different definitions (model, revision, native dimension, dimension,
    /// normalization, sha256) by two feature sets of this compilation, by this compilation and a referenced assembly, or by
    /// two referenced assemblies. Reported at this compilation's <c>[Embedding]</c> member of the space when it has one,
    /// else compilation-wide (a serving app that references a producer's and a consumer's library declares nothing).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class EmbeddingSpaceConflictAnalyzer : DiagnosticAnalyzer
    {
        private const string EmbeddingAttribute = "NormGuard.EmbeddingAttribute";
        private const string FeatureNameAttribute = "NormGuard.FeatureNameAttribute";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.EmbeddingSpaceConflict);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                INamedTypeSymbol? embedding = start.Compilation.GetTypeByMetadataName(EmbeddingAttribute);
                INamedTypeSymbol? featureSet = start.Compilation.GetTypeByMetadataName(NormGuardGenerator.FeatureSetAttribute);
                if (embedding is null || featureSet is null)
                {
                    return;
                }

                var conflicts = new Lazy<Dictionary<string, ImmutableArray<EmbeddingSpaceBinding>>>(() => Conflicts(start.Compilation, CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication);
                var reportedAtMember = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
                INamedTypeSymbol? featureName = start.Compilation.GetTypeByMetadataName(FeatureNameAttribute);

                start.RegisterSymbolAction(
                    symbolContext =>
                    {
                        if (Member(symbolContext.Symbol, embedding, featureSet, featureName) is not { } member ||
                            !conflicts.Value.TryGetValue(member.Space, out ImmutableArray<EmbeddingSpaceBinding> definitions))
                        {
                            return;
                        }

                        EmbeddingSpaceBinding? mine = definitions.FirstOrDefault(b => b.IsThisCompilation && b.FeatureSet == member.FeatureSet && b.Feature == member.Feature);
                        if (mine is null)
                        {
                            // The generator emitted no binding for this member (it reported why); the conflict is reported compilation-wide.
                            return;
                        }

                        reportedAtMember[member.Space] = true;
                        foreach (EmbeddingSpaceBinding other in definitions.Where(d => !d.Definition.Equals(mine.Definition)))
                        {
                            symbolContext.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.EmbeddingSpaceConflict, member.Location, member.Space, Describe(mine, other)));
                        }
                    },
                    SymbolKind.Property,
                    SymbolKind.Field);

                start.RegisterCompilationEndAction(end =>
                {
                    foreach (KeyValuePair<string, ImmutableArray<EmbeddingSpaceBinding>> conflict in conflicts.Value.OrderBy(c => c.Key, StringComparer.Ordinal))
                    {
                        if (reportedAtMember.ContainsKey(conflict.Key))
                        {
                            continue;
                        }

                        EmbeddingSpaceBinding first = conflict.Value[0];
                        foreach (EmbeddingSpaceBinding other in conflict.Value.Skip(1))
                        {
                            end.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.EmbeddingSpaceConflict, Location.None, conflict.Key, Describe(first, other)));
                        }
                    }
                });
            });
        }

        /// <summary>Per space with more than one definition: one binding of each definition, this compilation's first.</summary>
        internal static Dictionary<string, ImmutableArray<EmbeddingSpaceBinding>> Conflicts(Compilation compilation, CancellationToken cancellationToken)
        {
            var conflicts = new Dictionary<string, ImmutableArray<EmbeddingSpaceBinding>>(StringComparer.Ordinal);
            foreach (IGrouping<string, EmbeddingSpaceBinding> space in EmbeddingSpaceBindings.Read(compilation, cancellationToken).GroupBy(b => b.Definition.Space, StringComparer.Ordinal))
            {
                // Every binding of this compilation stays (each member is reported against the others); of the referenced
                // assemblies, the first binding of each definition speaks for it.
                var kept = new List<EmbeddingSpaceBinding>();
                foreach (EmbeddingSpaceBinding binding in space)
                {
                    if (binding.IsThisCompilation || !kept.Any(k => k.Definition.Equals(binding.Definition)))
                    {
                        kept.Add(binding);
                    }
                }

                if (kept.Select(b => b.Definition).Distinct().Count() > 1)
                {
                    conflicts.Add(space.Key, kept.ToImmutableArray());
                }
            }

            return conflicts;
        }

        internal static string Describe(EmbeddingSpaceBinding mine, EmbeddingSpaceBinding other)
        {
            (string field, string a, string b) = mine.Definition.FirstDifference(other.Definition)!.Value;
            return mine.Side + " binds " + field + " " + a + " but " + other.Side + " binds " + b +
                (field == "sha256" ? " (same model, dimensions and steps with other fitted parameters: one side was refitted)" : string.Empty) +
                "; " + field + " is the first field that differs, and a vector one side produces is not in the space the other expects: build both against the same manifest of the space, or give a changed space a new name";
        }

        private static SpaceMember? Member(ISymbol symbol, INamedTypeSymbol embedding, INamedTypeSymbol featureSet, INamedTypeSymbol? featureName)
        {
            AttributeData? attribute = symbol.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, embedding));
            if (attribute is null || attribute.ConstructorArguments.Length < 1 || attribute.ConstructorArguments[0].Value is not string space)
            {
                return null;
            }

            string? set = symbol.ContainingType?.GetAttributes()
                .FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, featureSet))?
                .ConstructorArguments.FirstOrDefault().Value as string;
            if (set is null)
            {
                return null;
            }

            string feature = symbol.GetAttributes()
                .FirstOrDefault(a => featureName is not null && SymbolEqualityComparer.Default.Equals(a.AttributeClass, featureName))?
                .ConstructorArguments.FirstOrDefault().Value as string ?? symbol.Name;
            Location location = attribute.ApplicationSyntaxReference is { } reference
                ? Location.Create(reference.SyntaxTree, reference.Span)
                : symbol.Locations.FirstOrDefault() ?? Location.None;
            return new SpaceMember(space, set, feature, location);
        }

        private sealed record SpaceMember(string Space, string FeatureSet, string Feature, Location Location);
    }
}
