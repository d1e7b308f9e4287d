namespace NormGuard;

/// <summary>
/// A vector feature's <c>space</c> as the manifest declares it: the embedding model that produces the vectors, their
/// length as the model emits them and their length after the feature's steps. The space's identity (hash, normalization,
/// unit length) also depends on the steps, the profile and the dtype: <see cref="Manifest.GetEmbeddingSpace"/> gives it.
/// </summary>
public sealed record EmbeddingSpaceDeclaration(string Name, string Model, int NativeDimension, int Dimension)
{
    /// <summary>The model's revision (a commit or version), or null when the manifest pins none.</summary>
    public string? Revision { get; init; }
}
