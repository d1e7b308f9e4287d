using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using NormGuard.Manifests;

namespace NormGuard;

/// <summary>The precision the training pipeline computed in (the manifest's <c>dtype</c>).</summary>
public enum ManifestDType
{
    Float64,
    Float32,
}

/// <summary>
/// A parameter manifest (<c>normguard.manifest/1</c>): the fitted parameters of one feature set, their version,
/// the profile whose arithmetic they follow, where they were fitted, and a training baseline.
/// </summary>
public sealed partial class Manifest
{
    /// <summary>The format this library reads and writes.</summary>
    public const string Format = ManifestReader.FormatId;

    private string? _canonicalJson;

    // The document a manifest was read from: saving it again keeps its content, so its hash does not change.
    private JsonNode? _document;

    public required string FeatureSet { get; init; }

    public required int Version { get; init; }

    public NormalizationProfile Profile { get; init; }

    public ManifestDType DType { get; init; }

    public FitProvenance? Fit { get; init; }

    public required IReadOnlyList<FeatureManifest> Features { get; init; }

    /// <summary>Hand edits accepted with <c>normguard seal</c> since the fit, oldest first (the hash covers them).</summary>
    public IReadOnlyList<ManifestEdit> Edits { get; init; } = Array.Empty<ManifestEdit>();

    /// <summary>Lowercase hex SHA-256 of <see cref="ToCanonicalJson"/>: the same content has the same hash everywhere.</summary>
    public string Sha256 => CanonicalJson.Sha256Hex(ToCanonicalJson());

    /// <summary>
    /// The RFC 8785 canonical form without the <c>sha256</c> field, which the hash covers. For a loaded manifest
    /// it is the canonical form of the file's content, exactly as the generator saw it.
    /// </summary>
    public string ToCanonicalJson() => _canonicalJson ??= CanonicalJson.Write(ManifestJson.ToNode(this, includeSha256: false));

    /// <summary>The manifest as it is saved: every field explicit, fixed field order, two-space indentation, <c>sha256</c> last.</summary>
    /// <remarks>A manifest that was read from text is written with that text's fields, so the hash stays the same.</remarks>
    public string ToJson() => ManifestJson.WriteIndented(_document is null ? ManifestJson.ToNode(this, includeSha256: true) : ManifestJson.WithSha256(_document, Sha256));

    public void Save(string path) => File.WriteAllText(path, ToJson(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

    public void Save(Stream stream)
    {
        byte[] bytes = new UTF8Encoding(false).GetBytes(ToJson());
        stream.Write(bytes, 0, bytes.Length);
    }

    /// <summary>Reads a manifest file. Throws <see cref="ManifestException"/> naming the line and column of every problem.</summary>
    public static Manifest Load(string path) => Parse(File.ReadAllText(path), path);

    public static Manifest Load(Stream stream, string? sourceName = null)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Parse(reader.ReadToEnd(), sourceName);
    }

    /// <summary>Parses manifest text with the same reader the generator uses.</summary>
    public static Manifest Parse(string json, string? sourceName = null) => Parse(ManifestReader.Read(json, template: false, out JsonNode? document), document, sourceName);

    /// <summary>
    /// Reads a template: a manifest without fitted parameters (and optionally without version and categories), which
    /// says what to fit — feature names, steps, their fixed options, profile. Absent parameters read as 0; a complete
    /// manifest is also a valid template.
    /// </summary>
    public static Manifest ParseTemplate(string json, string? sourceName = null) => Parse(ManifestReader.Read(json, template: true, out JsonNode? document), document, sourceName);

    public static Manifest LoadTemplate(string path) => ParseTemplate(File.ReadAllText(path), path);

    private static Manifest Parse(ManifestReadResult result, JsonNode? document, string? sourceName)
    {
        if (!result.Succeeded)
        {
            var problems = new List<ManifestProblem>();
            foreach (ManifestError error in result.Errors)
            {
                problems.Add(new ManifestProblem(error.Message, error.Range.StartLine + 1, error.Range.StartColumn + 1));
            }

            throw new ManifestException(sourceName, problems);
        }

        Manifest manifest = ManifestJson.FromData(result.Manifest!);
        manifest._canonicalJson = result.Manifest!.CanonicalJson;
        // The reader's own tree: a second parse doubled the time Load takes on a large manifest.
        manifest._document = document;
        return manifest;
    }

    internal static string ProfileName(NormalizationProfile profile) => profile switch
    {
        NormalizationProfile.ScikitLearn => "sklearn",
        NormalizationProfile.Onnx => "onnx",
        NormalizationProfile.MLNet => "mlnet",
        NormalizationProfile.Spark => "spark",
        _ => "normguard",
    };

    internal static NormalizationProfile ParseProfile(string name) => name switch
    {
        "sklearn" => NormalizationProfile.ScikitLearn,
        "onnx" => NormalizationProfile.Onnx,
        "mlnet" => NormalizationProfile.MLNet,
        "spark" => NormalizationProfile.Spark,
        "normguard" => NormalizationProfile.NormGuard,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown profile"),
    };
}
