using System;

namespace NormGuard;

/// <summary>
/// Declares a fixed-length vector feature (an embedding) of <see cref="Space"/>: the member (a <c>float[]</c>,
/// <c>ReadOnlyMemory&lt;float&gt;</c>, <c>Memory&lt;float&gt;</c> or an inline array of floats) holds
/// <see cref="Dimension"/> values as the producing model emits them. Its steps (<see cref="L2NormalizeAttribute"/>,
/// <see cref="CenterAttribute"/>, <see cref="ZScoreAttribute"/>, <see cref="PcaAttribute"/>,
/// <see cref="TruncateAttribute"/>) follow in attribute order.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false)]
public sealed class EmbeddingAttribute : Attribute
{
    public EmbeddingAttribute(string space, int dimension)
    {
        Space = space;
        Dimension = dimension;
    }

    /// <summary>The embedding space's name: producers and consumers that exchange these vectors name the same space.</summary>
    public string Space { get; }

    /// <summary>The member's length: the producing model's native dimension.</summary>
    public int Dimension { get; }

    /// <summary>Optional pin of the producing model's id (for example <c>sentence-transformers/all-MiniLM-L6-v2</c>).</summary>
    public string? Model { get; set; }

    /// <summary>Optional pin of the producing model's revision.</summary>
    public string? Revision { get; set; }
}

/// <summary>
/// Unit L2 normalization, x / ‖x‖. With <see cref="Epsilon"/> 0 (the default) it follows scikit-learn's
/// <c>normalize(norm="l2")</c>: an all-zero vector stays zero. With <see cref="Epsilon"/> &gt; 0 it follows PyTorch's
/// <c>F.normalize</c>: x / max(‖x‖, ε) (PyTorch's default ε is 1e-12).
/// </summary>
public sealed class L2NormalizeAttribute : NormalizationStepAttribute
{
    public double Epsilon { get; set; }
}

/// <summary>Subtracts the fitted mean vector.</summary>
public sealed class CenterAttribute : NormalizationStepAttribute
{
}

/// <summary>Projects onto the first <see cref="Components"/> principal components of a fitted scikit-learn <c>PCA</c>.</summary>
public sealed class PcaAttribute : NormalizationStepAttribute
{
    public PcaAttribute(int components) => Components = components;

    public int Components { get; }

    /// <summary>Divide each component by the square root of its explained variance (scikit-learn's <c>whiten=True</c>).</summary>
    public bool Whiten { get; set; }
}

/// <summary>Keeps the first <see cref="Dimension"/> values (Matryoshka-style embeddings served at a smaller size); follow it with <see cref="L2NormalizeAttribute"/> to renormalize.</summary>
public sealed class TruncateAttribute : NormalizationStepAttribute
{
    public TruncateAttribute(int dimension) => Dimension = dimension;

    public int Dimension { get; }
}

/// <summary>
/// Binds a vector that is not a feature-set member (a vector-store record's property, a message field) to an
/// embedding space, so the analyzers can check its declared dimension and distance function against the space.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false)]
public sealed class InEmbeddingSpaceAttribute : Attribute
{
    public InEmbeddingSpaceAttribute(string space) => Space = space;

    public string Space { get; }
}

/// <summary>
/// Emitted by the generator for every bound embedding feature, so that analyzers in any assembly that references
/// several can see which definition of each space they use (NG0020).
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class EmbeddingSpaceBindingAttribute : Attribute
{
    public EmbeddingSpaceBindingAttribute(string space, string featureSet, string feature, string model, string revision, int nativeDimension, int dimension, string normalization, bool unitLength, string sha256)
    {
        Space = space;
        FeatureSet = featureSet;
        Feature = feature;
        Model = model;
        Revision = revision;
        NativeDimension = nativeDimension;
        Dimension = dimension;
        Normalization = normalization;
        UnitLength = unitLength;
        Sha256 = sha256;
    }

    public string Space { get; }

    public string FeatureSet { get; }

    public string Feature { get; }

    public string Model { get; }

    /// <summary>Empty when the manifest names none.</summary>
    public string Revision { get; }

    public int NativeDimension { get; }

    /// <summary>The dimension after the steps (truncation, PCA).</summary>
    public int Dimension { get; }

    /// <summary>The steps in order, as <see cref="EmbeddingSpace.Normalization"/> writes them.</summary>
    public string Normalization { get; }

    public bool UnitLength { get; }

    /// <summary>SHA-256 of the space's canonical definition: its <c>space</c> object and its steps with their fitted parameters (not its stats).</summary>
    public string Sha256 { get; }
}
