using System;
using System.Diagnostics;
using System.IO;
using NormGuard;
using SemanticSearch.Drift;
using SemanticSearch.Embeddings;
using SemanticSearch.Indexer;
using SemanticSearch.QueryService;

namespace SemanticSearch;

internal static class Program
{
    private static readonly string[] Queries =
    [
        "convert medical images between file formats",
        "a fast-paced arcade shooter",
        "library for parsing JSON in Rust",
    ];

    private static int Main(string[] args)
    {
        string data = Path.Combine(AppContext.BaseDirectory, "data");
        if (args is ["embed-sets", string output])
        {
            return EmbedSets.Run(data, output);
        }

        if (args.Length != 0)
        {
            Console.Error.WriteLine("usage: SemanticSearch            index, search, and check drift\n       SemanticSearch embed-sets <folder>   write the raw vectors of data/*.tsv as .npy");
            return 64;
        }

        var watch = Stopwatch.StartNew();
        using var embedder = new MiniLmEmbedder();
        Console.WriteLine($"model: {MiniLmEmbedder.Model} ({MiniLmEmbedder.Revision}, {MiniLmEmbedder.Dimension} dimensions), space {DocsSpace.Describe()}");

        // Component 1: the indexer writes the index file; component 2 reads it.
        string indexPath = Path.Combine(Path.GetTempPath(), $"semanticsearch-{Environment.ProcessId}.index");
        EmbeddingBaseline baseline;
        try
        {
            var indexed = DocumentSet.Read(Path.Combine(data, "baseline.tsv"));
            baseline = new DocumentIndexer(embedder).Index(indexed, indexPath);
            Console.WriteLine(FormattableString.Invariant($"indexed {indexed.Count} documents; drift baseline: norm mean {baseline.Norm.Mean:F3}, std {baseline.Norm.Std:F3}, ‖mean vector‖ {baseline.MeanVectorLength:F3}"));

            var service = new SearchService(embedder, indexPath);
            foreach (string query in Queries)
            {
                Console.WriteLine($"\nquery: {query}");
                foreach (SearchHit hit in service.Search(query, top: 3))
                {
                    string text = hit.Text.Length > 80 ? hit.Text[..80] + "…" : hit.Text;
                    Console.WriteLine(FormattableString.Invariant($"  {hit.Cosine:F3}  {hit.Package}: {text}"));
                }
            }
        }
        finally
        {
            File.Delete(indexPath);
        }

        // Drift: the statistics on the next documents, against the indexer's baseline.
        Console.WriteLine();
        EmbeddingDrift unchanged = DriftCheck.Run(embedder, baseline, DocumentSet.Read(Path.Combine(data, "unchanged.tsv")));
        DriftCheck.Print("unchanged (250 more descriptions, all sections)", unchanged);
        EmbeddingDrift shifted = DriftCheck.Run(embedder, baseline, DocumentSet.Read(Path.Combine(data, "shifted.tsv")));
        DriftCheck.Print("shifted (250 descriptions, section games)", shifted);
        Console.WriteLine(FormattableString.Invariant($"\n{embedder.Tokens:N0} tokens embedded in {watch.Elapsed.TotalSeconds:F1} s"));

        // The sample fails (exit 1) unless the statistic separates the two sets as docs/drift.md says it does.
        return unchanged.Status == DriftStatus.Stable && shifted.Status == DriftStatus.Drifted ? 0 : 1;
    }
}
