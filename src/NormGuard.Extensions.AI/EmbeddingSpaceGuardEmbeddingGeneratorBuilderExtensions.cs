using System;
using Microsoft.Extensions.AI;

namespace NormGuard.Extensions.AI;

/// <summary>Adds <see cref="EmbeddingSpaceGuardEmbeddingGenerator{TInput}"/> to an embedding generator pipeline, as
/// Microsoft.Extensions.AI's own middleware is added (<c>UseLogging</c>, <c>UseDistributedCache</c>).</summary>
public static class EmbeddingSpaceGuardEmbeddingGeneratorBuilderExtensions
{
    /// <summary>Rejects every embedding that is not of <paramref name="space"/> (another model, another dimension; at
    /// <see cref="EmbeddingSpaceStage.Normalized"/> on a unit-length space, a norm that is not 1).</summary>
    /// <param name="builder">The pipeline.</param>
    /// <param name="space">The space, for example <c>MyFeatures.Info.GetEmbeddingSpace("Embedding")</c>.</param>
    /// <param name="configure">Sets <see cref="EmbeddingSpaceGuardEmbeddingGenerator{TInput}.Stage"/> or
    /// <see cref="EmbeddingSpaceGuardEmbeddingGenerator{TInput}.NormTolerance"/>.</param>
    public static EmbeddingGeneratorBuilder<TInput, Embedding<float>> UseEmbeddingSpaceGuard<TInput>(
        this EmbeddingGeneratorBuilder<TInput, Embedding<float>> builder,
        EmbeddingSpace space,
        Action<EmbeddingSpaceGuardEmbeddingGenerator<TInput>>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(space);
        return builder.Use(inner =>
        {
            var guard = new EmbeddingSpaceGuardEmbeddingGenerator<TInput>(inner, space);
            configure?.Invoke(guard);
            return guard;
        });
    }
}
