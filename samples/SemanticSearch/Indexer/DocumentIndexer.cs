using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NormGuard;
using SemanticSearch.Embeddings;

namespace SemanticSearch.Indexer;

/// <summary>
/// Component 1, the indexer: embeds documents with the model, normalizes the vectors in the space's steps, and writes
/// the index file the query service reads (<see cref="IndexFile"/>). It also fits the drift baseline on the raw
/// vectors it embedded: the norm distribution and the mean vector a manifest's <c>stats</c> would hold.
/// </summary>
public sealed class DocumentIndexer(MiniLmEmbedder embedder)
{
    public EmbeddingBaseline Index(IReadOnlyList<Document> documents, string indexPath)
    {
        float[][] raw = embedder.Embed(documents.Select(d => d.Text).ToArray());
        var entries = new IndexEntry[documents.Count];
        for (int i = 0; i < documents.Count; i++)
        {
            entries[i] = new IndexEntry(documents[i].Package, documents[i].Text, DocsSpace.Normalize(raw[i]));
        }

        IndexFile.Write(indexPath, DocsSpace.Describe(), entries);

        // ISSUE-16 WIRING (lead): once the generated fitter handles vector members, fit the manifest with it
        // (AddRow per document) and read this baseline from the manifest's stats instead.
        return EmbeddingBaseline.Fit(raw);
    }
}

/// <summary>One indexed document: its package, its text and its unit-length vector.</summary>
public sealed record IndexEntry(string Package, string Text, float[] Vector);

/// <summary>The index file: the space description, then each document's package, text and vector (float32).</summary>
public static class IndexFile
{
    private const string Magic = "SemanticSearch.Index/1";

    public static void Write(string path, string space, IReadOnlyList<IndexEntry> entries)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(Magic);
        writer.Write(space);
        writer.Write(entries.Count);
        writer.Write(entries.Count == 0 ? 0 : entries[0].Vector.Length);
        foreach (IndexEntry entry in entries)
        {
            writer.Write(entry.Package);
            writer.Write(entry.Text);
            foreach (float x in entry.Vector)
            {
                writer.Write(x);
            }
        }
    }

    public static (string Space, IndexEntry[] Entries) Read(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        if (reader.ReadString() != Magic)
        {
            throw new InvalidDataException($"{path}: not a {Magic} file.");
        }

        string space = reader.ReadString();
        int count = reader.ReadInt32(), dimension = reader.ReadInt32();
        var entries = new IndexEntry[count];
        for (int i = 0; i < count; i++)
        {
            string package = reader.ReadString(), text = reader.ReadString();
            float[] vector = new float[dimension];
            for (int d = 0; d < dimension; d++)
            {
                vector[d] = reader.ReadSingle();
            }

            entries[i] = new IndexEntry(package, text, vector);
        }

        return (space, entries);
    }
}
