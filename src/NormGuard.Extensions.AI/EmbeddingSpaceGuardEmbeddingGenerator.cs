using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace NormGuard.Extensions.AI;

/// <summary>
/// Middleware for an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of float embeddings: every embedding the inner
/// generator returns is checked against <see cref="Space"/> (its model, its dimension, and at
/// <see cref="EmbeddingSpaceStage.Normalized"/> on a unit-length space its norm) before the caller sees it; a batch with
/// one embedding of another space throws <see cref="EmbeddingSpaceException"/>, whose message names the embedding's index.
/// Add it with <see cref="EmbeddingSpaceGuardEmbeddingGeneratorBuilderExtensions.UseEmbeddingSpaceGuard{TInput}"/>.
/// </summary>
/// <remarks>
/// The model id checked is the embedding's <see cref="Embedding.ModelId"/>; when the generator leaves it unset, the request's
/// <see cref="EmbeddingGenerationOptions.ModelId"/>, else the inner generator's <see cref="EmbeddingGeneratorMetadata.DefaultModelId"/>
/// (what it says it runs). When none of the three names a model, the embedding is rejected: nothing then shows that it is
/// of the space's model.
/// </remarks>
/// <typeparam name="TInput">What embeddings are generated from (text, images).</typeparam>
public sealed class EmbeddingSpaceGuardEmbeddingGenerator<TInput> : DelegatingEmbeddingGenerator<TInput, Embedding<float>>
{
    public EmbeddingSpaceGuardEmbeddingGenerator(IEmbeddingGenerator<TInput, Embedding<float>> innerGenerator, EmbeddingSpace space)
        : base(innerGenerator)
    {
        Space = space ?? throw new ArgumentNullException(nameof(space));
    }

    /// <summary>The space every embedding must be of.</summary>
    public EmbeddingSpace Space { get; }

    /// <summary>Which side of the space's steps the generator's embeddings are on; <see cref="EmbeddingSpaceStage.Input"/> by default.</summary>
    public EmbeddingSpaceStage Stage { get; set; } = EmbeddingSpaceStage.Input;

    /// <summary>The norm tolerance at <see cref="EmbeddingSpaceStage.Normalized"/>; null for <see cref="EmbeddingSpace.DefaultNormTolerance"/>.</summary>
    public float? NormTolerance { get; set; }

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<TInput> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        GeneratedEmbeddings<Embedding<float>> embeddings = await base.GenerateAsync(values, options, cancellationToken).ConfigureAwait(false);
        string? fallbackModel = null;
        bool fallbackResolved = false;
        for (int i = 0; i < embeddings.Count; i++)
        {
            Embedding<float> embedding = embeddings[i] ?? throw new EmbeddingSpaceException(
                Space.Name, EmbeddingSpaceMismatch.Dimension, Space.NativeDimension.ToString(CultureInfo.InvariantCulture) + " values", "no embedding",
                "Embedding " + i.ToString(CultureInfo.InvariantCulture) + " of the batch is null: the generator returned no vector for it.");
            if (embedding.ModelId is null && !fallbackResolved)
            {
                fallbackModel = options?.ModelId ?? InnerGenerator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId;
                fallbackResolved = true;
            }

            Check(embedding, embedding.ModelId ?? fallbackModel, i);
        }

        return embeddings;
    }

    private void Check(Embedding<float> embedding, string? modelId, int index)
    {
        try
        {
            if (Stage == EmbeddingSpaceStage.Normalized)
            {
                Space.CheckNormalized(embedding.Vector.Span, modelId, NormTolerance ?? Space.DefaultNormTolerance);
            }
            else
            {
                Space.CheckInput(embedding.Vector.Span, modelId);
            }
        }
        catch (EmbeddingSpaceException error)
        {
            throw new EmbeddingSpaceException(
                error.Space,
                error.Mismatch,
                error.Expected,
                error.Found,
                "Embedding " + index.ToString(CultureInfo.InvariantCulture) + " of the batch: " + error.Message);
        }
    }
}
