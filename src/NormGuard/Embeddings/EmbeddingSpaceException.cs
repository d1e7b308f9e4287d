using System;

namespace NormGuard;

/// <summary>What an <see cref="EmbeddingSpaceException"/> found wrong with a vector.</summary>
public enum EmbeddingSpaceMismatch
{
    /// <summary>The producing model's id is not the space's model (or the producer named none).</summary>
    Model,

    /// <summary>The vector's length is not the space's native dimension (input) or its dimension (normalized).</summary>
    Dimension,

    /// <summary>The space is unit length but the vector's norm is not within the tolerance of 1 (and it is not zero).</summary>
    Norm,

    /// <summary>An element is NaN or infinite.</summary>
    NonFiniteValue,
}

/// <summary>
/// A vector that arrived from outside (another service, an embedding API) is not of the embedding space it was checked
/// against: another model, another dimension, or, for a unit-length space, a norm that is not 1. The message names the
/// space, what was expected and what was found; so do <see cref="Space"/>, <see cref="Expected"/> and <see cref="Found"/>.
/// </summary>
public sealed class EmbeddingSpaceException : Exception
{
    public EmbeddingSpaceException(string space, EmbeddingSpaceMismatch mismatch, string expected, string found, string message)
        : base(message)
    {
        Space = space ?? throw new ArgumentNullException(nameof(space));
        Mismatch = mismatch;
        Expected = expected ?? throw new ArgumentNullException(nameof(expected));
        Found = found ?? throw new ArgumentNullException(nameof(found));
    }

    /// <summary>The name of the space the vector was checked against.</summary>
    public string Space { get; }

    public EmbeddingSpaceMismatch Mismatch { get; }

    /// <summary>What the space requires, as text: a model id, a dimension, a norm with its tolerance, "a finite value".</summary>
    public string Expected { get; }

    /// <summary>What the vector has, as text (the invariant culture; floats round-trip).</summary>
    public string Found { get; }
}
