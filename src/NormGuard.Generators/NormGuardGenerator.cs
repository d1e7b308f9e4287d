using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NormGuard.Generators.Binding;
using NormGuard.Generators.Diagnostics;
using NormGuard.Generators.Emit;
using NormGuard.Generators.Model;
using NormGuard.Generators.Parsing;
using NormGuard.Manifests;

namespace NormGuard.Generators
{
    /// <summary>
    /// [FeatureSet] records + *.normguard.json manifests → Normalize/Denormalize code with every parameter baked in.
    /// Parse → bind → emit; every step's output is an equatable record, so edits elsewhere leave it all cached.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class NormGuardGenerator : IIncrementalGenerator
    {
        public const string FeatureSetAttribute = "NormGuard.FeatureSetAttribute";

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<FeatureSetSpec> featureSets = context.SyntaxProvider
                .ForAttributeWithMetadataName(FeatureSetAttribute, static (_, _) => true, static (ctx, ct) => FeatureSetParser.Parse(ctx, ct))
                .Where(static spec => spec is not null)
                .Select(static (spec, _) => spec!)
                .WithTrackingName(TrackingNames.FeatureSets);

            IncrementalValueProvider<ImmutableArray<ManifestFile>> manifests = context.AdditionalTextsProvider
                .Where(static file => file.Path.EndsWith(".normguard.json", StringComparison.OrdinalIgnoreCase))
                .Select(static (file, ct) => ReadManifest(file, ct))
                .WithTrackingName(TrackingNames.Manifests)
                .Collect();

            IncrementalValuesProvider<GenerationModel> models = featureSets
                .Combine(manifests)
                .Select(static (pair, _) => FeatureSetBinder.Bind(pair.Left, pair.Right))
                .WithTrackingName(TrackingNames.Bind);

            IncrementalValueProvider<ConfiguredSeverities> severities = context.AnalyzerConfigOptionsProvider
                .Select(static (options, _) => ConfiguredSeverities.From(options.GlobalOptions))
                .WithTrackingName(TrackingNames.Severities);

            context.RegisterSourceOutput(models.Combine(severities), static (spc, pair) => Execute(spc, pair.Left, pair.Right));
        }

        private static ManifestFile ReadManifest(AdditionalText file, CancellationToken cancellationToken)
        {
            SourceText? text = file.GetText(cancellationToken);
            return new ManifestFile(file.Path, text is null ? ManifestReader.Read(string.Empty) : ManifestCache.Read(text));
        }

        private static void Execute(SourceProductionContext context, GenerationModel model, ConfiguredSeverities severities)
        {
            // Diagnostics are the analyzers' (editors show them and .editorconfig configures them); the generator only
            // decides what to emit. Nothing compiles into a non-partial or generic type (NG0015, NG0014 say why).
            if (!model.Spec.Type.IsPartial || model.Spec.Type.IsGeneric)
            {
                return;
            }

            // A record that cannot bind while no rule in the way fails the build (NG0009 is a warning, or a rule was
            // lowered): its members are marked obsolete as errors, so code that calls them does not build either.
            bool guardUses = model.Bound is null && !severities.FailsBuild(model.UnboundBecause);
            context.AddSource(FeatureSetEmitter.HintName(model.Spec), FeatureSetEmitter.EmitText(model, guardUses));
        }
    }

    /// <summary>Names of the pipeline steps, for incremental-caching tests.</summary>
    public static class TrackingNames
    {
        public const string FeatureSets = "NormGuard.FeatureSets";
        public const string Manifests = "NormGuard.Manifests";
        public const string Bind = "NormGuard.Bind";
        public const string Severities = "NormGuard.Severities";
    }
}
