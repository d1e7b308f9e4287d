using System;
using Microsoft.Extensions.AI;

namespace NormGuard.Extensions.AI;

/// <summary>Checks a Microsoft.Extensions.AI <see cref="Embedding{T}"/> of floats against an <see cref="EmbeddingSpace"/>:
/// its <see cref="Embedding.ModelId"/> is the space's model, and its vector has the space's dimension (and norm).</summary>
public static class EmbeddingSpaceEmbeddingExtensions
{
    /// <summary>Checks an embedding as the model emitted it: <see cref="Embedding.ModelId"/> equal (ordinal) to
    /// <see cref="EmbeddingSpace.Model"/> (a missing id is rejected), <see cref="EmbeddingSpace.NativeDimension"/> finite values.</summary>
    /// <exception cref="EmbeddingSpaceException">The model, the dimension or a value is wrong.</exception>
    public static void CheckInput(this EmbeddingSpace space, Embedding<float> embedding)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(embedding);
        space.CheckInput(embedding.Vector.Span, embedding.ModelId);
    }

    /// <summary>Checks an embedding after the space's steps: <see cref="Embedding.ModelId"/> equal to
    /// <see cref="EmbeddingSpace.Model"/>, <see cref="EmbeddingSpace.Dimension"/> finite values and, for a unit-length space,
    /// a norm within <paramref name="normTolerance"/> (default <see cref="EmbeddingSpace.DefaultNormTolerance"/>) of 1.</summary>
    /// <exception cref="EmbeddingSpaceException">The model, the dimension, a value or the norm is wrong.</exception>
    public static void CheckNormalized(this EmbeddingSpace space, Embedding<float> embedding, float? normTolerance = null)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(embedding);
        space.CheckNormalized(embedding.Vector.Span, embedding.ModelId, normTolerance ?? space.DefaultNormTolerance);
    }

    /// <summary>Checks an embedding at <paramref name="stage"/>.</summary>
    public static void Check(this EmbeddingSpace space, Embedding<float> embedding, EmbeddingSpaceStage stage, float? normTolerance = null)
    {
        switch (stage)
        {
            case EmbeddingSpaceStage.Input:
                space.CheckInput(embedding);
                break;
            case EmbeddingSpaceStage.Normalized:
                space.CheckNormalized(embedding, normTolerance);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(stage), stage, "Not an EmbeddingSpaceStage.");
        }
    }
}
