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
    /// <summary>Which AdditionalFile is a feature set's manifest, and whether it can be used (NG0001, NG0002).</summary>
    internal static class ManifestLookup
    {
        /// <summary>The readable manifest of <paramref name="spec"/>, or null with the reason in <paramref name="diagnostics"/>.</summary>
        /// <param name="otherJson">The other <c>*.json</c> AdditionalFiles that declare a feature set, asked for only when
        /// no manifest matches (NG0001 names them).</param>
        public static ManifestFile? Find(FeatureSetSpec spec, ImmutableArray<ManifestFile> manifests, List<DiagnosticInfo> diagnostics, Func<IEnumerable<DeclaredFeatureSet>>? otherJson = null)
        {
            string wanted = spec.ManifestFileName.Replace('\\', '/');
            var matches = new List<ManifestFile>(1);
            foreach (ManifestFile candidate in manifests)
            {
                if (Matches(candidate.NormalizedPath, wanted))
                {
                    matches.Add(candidate);
                }
            }

            if (matches.Count != 1)
            {
                string hint = matches.Count == 0
                    ? string.Empty
                    : " (" + matches.Count.ToString(CultureInfo.InvariantCulture) + " AdditionalFiles match: " + string.Join(", ", matches.Select(m => m.Path)) + "; name one with [FeatureSet(Manifest = \"dir/file.normguard.json\")])";
                (string declared, string bind) = matches.Count == 0 ? Declarations(spec, manifests, otherJson) : (string.Empty, string.Empty);
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoManifest, spec.Location, spec.FeatureSetName, spec.ManifestFileName, hint, spec.Type.Name, declared, bind));
                return null;
            }

            ManifestFile file = matches[0];
            if (!file.Result.Succeeded)
            {
                foreach (ManifestError error in file.Result.Errors)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnreadableManifest, LocationInfo.InFile(file.Path, error.Range), FileName(file.Path), error.Message));
                }

                return null;
            }

            ManifestData manifest = file.Result.Manifest!;
            if (manifest.FeatureSet != spec.FeatureSetName)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.UnreadableManifest,
                    LocationInfo.InFile(file.Path, manifest.FeatureSetRange),
                    FileName(file.Path),
                    "it is the manifest of feature set '" + Text.Shorten(manifest.FeatureSet) + "', not '" + spec.FeatureSetName + "'"));
                return null;
            }

            return file;
        }

        /// <summary>NG0001's account of the AdditionalFiles that declare the feature set under another name (read already,
        /// or scanned), and the <c>Manifest</c> value that binds the one manifest among them.</summary>
        private static (string Message, string Bind) Declarations(FeatureSetSpec spec, ImmutableArray<ManifestFile> manifests, Func<IEnumerable<DeclaredFeatureSet>>? otherJson)
        {
            var read = new List<DeclaredFeatureSet>();
            foreach (ManifestFile file in manifests)
            {
                if (file.Result.Manifest is { } manifest)
                {
                    read.Add(new DeclaredFeatureSet(file.Path, manifest.FeatureSet));
                }
            }

            IEnumerable<DeclaredFeatureSet> others = otherJson?.Invoke() ?? Enumerable.Empty<DeclaredFeatureSet>();
            return ManifestDeclarations.Describe(spec.FeatureSetName, manifests.Select(m => m.NormalizedPath).ToList(), read, others);
        }

        public static string FileName(string path)
        {
            int slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
            return slash < 0 ? path : path.Substring(slash + 1);
        }

        private static bool Matches(string path, string wanted) =>
            path.Equals(wanted, StringComparison.OrdinalIgnoreCase) ||
            path.EndsWith("/" + wanted, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Formatting shared by diagnostic messages.</summary>
    internal static class Text
    {
        public static string Shorten(string text) => text.Length <= 60 ? text : text.Substring(0, 57) + "...";

        public static string Number(double value) => double.IsNaN(value) || double.IsInfinity(value)
            ? value.ToString(CultureInfo.InvariantCulture)
            : JsonNumber.FormatCanonical(value);

        public static string Steps(EquatableArray<StepSpec> steps) =>
            steps.Count == 0 ? "no steps" : string.Join(", ", steps.Select(s => s.Kind switch
            {
                StepKind.MinMax => "[MinMax(" + Number(s.First) + ", " + Number(s.Second) + (s.Flag ? ", Clip = true" : string.Empty) + ")]",
                StepKind.Robust => "[Robust(" + Number(s.First) + ", " + Number(s.Second) + ")]",
                StepKind.Clip => "[Clip(" + Number(s.First) + ", " + Number(s.Second) + ")]",
                StepKind.OneHot => s.Flag ? "[OneHot(Unknown = AllZeros)]" : "[OneHot]",
                StepKind.L2 => s.First == 0d ? "[L2Normalize]" : "[L2Normalize(Epsilon = " + Number(s.First) + ")]",
                StepKind.Pca => "[Pca(" + Number(s.First) + (s.Flag ? ", Whiten = true" : string.Empty) + ")]",
                StepKind.Truncate => "[Truncate(" + Number(s.First) + ")]",
                _ => "[" + s.Kind + "]",
            }));

        /// <summary>The attribute's name without "Attribute" ([L2Normalize] for <see cref="StepKind.L2"/>).</summary>
        public static string AttributeName(StepKind kind) => kind == StepKind.L2 ? "L2Normalize" : kind.ToString();

        public static string Steps(EquatableArray<StepData> steps) =>
            steps.Count == 0 ? "no steps" : string.Join(", ", steps.Select(s => s.Op switch
            {
                ManifestOp.MinMax => "minmax(low " + Number(s.Low) + ", high " + Number(s.High) + (s.Clip ? ", clip" : string.Empty) + ")",
                ManifestOp.Robust => "robust(" + Number(s.Lower) + ", " + Number(s.Upper) + ")",
                ManifestOp.Clip => "clip(" + Number(s.Min) + ", " + Number(s.Max) + ")",
                ManifestOp.OneHot => "onehot(unknown " + (s.Unknown == UnknownKind.AllZeros ? "allZeros" : "error") + ")",
                ManifestOp.L2 => s.Epsilon == 0d ? "l2" : "l2(epsilon " + Number(s.Epsilon) + ")",
                ManifestOp.Pca => "pca(" + s.ComponentCount.ToString(CultureInfo.InvariantCulture) + (s.Whiten ? ", whiten" : string.Empty) + ")",
                ManifestOp.Truncate => "truncate(" + s.Dimension.ToString(CultureInfo.InvariantCulture) + ")",
                _ => s.Op.ToString().ToLowerInvariant(),
            }));
    }
}
