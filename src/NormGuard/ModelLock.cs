using System;
using System.Globalization;
using System.IO;
using System.Text;
using NormGuard.Manifests;

namespace NormGuard;

/// <summary>
/// Writes a model lock file: the small JSON record that binds a trained model to the manifest its features were
/// normalized with, <c>{"format": "normguard.lock/1", "featureSet": "…", "version": 3, "sha256": "…"}</c>.
/// List it as an AdditionalFile and name it in <c>[FeatureSet(Model = "price.lock.json")]</c>: the build then fails
/// (NG0003) when the record binds another manifest than the one the model was trained with.
/// </summary>
/// <remarks>
/// For an ONNX model the same binding can live inside the model itself, in <c>metadata_props</c>
/// (<c>normguard.featureSet</c>, <c>normguard.sha256</c>, <c>normguard.version</c>); see docs/rules/NG0003.md.
/// </remarks>
public static class ModelLock
{
    /// <summary>The lock file format identifier.</summary>
    public const string Format = "normguard.lock/1";

    /// <summary>The lock file for a model trained with <paramref name="featureSet"/> (a generated type's <c>FeatureSet</c>).</summary>
    public static string ToJson(FeatureSetInfo featureSet)
    {
        ArgumentNullException.ThrowIfNull(featureSet);
        return ToJson(featureSet.Name, featureSet.Version, featureSet.Sha256);
    }

    /// <summary>The lock file for a model trained with <paramref name="manifest"/> (for example right after fitting it).</summary>
    public static string ToJson(Manifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return ToJson(manifest.FeatureSet, manifest.Version, manifest.Sha256);
    }

    /// <summary>Writes <see cref="ToJson(FeatureSetInfo)"/> to <paramref name="path"/> as UTF-8 without a byte order mark.</summary>
    public static void Write(FeatureSetInfo featureSet, string path) =>
        File.WriteAllText(path, ToJson(featureSet), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

    /// <summary>Writes <see cref="ToJson(Manifest)"/> to <paramref name="path"/> as UTF-8 without a byte order mark.</summary>
    public static void Write(Manifest manifest, string path) =>
        File.WriteAllText(path, ToJson(manifest), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

    private static string ToJson(string featureSet, int version, string sha256)
    {
        var json = new StringBuilder();
        json.Append("{\n  \"format\": ");
        CanonicalJson.WriteString(Format, json);
        json.Append(",\n  \"featureSet\": ");
        CanonicalJson.WriteString(featureSet, json);
        json.Append(",\n  \"version\": ").Append(version.ToString(CultureInfo.InvariantCulture));
        json.Append(",\n  \"sha256\": ");
        CanonicalJson.WriteString(sha256, json);
        json.Append("\n}\n");
        return json.ToString();
    }
}
