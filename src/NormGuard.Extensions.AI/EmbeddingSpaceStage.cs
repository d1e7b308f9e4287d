namespace NormGuard.Extensions.AI;

/// <summary>Which side of an embedding space's steps a vector is checked at.</summary>
public enum EmbeddingSpaceStage
{
    /// <summary>As the producing model emits it, before the space's steps: <see cref="EmbeddingSpace.NativeDimension"/> values
    /// (<see cref="EmbeddingSpace.CheckInput(System.ReadOnlySpan{float}, string?)"/>). The usual case for an embedding generator.</summary>
    Input,

    /// <summary>After the space's steps: <see cref="EmbeddingSpace.Dimension"/> values and, for a unit-length space, a norm
    /// of 1 (<see cref="EmbeddingSpace.CheckNormalized(System.ReadOnlySpan{float}, string?, float)"/>). For a service whose
    /// embeddings are the space's normalized vectors (an API asked for a truncated, renormalized size, or a NormGuard
    /// producer that publishes normalized vectors).</summary>
    Normalized,
}
