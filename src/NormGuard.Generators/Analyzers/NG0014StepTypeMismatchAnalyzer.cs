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
    /// <summary>
    /// NG0014: a step that does not fit the member's type (one-hot on a double, any step on a DateTime, two fitted
    /// steps, a manifest category the enum lacks, a generic record). Scaling a categorical member is NG0004.
    /// </summary>
    internal static class StepTypeRule
    {
        public static void Check(FeatureSetSpec spec, ManifestData? manifest, string? path, List<DiagnosticInfo> diagnostics)
        {
            if (spec.Type.IsGeneric)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StepTypeMismatch, spec.Location, spec.Type.Name, "a generic type", "[FeatureSet]", "feature records are concrete types; declare one per type argument"));
                return;
            }

            foreach (MemberSpec member in spec.Members.Where(m => m.IsFeature))
            {
                if (member.Steps.Any(s => CategoricalScaledRule.IsScaling(s.Kind)) && CategoricalScaledRule.IsCategorical(member))
                {
                    continue;
                }

                string? problem = TypeProblem(member) ?? CompositionProblem(member);
                if (problem is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StepTypeMismatch, member.Location, member.Name, member.TypeName, Text.Steps(member.Steps), problem));
                }
                else if (manifest is not null && path is not null)
                {
                    CheckCategories(member, manifest, path, diagnostics);
                }
            }
        }

        /// <summary>Why <paramref name="member"/>'s type cannot take its steps, or null when it can.</summary>
        public static string? TypeProblem(MemberSpec member)
        {
            bool oneHot = member.Steps.Any(s => s.Kind == StepKind.OneHot);
            bool passthrough = member.Steps.Any(s => s.Kind == StepKind.Passthrough);
            if (member.Kind == MemberKind.Vector)
            {
                // A vector without [Embedding] is NG0019 (its dimension and space are unknown), not a type problem.
                StepSpec? scalarOnly = member.Steps.FirstOrDefault(s => !IsVectorStep(s.Kind));
                return scalarOnly is null ? null : "a vector member takes [L2Normalize], [Center], [ZScore], [Pca] and [Truncate]; [" + scalarOnly.Kind + "] is a step for one number";
            }

            if (member.Steps.FirstOrDefault(s => IsVectorOnlyStep(s.Kind)) is { } vectorOnly)
            {
                return "[" + Text.AttributeName(vectorOnly.Kind) + "] is a step for a vector member ([Embedding] on a float[], ReadOnlyMemory<float>, Memory<float> or an [InlineArray] of float)";
            }

            switch (member.Kind)
            {
                case MemberKind.Other:
                    return "NormGuard normalizes numbers, bools, enums and strings";
                case MemberKind.Char:
                    return "use a string or an enum for a categorical character";
                case MemberKind.String when !oneHot:
                    return "a string can only be one-hot encoded";
                case MemberKind.Enum when !oneHot:
                    return "an enum can only be one-hot encoded";
                case MemberKind.Bool when !passthrough:
                    return "a bool is written as 0 or 1 with [Passthrough]";
                case MemberKind.Float or MemberKind.Double or MemberKind.Decimal when oneHot:
                    return "one-hot encoding needs a category: an enum, a string or an integer";
                default:
                    return null;
            }
        }

        /// <summary>The steps a vector member can take ([ZScore] works per dimension on a vector).</summary>
        public static bool IsVectorStep(StepKind kind) => kind is StepKind.ZScore || IsVectorOnlyStep(kind);

        public static bool IsVectorOnlyStep(StepKind kind) => kind is StepKind.L2 or StepKind.Center or StepKind.Pca or StepKind.Truncate;

        private static string? CompositionProblem(MemberSpec member)
        {
            if (member.Kind == MemberKind.Vector)
            {
                return member.Steps.Count(s => s.Kind == StepKind.Pca) > 1 ? "a vector member has at most one [Pca] step" : null;
            }

            int standalone = member.Steps.Count(s => s.Kind is StepKind.OneHot or StepKind.Passthrough);
            int fitted = member.Steps.Count(s => s.Kind is StepKind.ZScore or StepKind.MinMax or StepKind.MaxAbs or StepKind.Robust);
            if (standalone > 0 && member.Steps.Count > 1)
            {
                return "[OneHot] and [Passthrough] stand alone";
            }

            return fitted > 1 ? "a feature has at most one fitted scaling step (log steps may precede it, [Clip] may follow)" : null;
        }

        private static void CheckCategories(MemberSpec member, ManifestData manifest, string path, List<DiagnosticInfo> diagnostics)
        {
            FeatureData? feature = manifest.Features.FirstOrDefault(f => f.Name == member.FeatureName);
            if (feature is null || feature.Steps.Count == 0 || feature.Steps[0].Op != ManifestOp.OneHot)
            {
                return;
            }

            StepData step = feature.Steps[0];
            foreach (string category in step.Categories)
            {
                string? problem = member.Kind switch
                {
                    MemberKind.Enum when !member.EnumMembers.Any(e => e.Name == category) => "the manifest's category \"" + category + "\" is not a member of the enum",
                    MemberKind.Integer when !long.TryParse(category, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) => "the manifest's category \"" + category + "\" is not an integer",
                    _ => null,
                };
                if (problem is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StepTypeMismatch, LocationInfo.InFile(path, step.Range), member.Name, member.TypeName, "[OneHot]", problem));
                    return;
                }
            }
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class StepTypeMismatchAnalyzer : FeatureSetAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.StepTypeMismatch);

        protected override void Analyze(FeatureSetContext context)
        {
            var diagnostics = new List<DiagnosticInfo>();
            StepTypeRule.Check(context.Spec, context.Data, context.Manifest?.Path, diagnostics);
            context.Report(diagnostics, DiagnosticDescriptors.StepTypeMismatch);
        }
    }
}
