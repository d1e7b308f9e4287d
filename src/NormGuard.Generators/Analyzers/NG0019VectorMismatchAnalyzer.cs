using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGuard.Generators.Binding;
using NormGuard.Generators.Diagnostics;
using NormGuard.Generators.Model;
using NormGuard.Manifests;

namespace NormGuard.Generators.Analyzers
{
    /// <summary>One NG0019 finding, with the edit that fixes it when one is mechanical (set [Embedding]'s space or dimension).</summary>
    internal sealed record VectorProblem(DiagnosticInfo Info, string? FixArgument, string? FixValue);

    /// <summary>
    /// NG0019: a vector member disagrees with its type or its manifest entry: [Embedding] on a type that holds no float
    /// vector, a float vector fed without [Embedding], an [InlineArray] of another length, the space's name, native
    /// dimension, model or revision pin, a [Truncate]/[Pca] size, or a manifest whose profile or dtype has no vector
    /// arithmetic. Which steps (NG0007) and which types take them (NG0014) are the other rules'.
    /// </summary>
    internal static class VectorRule
    {
        public const string FixArgumentProperty = "EmbeddingArgument";
        public const string FixValueProperty = "EmbeddingValue";

        public static void Check(FeatureSetSpec spec, ManifestData? manifest, List<DiagnosticInfo> diagnostics)
        {
            var problems = new List<VectorProblem>();
            Check(spec, manifest, problems);
            diagnostics.AddRange(problems.Select(p => p.Info));
        }

        public static void Check(FeatureSetSpec spec, ManifestData? manifest, List<VectorProblem> problems)
        {
            foreach (MemberSpec member in spec.Members)
            {
                if (member.IsIgnored || !member.IsFeature)
                {
                    continue;
                }

                if (manifest is null)
                {
                    CheckDeclaration(spec.FeatureSetName, member, problems);
                }
                else if (DeclarationIsSound(member) && manifest.Features.FirstOrDefault(f => f.Name == member.FeatureName) is { } feature)
                {
                    CheckAgainstManifest(spec, member, manifest, feature, problems);
                }
            }
        }

        /// <summary>The member's declaration alone is consistent (what <see cref="CheckDeclaration"/> reports nothing for).</summary>
        private static bool DeclarationIsSound(MemberSpec member) => DeclarationProblem(member) is null;

        /// <summary>What NG0019 reports about the member's declaration alone, or null.</summary>
        public static string? DeclarationProblem(MemberSpec member)
        {
            var problems = new List<VectorProblem>();
            CheckDeclaration(string.Empty, member, problems);
            return problems.Count == 0 ? null : problems[0].Info.Arguments[2];
        }

        private static void CheckDeclaration(string featureSet, MemberSpec member, List<VectorProblem> problems)
        {
            EmbeddingSpec? embedding = member.Embedding;
            if (embedding is not null && member.Kind != MemberKind.Vector)
            {
                Add(problems, featureSet, member, embedding.Location, "[Embedding] is on a member of type " + member.TypeName + "; an embedding is a float[], ReadOnlyMemory<float>, Memory<float> (each may be nullable: null is a missing vector) or an [InlineArray] struct of float (not under Nullable<>: an inline array is never missing) (float32: embedding models emit float32)");
                return;
            }

            if (member.Kind != MemberKind.Vector)
            {
                return;
            }

            if (embedding is null)
            {
                Add(problems, featureSet, member, member.Location, "a float vector with steps needs [Embedding(\"space\", dimension)]: without it its length and embedding space are unknown");
                return;
            }

            if (embedding.Space.Length == 0)
            {
                Add(problems, featureSet, member, embedding.Location, "[Embedding] names no space");
                return;
            }

            if (embedding.Dimension <= 0)
            {
                Add(problems, featureSet, member, embedding.Location, "[Embedding] declares dimension " + Int(embedding.Dimension) + "; a vector has at least one value");
                return;
            }

            if (member.Container == VectorContainer.InlineArray && member.InlineLength != embedding.Dimension)
            {
                Add(problems, featureSet, member, embedding.Location, "its [InlineArray] holds " + Int(member.InlineLength) + " floats but [Embedding] declares dimension " + Int(embedding.Dimension), "dimension", Int(member.InlineLength));
                return;
            }

            int dimension = embedding.Dimension;
            foreach (StepSpec step in member.Steps)
            {
                if (step.Kind is not (StepKind.Truncate or StepKind.Pca))
                {
                    continue;
                }

                int size = step.First >= 1 && step.First <= int.MaxValue ? (int)step.First : 0;
                if (size < 1 || size > dimension)
                {
                    Add(problems, featureSet, member, step.Location, Text.Steps(new EquatableArray<StepSpec>(new[] { step })) + " needs a size from 1 to the " + Int(dimension) + " dimensions before it");
                    return;
                }

                dimension = size;
            }
        }

