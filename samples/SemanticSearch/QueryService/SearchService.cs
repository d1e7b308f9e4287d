using System;
using System.Collections.Generic;
using System.Linq;
using NormGuard;
using NormGuard.Internal;
using SemanticSearch.Embeddings;
using SemanticSearch.Indexer;

namespace SemanticSearch.QueryService;

/// <summary>A search result: the document and its cosine similarity to the query.</summary>
public sealed record SearchHit(string Package, string Text, double Cosine);

/// <summary>
/// Component 2, the query service: loads the indexer's file, refuses it unless it was written in this service's space
/// (the same sha256: name, model, dimensions, steps), checks every vector that crosses over with the runtime guard
/// (<see cref="EmbeddingSpace.CheckNormalized(ReadOnlySpan{float}, string?)"/>: the index's model, 384 values, unit
/// norm), embeds each query with the same model and the code generated for <see cref="QueryFeatures"/>, and ranks by
/// cosine similarity — a dot product, because both sides are unit length, which the guard has just checked.
/// </summary>
public sealed class SearchService
{
    private readonly MiniLmEmbedder _embedder;
    private readonly List<IndexEntry> _entries = [];

    public SearchService(MiniLmEmbedder embedder, string indexPath)
    {
        _embedder = embedder;
        (IndexHeader header, IndexEntry[] entries) = IndexFile.Read(indexPath);
        if (header.Sha256 != Space.Sha256)
        {
            throw new InvalidOperationException($"{indexPath} was indexed in space '{header.Space}' ({header.Model}, sha256 {header.Sha256}), but this service embeds queries in {Space} (sha256 {Space.Sha256}): rankings across spaces mean nothing.");
        }

        foreach (IndexEntry entry in entries)
        {
            Accept(entry, header.Model);
        }
    }

    /// <summary>The space as the query service's manifest defines it; NG0020 made it the indexer's at build time.</summary>
    public static EmbeddingSpace Space { get; } = QueryFeatures.FeatureSet.GetEmbeddingSpace("Embedding");

    public int Documents => _entries.Count;

    /// <summary>Adds one document vector produced elsewhere; throws <see cref="EmbeddingSpaceException"/> unless it is
    /// in this service's space: model <paramref name="modelId"/>, the space's dimension, finite, unit length.</summary>
    public void Accept(IndexEntry entry, string modelId)
    {
        Space.CheckNormalized(entry.Vector, modelId);
        _entries.Add(entry);
    }

    public IReadOnlyList<SearchHit> Search(string query, int top)
    {
        float[] raw = _embedder.Embed([query])[0];
        Space.CheckInput(raw, MiniLmEmbedder.Model);
        float[] q = new float[QueryFeatures.Width];
        new QueryFeatures { Embedding = raw }.Normalize(q);
        return _entries
            .Select(e => new SearchHit(e.Package, e.Text, VectorKernels.Dot(q, e.Vector)))
            .OrderByDescending(h => h.Cosine)
            .Take(top)
            .ToArray();
    }
}
