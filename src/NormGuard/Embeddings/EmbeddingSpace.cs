using System;

namespace NormGuard;

/// <summary>
/// An embedding space as a manifest declares it: the producing model, its native dimension, the dimension after the
/// steps, and whether the steps leave vectors of unit length. Reached from <see cref="FeatureSetInfo"/> for a
/// feature set's vector features.
/// </summary>
public sealed partial class EmbeddingSpace
{
    public EmbeddingSpace(string name, string model, string? revision, int nativeDimension, int dimension, string normalization, bool isUnitLength, string sha256)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Revision = revision;
        NativeDimension = nativeDimension;
        Dimension = dimension;
        Normalization = normalization ?? throw new ArgumentNullException(nameof(normalization));
        IsUnitLength = isUnitLength;
        Sha256 = sha256 ?? throw new ArgumentNullException(nameof(sha256));
    }

    public string Name { get; }

    /// <summary>The producing model's id (for example <c>sentence-transformers/all-MiniLM-L6-v2</c>).</summary>
    public string Model { get; }

    public string? Revision { get; }

    /// <summary>The length of the vectors the model emits.</summary>
    public int NativeDimension { get; }

    /// <summary>The length after the steps (truncation, PCA).</summary>
    public int Dimension { get; }

    /// <summary>The steps in order, for example <c>"center, l2"</c>; <c>"none"</c> without steps.</summary>
    public string Normalization { get; }

    /// <summary>The last step is an L2 normalization, so normalized vectors have unit length (or are zero).</summary>
    public bool IsUnitLength { get; }

    /// <summary>SHA-256 of the space's canonical definition (model, dimensions, steps and their parameters; not the stats).</summary>
    public string Sha256 { get; }

    public override string ToString() => $"{Name} ({Model}{(Revision is null ? string.Empty : "@" + Revision)}, {NativeDimension}→{Dimension}, {Normalization})";
}