        private static void CheckAgainstManifest(FeatureSetSpec spec, MemberSpec member, ManifestData manifest, FeatureData feature, List<VectorProblem> problems)
        {
            EmbeddingSpec? embedding = member.Embedding;
            SpaceData? space = feature.Space;
            if (embedding is null)
            {
                if (space is not null)
                {
                    Add(problems, spec.FeatureSetName, member, member.Location, "the manifest's feature '" + feature.Name + "' is a vector of space '" + space.Name + "' (" + Int(space.NativeDimension) + " values); declare the member [Embedding(\"" + space.Name + "\", " + Int(space.NativeDimension) + ")] on a float[], ReadOnlyMemory<float>, Memory<float> or [InlineArray] of float");
                }

                return;
            }

            if (space is null)
            {
                Add(problems, spec.FeatureSetName, member, embedding.Location, "the manifest's feature '" + feature.Name + "' is a scalar feature (it has no \"space\"), but the member is an embedding of space '" + embedding.Space + "'");
                return;
            }

            if (manifest.DType != "float32" || (manifest.Profile != "normguard" && manifest.Profile != "sklearn"))
            {
                Add(problems, spec.FeatureSetName, member, member.Location, "the manifest has profile '" + manifest.Profile + "' and dtype '" + manifest.DType + "'; vector features are computed in float32 with the profiles normguard and sklearn only (refit or re-import with dtype float32)");
            }

            if (embedding.Space != space.Name)
            {
                Add(problems, spec.FeatureSetName, member, embedding.Location, "[Embedding] names space '" + embedding.Space + "' but the manifest's feature '" + feature.Name + "' is in space '" + space.Name + "'", "space", space.Name);
            }

            if (embedding.Dimension != space.NativeDimension)
            {
                Add(problems, spec.FeatureSetName, member, embedding.Location, "[Embedding] declares dimension " + Int(embedding.Dimension) + " but the manifest's space '" + space.Name + "' has native dimension " + Int(space.NativeDimension) + " (model " + space.Model + ")",
                    member.Container == VectorContainer.InlineArray ? null : "dimension", Int(space.NativeDimension));
            }

            if (embedding.Model is { } model && model != space.Model)
            {
                Add(problems, spec.FeatureSetName, member, embedding.Location, "[Embedding] pins model '" + model + "' but the manifest's space '" + space.Name + "' was produced by '" + space.Model + "'", "Model", space.Model);
            }

            if (embedding.Revision is { } revision && revision != space.Revision)
            {
                Add(problems, spec.FeatureSetName, member, embedding.Location, "[Embedding] pins revision '" + revision + "' but the manifest's space '" + space.Name + "' has " + (space.Revision is null ? "no revision" : "revision '" + space.Revision + "'"), space.Revision is null ? null : "Revision", space.Revision);
            }

            CheckSizes(spec, member, feature, problems);
            if (Incomplete(feature) is { } incomplete)
            {
                Add(problems, spec.FeatureSetName, member, member.Location, incomplete);
            }
        }

