using System;
using NormGuard.Internal;

namespace SemanticSearch.Embeddings;

/// <summary>
/// The embedding space both components exchange vectors in: all-MiniLM-L6-v2's raw 384-dimension sentence vectors,
/// L2-normalized, so the index ranks by cosine with a plain dot product.
/// <para>
/// ISSUE-16 WIRING (lead): this class stands in for what the generator and the manifest give once they land. Replace
/// it with a feature record bound to a manifest (see Wiring/DocumentFeatures.cs.pending):
/// <c>[Embedding("debian-docs-minilm", 384, Model = MiniLmEmbedder.Model, Revision = MiniLmEmbedder.Revision), L2Normalize]</c>
/// on a <c>float[]</c> member; then <see cref="Normalize"/> becomes the generated <c>Normalize</c>, and
/// <see cref="Describe"/> becomes <c>FeatureSetInfo.GetEmbeddingSpace("Embedding")</c> (an <c>EmbeddingSpace</c>
/// with the manifest's SHA-256).
/// </para>
/// </summary>
public static class DocsSpace
{
    public const string Name = "debian-docs-minilm";

    public const string Normalization = "l2";

    /// <summary>The space as written into the index and checked by the query service: name, model, revision,
    /// dimensions and steps. (The manifest's space SHA-256 replaces this string once the manifest lands.)</summary>
    public static string Describe() =>
        $"{Name}|{MiniLmEmbedder.Model}|{MiniLmEmbedder.Revision}|{MiniLmEmbedder.Dimension}->{MiniLmEmbedder.Dimension}|{Normalization}";

    /// <summary>The space's steps: unit L2 normalization (scikit-learn's rule), the kernel generated code calls.</summary>
    public static float[] Normalize(float[] raw)
    {
        if (raw.Length != MiniLmEmbedder.Dimension)
        {
            throw new ArgumentException($"Space {Name}: expected {MiniLmEmbedder.Dimension} values, found {raw.Length}.", nameof(raw));
        }

        float[] unit = new float[raw.Length];
        VectorKernels.L2Normalize(raw, unit);
        return unit;
    }
}
