using System;
using System.Collections.Generic;
using System.Linq;
using NormGuard.Internal;
using SemanticSearch.Embeddings;
using SemanticSearch.Indexer;

namespace SemanticSearch.QueryService;

/// <summary>A search result: the document and its cosine similarity to the query.</summary>
public sealed record SearchHit(string Package, string Text, double Cosine);

/// <summary>
/// Component 2, the query service: loads the indexer's file, refuses it unless it was written in this service's
/// space, embeds each query with the same model and steps, and ranks the documents by cosine similarity — a dot
/// product, because both sides are unit length.
/// </summary>
public sealed class SearchService
{
    private readonly MiniLmEmbedder _embedder;
    private readonly IndexEntry[] _entries;

    public SearchService(MiniLmEmbedder embedder, string indexPath)
    {
        _embedder = embedder;
        (string space, _entries) = IndexFile.Read(indexPath);

        // ISSUE-16 WIRING (lead): this string comparison stands in for the runtime guard (EmbeddingSpace's check of
        // a vector's space, dimension and unit norm), and at build time NG0020 rejects a query side whose
        // [Embedding] binds this space with another model, revision, dimension or normalization.
        if (space != DocsSpace.Describe())
        {
            throw new InvalidOperationException($"{indexPath} was indexed in space '{space}', but this service embeds queries in '{DocsSpace.Describe()}': rankings across spaces mean nothing.");
        }
    }

    public int Documents => _entries.Length;

    public IReadOnlyList<SearchHit> Search(string query, int top)
    {
        float[] q = DocsSpace.Normalize(_embedder.Embed([query])[0]);
        return _entries
            .Select(e => new SearchHit(e.Package, e.Text, VectorKernels.Dot(q, e.Vector)))
            .OrderByDescending(h => h.Cosine)
            .Take(top)
            .ToArray();
    }
}