        /// <summary>
        /// Why the manifest's vector steps cannot be generated (parameters missing or of the wrong length, as in a
        /// template written before fitting), or null. The reader reports most of these as NG0002; this keeps the
        /// generator from indexing past an array whatever the reader lets through.
        /// </summary>
        public static string? Incomplete(FeatureData feature)
        {
            SpaceData space = feature.Space!;
            int length = space.NativeDimension;
            if (length < 1)
            {
                return "the manifest's space '" + space.Name + "' has native dimension " + Int(length);
            }

            for (int i = 0; i < feature.Steps.Count; i++)
            {
                StepData step = feature.Steps[i];
                string at = "the manifest's step " + Int(i + 1) + " (" + step.Op.ToString().ToLowerInvariant() + ") of feature '" + feature.Name + "' ";
                switch (step.Op)
                {
                    case ManifestOp.L2 when step.Epsilon != 0d && !((float)step.Epsilon > 0f && !float.IsInfinity((float)step.Epsilon)):
                        return at + "has epsilon " + Text.Number(step.Epsilon) + ", which is not a positive float32 number (the vector arithmetic is float32)";
                    case ManifestOp.L2:
                        break;
                    case ManifestOp.Center when step.MeanVector.Count != length:
                    case ManifestOp.ZScore when step.MeanVector.Count != length || step.StdVector.Count != length:
                        return at + "needs " + Int(length) + " fitted values per vector (fit the manifest first)";
                    case ManifestOp.Center:
                    case ManifestOp.ZScore:
                        break;
                    case ManifestOp.Truncate when step.Dimension < 1 || step.Dimension > length:
                        return at + "keeps " + Int(step.Dimension) + " of " + Int(length) + " dimensions";
                    case ManifestOp.Truncate:
                        length = step.Dimension;
                        break;
                    case ManifestOp.Pca:
                        int k = step.ComponentCount;
                        if (k < 1 || k > length || step.MeanVector.Count != length || step.Components.Count != (long)k * length || (step.Whiten && step.ExplainedVariance.Count != k))
                        {
                            return at + "needs a fitted mean (" + Int(length) + "), " + Int(k) + " × " + Int(length) + " components" + (step.Whiten ? " and " + Int(k) + " explained variances" : string.Empty) + " (fit PCA in scikit-learn and import it)";
                        }

                        length = k;
                        break;
                    default:
                        return at + "is not a vector step";
                }
            }

            return length == space.Dimension ? null : "the manifest's steps of feature '" + feature.Name + "' give " + Int(length) + " dimensions but its space declares dimension " + Int(space.Dimension);
        }

        // Only where the declared and the manifest's steps are the same kinds in the same order (else NG0007 says so).
        private static void CheckSizes(FeatureSetSpec spec, MemberSpec member, FeatureData feature, List<VectorProblem> problems)
        {
            if (member.Steps.Count != feature.Steps.Count)
            {
                return;
            }

            for (int i = 0; i < member.Steps.Count; i++)
            {
                StepSpec declared = member.Steps[i];
                StepData step = feature.Steps[i];
                int manifestSize = declared.Kind == StepKind.Truncate && step.Op == ManifestOp.Truncate ? step.Dimension
                    : declared.Kind == StepKind.Pca && step.Op == ManifestOp.Pca ? step.ComponentCount
                    : -1;
                if (manifestSize >= 0 && declared.First != manifestSize)
                {
                    Add(problems, spec.FeatureSetName, member, declared.Location, Text.Steps(new EquatableArray<StepSpec>(new[] { declared })) + " keeps " + Text.Number(declared.First) + " dimensions but the manifest's step " + (i + 1).ToString(CultureInfo.InvariantCulture) + " of feature '" + feature.Name + "' keeps " + Int(manifestSize));
                }
            }
        }

        private static void Add(List<VectorProblem> problems, string featureSet, MemberSpec member, LocationInfo? location, string message, string? fixArgument = null, string? fixValue = null) =>
            problems.Add(new VectorProblem(DiagnosticInfo.Create(DiagnosticDescriptors.VectorMismatch, location ?? member.Location, member.Name, featureSet, message), fixArgument, fixValue));

        private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class VectorMismatchAnalyzer : FeatureSetAnalyzer
    {
        /// <summary>The [Embedding] argument the code fix sets: "space", "dimension", "Model" or "Revision".</summary>
        public const string FixArgumentProperty = VectorRule.FixArgumentProperty;

        /// <summary>The manifest's value for that argument.</summary>
        public const string FixValueProperty = VectorRule.FixValueProperty;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.VectorMismatch);

        protected override void Analyze(FeatureSetContext context)
        {
            var problems = new List<VectorProblem>();
            VectorRule.Check(context.Spec, null, problems);
            if (context.Data is { } manifest)
            {
                VectorRule.Check(context.Spec, manifest, problems);
            }

            foreach (VectorProblem problem in problems)
            {
                ImmutableDictionary<string, string?> properties = problem.FixArgument is null
                    ? ImmutableDictionary<string, string?>.Empty
                    : ImmutableDictionary<string, string?>.Empty.Add(VectorRule.FixArgumentProperty, problem.FixArgument).Add(VectorRule.FixValueProperty, problem.FixValue);
                context.Report(Diagnostic.Create(
                    DiagnosticDescriptors.VectorMismatch,
                    FeatureSetContext.Locate(context.Compilation, problem.Info.Location),
                    properties,
                    problem.Info.Arguments.ToArray<object>()));
            }
        }
    }
}
