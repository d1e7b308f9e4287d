using System;
using System.Collections.Generic;
using System.IO;

namespace SemanticSearch.Embeddings;

/// <summary>One document: the Debian package it describes, its archive section, and its text.</summary>
public sealed record Document(string Package, string Section, string Text);

/// <summary>The sample's document sets (data/*.tsv, see data/README.md): a header line, then package, section and
/// text separated by tabs. The texts hold no tab or line break, so no quoting is needed.</summary>
public static class DocumentSet
{
    public static IReadOnlyList<Document> Read(string path)
    {
        string[] lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != "package\tsection\ttext")
        {
            throw new InvalidDataException($"{path}, line 1: expected the header 'package<TAB>section<TAB>text'.");
        }

        var documents = new List<Document>(lines.Length - 1);
        for (int i = 1; i < lines.Length; i++)
        {
            string[] fields = lines[i].Split('\t');
            if (fields.Length != 3 || fields[2].Length == 0)
            {
                throw new InvalidDataException($"{path}, line {i + 1}: expected 3 tab-separated fields with a non-empty text, found {fields.Length}.");
            }

            documents.Add(new Document(fields[0], fields[1], fields[2]));
        }

        return documents;
    }
}
