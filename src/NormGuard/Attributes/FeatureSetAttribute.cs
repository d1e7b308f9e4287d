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
    /// The model artifact trained with this feature set, checked at build time (NG0003): <c>Model = "price.onnx"</c>
    /// is matched against the AdditionalFile <c>price.onnx.lock.json</c> (<c>{"featureSet": …, "version": …,
    /// "sha256": …}</c>, written by <see cref="ModelLock"/>), or else against the artifact itself — an ONNX model whose
    /// <c>metadata_props</c> carry <c>normguard.featureSet</c> and <c>normguard.sha256</c> (the compiler only passes a
    /// model to analyzers when its bytes read as text), or a lock file. The build fails when the model expects another
    /// manifest than the one bound here, or when it cannot be checked.
    /// </summary>
    public string? Model { get; set; }
}
