using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NormGuard;
using SemanticSearch.Documents;
using SemanticSearch.Embeddings;

namespace SemanticSearch.Indexer;

/// <summary>
/// Component 1, the indexer: embeds documents with the model, checks each raw vector against the space (the model's
/// 384 finite values), normalizes it with the code generated for <see cref="DocumentFeatures"/> from its manifest, and
/// writes the index file the query service reads (<see cref="IndexFile"/>), headed by the space's identity.
/// </summary>
public sealed class DocumentIndexer(MiniLmEmbedder embedder)
{
    /// <summary>The space as the indexer's manifest defines it (name, model, revision, dimensions, steps, sha256).</summary>
    public static EmbeddingSpace Space { get; } = DocumentFeatures.FeatureSet.GetEmbeddingSpace("Embedding");

    /// <summary>The drift baseline: the raw vectors' norm distribution, mean vector and covariance norms that the
    /// generated fitter wrote into the manifest's <c>stats</c> (<c>SemanticSearch fit-manifest</c>); without the
    /// covariance norms the mean-vector test falls back to the much wider trace-only bound.</summary>
    public static EmbeddingBaseline Baseline()
    {
        FeatureStats stats = DocumentFeatures.FeatureSet.Manifest.Features.Single(f => f.Name == "Embedding").Stats
            ?? throw new InvalidOperationException($"{DocumentFeatures.FeatureSet} has no stats for 'Embedding': fit it (SemanticSearch fit-manifest).");
        return new EmbeddingBaseline(
            stats.Norm ?? throw new InvalidOperationException($"{DocumentFeatures.FeatureSet}: 'Embedding' has no norm statistics."),
            stats.MeanVector,
            stats.CovarianceFrobeniusNorm,
            stats.CovarianceSchatten4Norm);
    }

    public void Index(IReadOnlyList<Document> documents, string indexPath)
    {
        float[][] raw = embedder.Embed(documents.Select(d => d.Text).ToArray());
        var entries = new IndexEntry[documents.Count];
        for (int i = 0; i < documents.Count; i++)
        {
            Space.CheckInput(raw[i], MiniLmEmbedder.Model);
            float[] unit = new float[DocumentFeatures.Width];
            new DocumentFeatures { Embedding = raw[i] }.Normalize(unit);
            entries[i] = new IndexEntry(documents[i].Package, documents[i].Text, unit);
        }

        IndexFile.Write(indexPath, Space, entries);
    }
}

/// <summary>One indexed document: its package, its text and its unit-length vector.</summary>
public sealed record IndexEntry(string Package, string Text, float[] Vector);

/// <summary>Who wrote an index: the space's name, the model and the space's sha256 (steps and parameters included).</summary>
public sealed record IndexHeader(string Space, string Model, string Sha256);

/// <summary>The index file: its header, then each document's package, text and vector (float32).</summary>
public static class IndexFile
{
    private const string Magic = "SemanticSearch.Index/2";

    public static void Write(string path, EmbeddingSpace space, IReadOnlyList<IndexEntry> entries)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(Magic);
        writer.Write(space.Name);
        writer.Write(space.Model);
        writer.Write(space.Sha256);
        writer.Write(entries.Count);
        foreach (IndexEntry entry in entries)
        {
            writer.Write(entry.Package);
            writer.Write(entry.Text);
            writer.Write(entry.Vector.Length);
            foreach (float x in entry.Vector)
            {
                writer.Write(x);
            }
        }
    }

    public static (IndexHeader Header, IndexEntry[] Entries) Read(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        if (reader.ReadString() != Magic)
        {
            throw new InvalidDataException($"{path}: not a {Magic} file.");
        }

        var header = new IndexHeader(reader.ReadString(), reader.ReadString(), reader.ReadString());
        int count = reader.ReadInt32();
        var entries = new IndexEntry[count];
        for (int i = 0; i < count; i++)
        {
            string package = reader.ReadString(), text = reader.ReadString();
            float[] vector = new float[reader.ReadInt32()];
            for (int d = 0; d < vector.Length; d++)
            {
                vector[d] = reader.ReadSingle();
            }

            entries[i] = new IndexEntry(package, text, vector);
        }

        return (header, entries);
    }
}
