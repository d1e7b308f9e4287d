using System;
using NormGuard;
using NormGuard.Internal;
using SemanticSearch.Embeddings;
using SemanticSearch.Indexer;

namespace SemanticSearch.QueryService;

/// <summary>
/// Vectors from outside the space, offered to the query service as a producer would send them: each must be refused
/// by the runtime guard with an <see cref="EmbeddingSpaceException"/> naming the space, the expected and the found
/// value. The vectors are real all-MiniLM-L6-v2 vectors of one document, changed the way producers go wrong.
/// </summary>
public static class GuardDemo
{
    /// <summary>True when every vector was refused, with the mismatch expected.</summary>
    public static bool Run(SearchService service, MiniLmEmbedder embedder, Document document)
    {
        float[] raw = embedder.Embed([document.Text])[0];
        float[] unit = new float[raw.Length];
        VectorKernels.L2Normalize(raw, unit);

        // Matryoshka-style: the first 256 values, renormalized, as the query service of WrongSpace/ would produce them.
        float[] truncated = new float[256];
        VectorKernels.L2Normalize(unit.AsSpan(0, 256), truncated);

        bool allRefused = true;
        allRefused &= Refused(service, "a vector of another model (same dimension, 384)", new IndexEntry(document.Package, document.Text, unit), "BAAI/bge-small-en-v1.5", EmbeddingSpaceMismatch.Model);
        allRefused &= Refused(service, "a vector truncated to 256 dimensions", new IndexEntry(document.Package, document.Text, truncated), MiniLmEmbedder.Model, EmbeddingSpaceMismatch.Dimension);
        allRefused &= Refused(service, "a raw vector that skipped the space's l2 step", new IndexEntry(document.Package, document.Text, raw), MiniLmEmbedder.Model, EmbeddingSpaceMismatch.Norm);
        return allRefused;
    }

    private static bool Refused(SearchService service, string label, IndexEntry entry, string modelId, EmbeddingSpaceMismatch expected)
    {
        Console.WriteLine($"guard: {label}, from {modelId}");
        try
        {
            service.Accept(entry, modelId);
            Console.WriteLine("  ACCEPTED (the guard should have refused it)");
            return false;
        }
        catch (EmbeddingSpaceException e)
        {
            Console.WriteLine($"  refused ({e.Mismatch}): {e.Message}");
            return e.Mismatch == expected;
        }
    }
}
