using System;

namespace NormGuard;

/// <summary>
/// Marks a <c>partial</c> class, struct or record as a feature record bound to a parameter manifest
/// (<c>&lt;name&gt;.normguard.json</c> among the project's AdditionalFiles).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false, AllowMultiple = false)]
public sealed class FeatureSetAttribute : Attribute
{
    public FeatureSetAttribute(string name) => Name = name;

    /// <summary>The feature set's name, as in the manifest's <c>featureSet</c>.</summary>
    public string Name { get; }

    /// <summary>The manifest version this code was written against; 0 (the default) pins nothing.</summary>
    public int Version { get; set; }

    /// <summary>The manifest file name; default <c>&lt;Name&gt;.normguard.json</c>.</summary>
    public string? Manifest { get; set; }

    /// <summary>
    /// The profile (training library arithmetic) the manifest must have. Setting it pins it; when it is not set the
    /// manifest's profile is used, and a fitter created without a manifest uses <see cref="NormalizationProfile.NormGuard"/>.
    /// </summary>
    public NormalizationProfile Profile { get; set; }

    /// <summary>
    /// A model artifact among the AdditionalFiles that was trained with this feature set: an <c>.onnx</c> file whose
    /// <c>metadata_props</c> carry <c>normguard.featureSet</c> and <c>normguard.sha256</c>, or a JSON lock file
    /// (<c>{"featureSet": …, "version": …, "sha256": …}</c>). The build fails (NG0003) when the model expects
    /// another manifest than the one bound here.
    /// </summary>
    public string? Model { get; set; }
}
