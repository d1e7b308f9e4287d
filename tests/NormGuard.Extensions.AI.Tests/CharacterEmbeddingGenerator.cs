using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace NormGuard.Extensions.AI.Tests;

/// <summary>
/// A real, if tiny, <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>: a text's embedding counts its characters into
/// <c>dimension</c> buckets (by code point modulo the dimension), optionally scaled to unit length. It reports
/// <c>metadataModel</c> as its metadata's default model and stamps <c>embeddingModel</c> on each embedding, so tests can
/// set either, both or neither. Counts how often it was called.
/// </summary>
internal sealed class CharacterEmbeddingGenerator(int dimension, string? embeddingModel, string? metadataModel = null, bool unitLength = false)
    : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EmbeddingGeneratorMetadata _metadata = new("characters", defaultModelId: metadataModel, defaultModelDimensions: dimension);

    public int Calls { get; private set; }

    /// <summary>Texts whose embedding is left unnormalized even when <c>unitLength</c> is set (a producer that forgot a step for some inputs).</summary>
    public HashSet<string> LeaveRaw { get; } = new(StringComparer.Ordinal);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        var result = new GeneratedEmbeddings<Embedding<float>>(values.Select(text => new Embedding<float>(Embed(text)) { ModelId = embeddingModel }));
        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata :
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    public float[] Embed(string text)
    {
        var vector = new float[dimension];
        foreach (char c in text)
        {
            vector[c % dimension] += 1f;
        }

        if (unitLength && !LeaveRaw.Contains(text))
        {
            float sum = 0f;
            foreach (float v in vector)
            {
                sum += v * v;
            }

            float norm = MathF.Sqrt(sum);
            for (int i = 0; i < vector.Length && norm > 0; i++)
            {
                vector[i] /= norm;
            }
        }

        return vector;
    }
}
