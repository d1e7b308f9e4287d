using System;
using System.IO;

namespace NormGuard.Tool.Commands;

/// <summary>
/// How a build binds a manifest file: <c>[FeatureSet("name")]</c> binds the AdditionalFile named
/// <c>name.normguard.json</c>, and only files ending in <c>.normguard.json</c> are read as manifests. A manifest written
/// under another name binds only through <c>[FeatureSet("name", Manifest = "file")]</c>; this says so.
/// </summary>
internal static class ManifestBinding
{
    public const string Suffix = ".normguard.json";

    /// <summary>Null when <paramref name="path"/> is the file <c>[FeatureSet("featureSet")]</c> binds by default;
    /// otherwise the note that tells how a build binds it.</summary>
    public static string? Note(string featureSet, string path)
    {
        string file = Path.GetFileName(path);
        string conventional = featureSet + Suffix;
        if (file.Equals(conventional, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!file.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase))
        {
            string renamed = Path.GetFileNameWithoutExtension(file) + Suffix;
            return $"note: builds read only AdditionalFiles ending in {Suffix} as manifests, so no build binds {file}: rename it to {conventional} (bound by [FeatureSet(\"{featureSet}\")]), or to {renamed} and bind it with [FeatureSet(\"{featureSet}\", Manifest = \"{renamed}\")]";
        }

        return $"note: [FeatureSet(\"{featureSet}\")] binds {conventional}, not {file}: bind this file with [FeatureSet(\"{featureSet}\", Manifest = \"{file}\")], or rename it to {conventional} (and remove the older one from the build)";
    }
}
