using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using NormGuard.Generators.Diagnostics;
using NormGuard.Generators.Model;
using NormGuard.Manifests;

namespace NormGuard.Generators.Binding
{
    /// <summary>
    /// Finds a feature set's manifest among the AdditionalFiles and binds record members to manifest features.
    /// Pure: the same inputs give an equal <see cref="GenerationModel"/>, so unchanged feature sets stay cached.
    /// </summary>
    internal static class FeatureSetBinder
    {
        public static GenerationModel Bind(FeatureSetSpec spec, ImmutableArray<ManifestFile> manifests)
        {
            string fitDType = FitDType(spec);
            var diagnostics = new List<DiagnosticInfo>(spec.Diagnostics);
            if (spec.Type.IsGeneric)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StepTypeMismatch, spec.Location, spec.Type.Name, "a generic type", "[FeatureSet]", "feature records are concrete types; declare one per type argument"));
                return Result(spec, spec.ProfilePin ?? "normguard", fitDType, null, diagnostics);
            }

            if (!spec.Type.IsPartial)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, spec.Location, spec.Type.Name));
                return Result(spec, spec.ProfilePin ?? "normguard", fitDType, null, diagnostics);
            }

            ManifestFile? file = Find(spec, manifests, diagnostics);
            if (file is null)
            {
                return Result(spec, spec.ProfilePin ?? "normguard", fitDType, null, diagnostics);
            }

            if (!file.Result.Succeeded)
            {
                foreach (ManifestError error in file.Result.Errors)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnreadableManifest, LocationInfo.InFile(file.Path, error.Range), FileName(file.Path), error.Message));
                }

                return Result(spec, spec.ProfilePin ?? "normguard", fitDType, null, diagnostics);
            }

            ManifestData manifest = file.Result.Manifest!;
            if (manifest.FeatureSet != spec.FeatureSetName)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.UnreadableManifest,
                    LocationInfo.InFile(file.Path, manifest.FeatureSetRange),
                    FileName(file.Path),
                    "it is the manifest of feature set '" + Shorten(manifest.FeatureSet) + "', not '" + spec.FeatureSetName + "'"));
                return Result(spec, spec.ProfilePin ?? manifest.Profile, fitDType, null, diagnostics);
            }

            BoundFeatureSet? bound = BindFeatures(spec, manifest, file.Path, diagnostics);
            return Result(spec, spec.ProfilePin ?? manifest.Profile, manifest.DType, bound, diagnostics);
        }

        private static GenerationModel Result(FeatureSetSpec spec, string profile, string dtype, BoundFeatureSet? bound, List<DiagnosticInfo> diagnostics) =>
            new GenerationModel(spec, profile, dtype) { Bound = bound, Diagnostics = new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()) };

        private static string FitDType(FeatureSetSpec spec)
        {
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

        private static ManifestFile? Find(FeatureSetSpec spec, ImmutableArray<ManifestFile> manifests, List<DiagnosticInfo> diagnostics)
        {
            string wanted = spec.ManifestFileName.Replace('\\', '/');
            var matches = manifests.Where(m => Matches(m.Path.Replace('\\', '/'), wanted)).ToList();
            if (matches.Count == 1)
            {
                return matches[0];
            }

            string hint = matches.Count == 0
                ? string.Empty
                : " (" + matches.Count.ToString(CultureInfo.InvariantCulture) + " AdditionalFiles match: " + string.Join(", ", matches.Select(m => m.Path)) + "; name one with [FeatureSet(Manifest = \"dir/file.normguard.json\")])";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoManifest, spec.Location, spec.FeatureSetName, spec.ManifestFileName, hint));
            return null;
        }

        private static bool Matches(string path, string wanted) =>
            path.Equals(wanted, StringComparison.OrdinalIgnoreCase) ||
            path.EndsWith("/" + wanted, StringComparison.OrdinalIgnoreCase);

        private static string FileName(string path)
        {
            int slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
            return slash < 0 ? path : path.Substring(slash + 1);
        }

        private static BoundFeatureSet? BindFeatures(FeatureSetSpec spec, ManifestData manifest, string path, List<DiagnosticInfo> diagnostics)
        {
            int errorsBefore = diagnostics.Count;
            var byName = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < spec.Members.Count; i++)
            {
                MemberSpec member = spec.Members[i];
                if (!member.IsFeature)
                {
                    continue;
                }

                CheckMemberSteps(member, diagnostics);
                if (!manifest.Features.Any(f => f.Name == member.FeatureName))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberNotInManifest, member.Location, member.Name, FileName(path), member.FeatureName));
                }

                byName[member.FeatureName] = i;
            }

            var plans = new List<FeaturePlan>();
            var columns = new List<string>();
            Precision precision = ProfileArithmetic.PrecisionOf(manifest.Profile, manifest.DType);
            foreach (FeatureData feature in manifest.Features)
            {
                if (!byName.TryGetValue(feature.Name, out int index))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ManifestFeatureNotInRecord, LocationInfo.InFile(path, feature.Range), feature.Name, spec.Type.Name));
                    continue;
                }

                MemberSpec member = spec.Members[index];
                if (!StepsMatch(member, feature, path, diagnostics))
                {
                    continue;
                }

                FeaturePlan plan = Plan(member, index, feature, manifest, columns.Count, precision);
                plans.Add(plan);
                if (plan.Kind == PlanKind.OneHot)
                {
                    columns.AddRange(plan.Categories.Select(c => feature.Name + "=" + c));
                }
                else
                {
                    columns.Add(feature.Name);
                }
            }

            if (diagnostics.Count > errorsBefore)
            {
                return null;
            }

            return new BoundFeatureSet(manifest.FeatureSet, manifest.Version, manifest.Sha256, manifest.Profile, manifest.DType, manifest.CanonicalJson)
            {
                OutputColumns = new EquatableArray<string>(columns.ToArray()),
                Features = new EquatableArray<FeaturePlan>(plans.ToArray()),
                Streamable = IsStreamable(spec, plans),
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

            List<ArithStep> ops = ProfileArithmetic.Plan(manifest.Profile, manifest.DType, feature.Steps);
            return new FeaturePlan(index, feature.Name, offset, 1, PlanKind.Numeric, precision)
            {
                Ops = new EquatableArray<ArithStep>(ops.ToArray()),
                Missing = feature.Missing,
                FillValue = feature.FillValue,
            };
        }

        private static void CheckMemberSteps(MemberSpec member, List<DiagnosticInfo> diagnostics)
        {
            bool categorical = member.IsCategorical || member.Kind is MemberKind.Enum or MemberKind.Bool or MemberKind.String or MemberKind.Char;
            foreach (StepSpec step in member.Steps)
            {
                bool scaling = step.Kind is StepKind.ZScore or StepKind.MinMax or StepKind.MaxAbs or StepKind.Robust or StepKind.Log or StepKind.Log1p;
                if (scaling && categorical)
                {
                    string why = member.IsCategorical ? "declared [Categorical]" : Describe(member.Kind);
                    string fix = member.Kind switch
                    {
                        MemberKind.Bool => "write it as 0 or 1 with [Passthrough]",
                        MemberKind.Char => "make it a string or an enum and encode it with [OneHot]",
                        _ => "encode it with [OneHot], or remove the scaling step",
                    };
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CategoricalScaled, step.Location ?? member.Location, member.Name, why, "[" + step.Kind + "]", fix));
                    return;
                }
            }

            string? problem = TypeProblem(member);
            if (problem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StepTypeMismatch, member.Location, member.Name, member.TypeName, Describe(member.Steps), problem));
                return;
            }

            int oneHotOrPassthrough = member.Steps.Count(s => s.Kind is StepKind.OneHot or StepKind.Passthrough);
            int fitted = member.Steps.Count(s => s.Kind is StepKind.ZScore or StepKind.MinMax or StepKind.MaxAbs or StepKind.Robust);
            if ((oneHotOrPassthrough > 0 && member.Steps.Count > 1) || fitted > 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.StepTypeMismatch,
                    member.Location,
                    member.Name,
                    member.TypeName,
                    Describe(member.Steps),
                    oneHotOrPassthrough > 0 ? "[OneHot] and [Passthrough] stand alone" : "a feature has at most one fitted scaling step (log steps may precede it, [Clip] may follow)"));
            }
        }

        /// <summary>Why <paramref name="member"/>'s type cannot take its steps, or null when it can.</summary>
        internal static string? TypeProblem(MemberSpec member)
        {
            bool oneHot = member.Steps.Any(s => s.Kind == StepKind.OneHot);
            bool passthrough = member.Steps.Any(s => s.Kind == StepKind.Passthrough);
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

        private static bool StepsMatch(MemberSpec member, FeatureData feature, string path, List<DiagnosticInfo> diagnostics)
        {
            bool match = member.Steps.Count == feature.Steps.Count;
            for (int i = 0; match && i < member.Steps.Count; i++)
            {
                match = StepMatches(member.Steps[i], feature.Steps[i]);
            }

            if (!match)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StepsDiffer, member.Location, member.Name, Describe(member.Steps), feature.Name, Describe(feature.Steps)));
                return false;
            }

            if (member.Kind == MemberKind.Enum)
            {
                foreach (string category in feature.Steps[0].Categories)
                {
                    if (!member.EnumMembers.Any(e => e.Name == category))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StepTypeMismatch, LocationInfo.InFile(path, feature.Steps[0].Range), member.Name, member.TypeName, "[OneHot]", "the manifest's category \"" + category + "\" is not a member of the enum"));
                        return false;
                    }
                }
            }

            if (member.Kind == MemberKind.Integer && feature.Steps[0].Op == ManifestOp.OneHot)
            {
                foreach (string category in feature.Steps[0].Categories)
                {
                    if (!long.TryParse(category, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StepTypeMismatch, LocationInfo.InFile(path, feature.Steps[0].Range), member.Name, member.TypeName, "[OneHot]", "the manifest's category \"" + category + "\" is not an integer"));
                        return false;
                    }
                }
            }

            return true;
        }

        private static bool StepMatches(StepSpec declared, StepData manifest) => declared.Kind switch
        {
            StepKind.ZScore => manifest.Op == ManifestOp.ZScore,
            StepKind.MinMax => manifest.Op == ManifestOp.MinMax && declared.First == manifest.Low && declared.Second == manifest.High && declared.Flag == manifest.Clip,
            StepKind.MaxAbs => manifest.Op == ManifestOp.MaxAbs,
            StepKind.Robust => manifest.Op == ManifestOp.Robust && declared.First == manifest.Lower && declared.Second == manifest.Upper,
            StepKind.Log1p => manifest.Op == ManifestOp.Log1p,
            StepKind.Log => manifest.Op == ManifestOp.Log,
            StepKind.Clip => manifest.Op == ManifestOp.Clip && declared.First == manifest.Min && declared.Second == manifest.Max,
            StepKind.OneHot => manifest.Op == ManifestOp.OneHot && declared.Flag == (manifest.Unknown == UnknownKind.AllZeros),
            StepKind.Passthrough => manifest.Op == ManifestOp.Passthrough,
            _ => false,
        };

        private static bool IsStreamable(FeatureSetSpec spec, List<FeaturePlan> plans)
        {
            if (!spec.HasFlatFloatLayout || plans.Count != spec.Members.Count)
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

        private static string Describe(MemberKind kind) => kind switch
        {
            MemberKind.Enum => "an enum",
            MemberKind.Bool => "a bool",
            MemberKind.String => "a string",
            _ => "a char",
        };

        private static string Describe(EquatableArray<StepSpec> steps) =>
            steps.Count == 0 ? "no steps" : string.Join(", ", steps.Select(s => s.Kind switch
            {
                StepKind.MinMax => "[MinMax(" + Show(s.First) + ", " + Show(s.Second) + (s.Flag ? ", Clip = true" : string.Empty) + ")]",
                StepKind.Robust => "[Robust(" + Show(s.First) + ", " + Show(s.Second) + ")]",
                StepKind.Clip => "[Clip(" + Show(s.First) + ", " + Show(s.Second) + ")]",
                StepKind.OneHot => s.Flag ? "[OneHot(Unknown = AllZeros)]" : "[OneHot]",
                _ => "[" + s.Kind + "]",
            }));

        private static string Describe(EquatableArray<StepData> steps) =>
            string.Join(", ", steps.Select(s => s.Op switch
            {
                ManifestOp.MinMax => "minmax(low " + Show(s.Low) + ", high " + Show(s.High) + (s.Clip ? ", clip" : string.Empty) + ")",
                ManifestOp.Robust => "robust(" + Show(s.Lower) + ", " + Show(s.Upper) + ")",
                ManifestOp.Clip => "clip(" + Show(s.Min) + ", " + Show(s.Max) + ")",
                ManifestOp.OneHot => "onehot(unknown " + (s.Unknown == UnknownKind.AllZeros ? "allZeros" : "error") + ")",
                _ => s.Op.ToString().ToLowerInvariant(),
            }));

        private static string Show(double value) => JsonNumber.FormatCanonical(value);

        private static string Shorten(string text) => text.Length <= 60 ? text : text.Substring(0, 57) + "...";
    }
}
