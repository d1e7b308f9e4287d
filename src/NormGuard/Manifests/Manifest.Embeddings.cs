using System;
using System.Collections.Generic;
using System.Linq;

namespace NormGuard;

public sealed partial class Manifest
{
    private (string Feature, EmbeddingSpace Space)[]? _embeddingSpaces;

    /// <summary>The embedding spaces of the vector features, in feature order (empty when there are none).</summary>
    /// <remarks>Each space's <see cref="EmbeddingSpace.Sha256"/>, normalization and unit length are derived by the same
    /// shared code as the build's <c>EmbeddingSpaceBinding</c>, from the space, the steps, the profile and the dtype.</remarks>
    public IReadOnlyList<EmbeddingSpace> EmbeddingSpaces => Array.AsReadOnly(Spaces().Select(s => s.Space).ToArray());

    /// <summary>The embedding space of the vector feature <paramref name="feature"/>.</summary>
    /// <exception cref="ArgumentException">The manifest has no feature of that name, or it is a scalar feature.</exception>
    public EmbeddingSpace GetEmbeddingSpace(string feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        foreach ((string name, EmbeddingSpace space) in Spaces())
        {
            if (name == feature)
            {
                return space;
            }
        }

        string vectors = string.Join(", ", Spaces().Select(s => s.Feature));
        string problem = Features.Any(f => f.Name == feature) ? "is a scalar feature (it has no \"space\")" : "is not a feature of this manifest";
        throw new ArgumentException($"'{feature}' {problem}; the vector features of '{FeatureSet}' are: {(vectors.Length == 0 ? "none" : vectors)}", nameof(feature));
    }

    // Computed once: a manifest's features and parameters do not change after it is built.
    private (string Feature, EmbeddingSpace Space)[] Spaces() =>
        _embeddingSpaces ??= Features.Where(f => f.IsVector).Select(f => (f.Name, ManifestJson.ToEmbeddingSpace(f, Profile, DType))).ToArray();
}
