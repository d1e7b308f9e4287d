using System;
using System.Collections.Generic;
using System.Threading;

namespace NormGuard;

/// <summary>
/// What a generated feature set was built with: the manifest's name, version, hash and profile, the output
/// columns in order, and the canonical manifest itself, so that a deployed model carries its exact preprocessing.
/// </summary>
public sealed class FeatureSetInfo
{
    private Manifest? _manifest;

    public FeatureSetInfo(string name, int version, string sha256, NormalizationProfile profile, string[] outputColumns, string manifestJson)
    {
        Name = name;
        Version = version;
        Sha256 = sha256;
        Profile = profile;
        // One instance is shared by every thread that reads T.FeatureSet: a wrapper, not the array, so no caller can
        // cast it back to string[] and rename a column for all of them.
        OutputColumns = Array.AsReadOnly((string[])outputColumns.Clone());
        ManifestJson = manifestJson;
    }

    public string Name { get; }

    public int Version { get; }

    /// <summary>SHA-256 of the manifest's canonical form (see <see cref="Manifest.Sha256"/>).</summary>
    public string Sha256 { get; }

    public NormalizationProfile Profile { get; }

    /// <summary>Output column names in order: the feature name, or <c>feature=category</c> for one-hot outputs.</summary>
    public IReadOnlyList<string> OutputColumns { get; }

    /// <summary>Output floats per row.</summary>
    public int Width => OutputColumns.Count;

    /// <summary>The manifest the code was generated from, in canonical JSON (RFC 8785, without <c>sha256</c>).</summary>
    public string ManifestJson { get; }

    /// <summary>The embedded manifest, parsed on first use.</summary>
    public Manifest Manifest
    {
        get
        {
            if (_manifest is null)
            {
                Interlocked.CompareExchange(ref _manifest, NormGuard.Manifest.Parse(ManifestJson, Name + " (embedded)"), null);
            }

            return _manifest;
        }
    }

    /// <summary>The embedding spaces of the feature set's vector features, from the embedded manifest (empty when it has none).</summary>
    public IReadOnlyList<EmbeddingSpace> EmbeddingSpaces => Manifest.EmbeddingSpaces;

    /// <summary>The embedding space of the vector feature <paramref name="feature"/>, as the embedded manifest declares it.</summary>
    /// <exception cref="ArgumentException">No feature of that name, or a scalar feature; the message lists the vector features.</exception>
    public EmbeddingSpace GetEmbeddingSpace(string feature) => Manifest.GetEmbeddingSpace(feature);

    public override string ToString() => $"{Name} v{Version} ({Manifest.ProfileName(Profile)}, sha256 {Sha256.Substring(0, Math.Min(12, Sha256.Length))})";
}
