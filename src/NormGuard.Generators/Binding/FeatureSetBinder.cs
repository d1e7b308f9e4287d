using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using NormGuard.Generators.Analyzers;
using NormGuard.Generators.Model;
using NormGuard.Manifests;

namespace NormGuard.Generators.Binding
{
    /// <summary>
    /// Binds record members to manifest features once the rules that would make binding impossible are clear.
    /// Pure: the same inputs give an equal <see cref="GenerationModel"/>, so unchanged feature sets stay cached.
    /// </summary>
    internal static class FeatureSetBinder
    {
        public static GenerationModel Bind(FeatureSetSpec spec, ImmutableArray<ManifestFile> manifests)
        {
            string fitDType = FitDType(spec);
            var diagnostics = new List<DiagnosticInfo>();

            // Problems that leave nothing to bind. The analyzers report them; the generator reports only NG0001/NG0002.
            StepTypeRule.Check(spec, null, null, diagnostics);
            NotPartialRule.Check(spec, diagnostics);
            CategoricalScaledRule.Check(spec, diagnostics);
            VectorRule.Check(spec, null, diagnostics);
            if (diagnostics.Count > 0)
            {
                return Result(spec, spec.ProfilePin ?? "normguard", fitDType, null, diagnostics);
            }

            ManifestFile? file = ManifestLookup.Find(spec, manifests, diagnostics);
            if (file is null)
            {
                return Result(spec, spec.ProfilePin ?? "normguard", fitDType, null, diagnostics);
            }

            ManifestData manifest = file.Result.Manifest!;
            StepTypeRule.Check(spec, manifest, file.Path, diagnostics);
            StepsDifferRule.Check(spec, manifest, diagnostics);
            MemberNotInManifestRule.Check(spec, manifest, file.Path, diagnostics);
            ManifestFeatureNotInRecordRule.Check(spec, manifest, file.Path, diagnostics);
            VectorRule.Check(spec, manifest, diagnostics);
            bool nonFinite = ParameterRule.HasErrors(manifest, file.Path);
            BoundFeatureSet? bound = diagnostics.Count == 0 && !nonFinite ? BindFeatures(spec, manifest) : null;
            return Result(spec, spec.ProfilePin ?? manifest.Profile, manifest.DType, bound, diagnostics, nonFinite);
        }

        private static GenerationModel Result(FeatureSetSpec spec, string profile, string dtype, BoundFeatureSet? bound, List<DiagnosticInfo> diagnostics, bool nonFinite = false)
        {
            string[] because = bound is not null
                ? Array.Empty<string>()
                : diagnostics.Select(d => d.Id).Concat(nonFinite ? new[] { "NG0011" } : Array.Empty<string>()).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToArray();
            return new GenerationModel(spec, profile, dtype)
            {
                Bound = bound,
                Diagnostics = new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()),
                UnboundBecause = new EquatableArray<string>(because),
            };
        }

        private static string FitDType(FeatureSetSpec spec)
        {
            // Embeddings are float32, and a vector feature's arithmetic exists in float32 only (docs/embeddings.md).
            if (spec.Members.Any(m => m.IsFeature && m.Kind == MemberKind.Vector))
            {
                return "float32";
            }

            bool anyNumeric = false;
            foreach (MemberSpec member in spec.Members)
            {
                if (member.IsFeature && member.Kind is MemberKind.Double or MemberKind.Integer or MemberKind.Decimal)
                {
                    return "float64";
                }

                anyNumeric |= member.IsFeature && member.Kind == MemberKind.Float;
            }

            return anyNumeric ? "float32" : "float64";
        }

        private static BoundFeatureSet BindFeatures(FeatureSetSpec spec, ManifestData manifest)
        {
            var byName = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < spec.Members.Count; i++)
            {
                if (spec.Members[i].IsFeature)
                {
                    byName[spec.Members[i].FeatureName] = i;
                }
            }

            var plans = new List<FeaturePlan>();
            var columns = new List<string>();
            Precision precision = ProfileArithmetic.PrecisionOf(manifest.Profile, manifest.DType);
            int inputs = 0;
            foreach (FeatureData feature in manifest.Features)
            {
                int index = byName[feature.Name];
                FeaturePlan plan = feature.Space is not null
                    ? VectorFeature(index, feature, manifest, columns.Count, precision)
                    : Plan(spec.Members[index], index, feature, manifest, columns.Count, precision);
                plan = plan with { InputOffset = inputs };
                inputs += plan.InputWidth;
                plans.Add(plan);
                if (plan.Kind == PlanKind.Vector)
                {
                    for (int i = 0; i < plan.Width; i++)
                    {
                        columns.Add(feature.Name + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]");
                    }
                }
                else if (plan.Kind == PlanKind.OneHot)
                {
                    columns.AddRange(plan.Categories.Select(c => feature.Name + "=" + c));
                }
                else
                {
                    columns.Add(feature.Name);
                }
            }

            return new BoundFeatureSet(manifest.FeatureSet, manifest.Version, manifest.Sha256, manifest.Profile, manifest.DType, manifest.CanonicalJson)
            {
                OutputColumns = new EquatableArray<string>(columns.ToArray()),
                Features = new EquatableArray<FeaturePlan>(plans.ToArray()),
                Streamable = IsStreamable(spec, plans),
                InputCount = inputs,
            };
        }

        private static FeaturePlan VectorFeature(int index, FeatureData feature, ManifestData manifest, int offset, Precision precision)
        {
            VectorPlan vector = VectorBinder.Plan(feature, manifest);
            return new FeaturePlan(index, feature.Name, offset, vector.Dimension, PlanKind.Vector, precision)
            {
                Vector = vector,
                Missing = feature.Missing,
            };
        }

        private static FeaturePlan Plan(MemberSpec member, int index, FeatureData feature, ManifestData manifest, int offset, Precision precision)
        {
            StepData first = feature.Steps[0];
            if (first.Op == ManifestOp.OneHot)
            {
                return new FeaturePlan(index, feature.Name, offset, first.Categories.Count, PlanKind.OneHot, precision)
                {
                    Categories = first.Categories,
                    UnknownAllZeros = first.Unknown == UnknownKind.AllZeros,
                    Missing = feature.Missing,
                    FillValue = feature.FillValue,
                };
            }

            if (first.Op == ManifestOp.Passthrough)
            {
                return new FeaturePlan(index, feature.Name, offset, 1, PlanKind.Passthrough, precision) { Missing = feature.Missing, FillValue = feature.FillValue };
            }

            List<ArithStep> ops = ProfileArithmetic.Plan(manifest.Profile, manifest.DType, feature.Steps, feature.MLNetVectorColumn);
            return new FeaturePlan(index, feature.Name, offset, 1, PlanKind.Numeric, precision)
            {
                Ops = new EquatableArray<ArithStep>(ops.ToArray()),
                Missing = feature.Missing,
                FillValue = feature.FillValue,
            };
        }

        private static bool IsStreamable(FeatureSetSpec spec, List<FeaturePlan> plans)
        {
            if (!spec.HasFlatFloatLayout || plans.Count != spec.Members.Count || plans.Any(p => p.Kind == PlanKind.Vector))
            {
                return false;
            }

            for (int i = 0; i < plans.Count; i++)
            {
                FeaturePlan plan = plans[i];
                if (plan.MemberIndex != i || plan.Kind == PlanKind.OneHot || !KernelShape.Fits(plan))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
