using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using NormGuard;
using SemanticSearch.Drift;
using SemanticSearch.Embeddings;
using SemanticSearch.Fitting;
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
        switch (args)
        {
            case ["embed-sets", string output]:
                return EmbedSets.Run(data, output);
            case ["fit-manifest", string output]:
                return FitManifest.Run(AppContext.BaseDirectory, output);
            case []:
                break;
            default:
                Console.Error.WriteLine(
                    "usage: SemanticSearch                         index, search, guard, and check drift\n" +
                    "       SemanticSearch embed-sets <folder>     write the raw vectors of data/*.tsv as .npy\n" +
                    "       SemanticSearch fit-manifest <out.json> fit the indexer's manifest on data/embeddings/baseline.npy");
                return 64;
        }

        var watch = Stopwatch.StartNew();
        using var embedder = new MiniLmEmbedder();
        Console.WriteLine($"model: {MiniLmEmbedder.Model} ({MiniLmEmbedder.Revision}, {MiniLmEmbedder.Dimension} dimensions)");
        Console.WriteLine($"indexer's space: {DocumentIndexer.Space}, sha256 {DocumentIndexer.Space.Sha256[..12]}");
        Console.WriteLine($"query service's space: {SearchService.Space}, sha256 {SearchService.Space.Sha256[..12]}");

        // Component 1: the indexer writes the index file; component 2 reads it.
        string indexPath = Path.Combine(Path.GetTempPath(), $"semanticsearch-{Environment.ProcessId}.index");
        bool guarded;
        try
        {
            var indexed = DocumentSet.Read(Path.Combine(data, "baseline.tsv"));
            new DocumentIndexer(embedder).Index(indexed, indexPath);
            var service = new SearchService(embedder, indexPath);
            Console.WriteLine($"indexed {indexed.Count} documents; the query service accepted {service.Documents} vectors through the guard");
            foreach (string query in Queries)
            {
                Console.WriteLine($"\nquery: {query}");
                foreach (SearchHit hit in service.Search(query, top: 3))
                {
                    string text = hit.Text.Length > 80 ? hit.Text[..80] + "…" : hit.Text;
                    Console.WriteLine(FormattableString.Invariant($"  {hit.Cosine:F3}  {hit.Package}: {text}"));
                }
            }

            Console.WriteLine();
            guarded = GuardDemo.Run(service, embedder, indexed[0]);
        }
        finally
        {
            File.Delete(indexPath);
        }

        // Drift: the statistics on the next documents, against the baseline in the indexer's manifest.
        EmbeddingBaseline baseline = DocumentIndexer.Baseline();
        Console.WriteLine(FormattableString.Invariant($"\ndrift baseline (manifest stats, {baseline.Count} vectors): norm mean {baseline.Norm.Mean:F3}, std {baseline.Norm.Std:F3}, ‖mean vector‖ {baseline.MeanVectorLength:F3}"));
        EmbeddingDrift unchanged = DriftCheck.Run(embedder, baseline, DocumentSet.Read(Path.Combine(data, "unchanged.tsv")));
        DriftCheck.Print("unchanged (250 more descriptions, all sections)", unchanged);
        EmbeddingDrift shifted = DriftCheck.Run(embedder, baseline, DocumentSet.Read(Path.Combine(data, "shifted.tsv")));
        DriftCheck.Print("shifted (250 descriptions, section games)", shifted);
        Console.WriteLine(FormattableString.Invariant($"\n{embedder.Tokens:N0} tokens embedded in {watch.Elapsed.TotalSeconds:F1} s"));

        // The sample fails (exit 1) unless every guard refused its vector and the statistic separates the two sets as
        // docs/drift.md says it does.
        return guarded && unchanged.Status == DriftStatus.Stable && shifted.Status == DriftStatus.Drifted ? 0 : 1;
    }
}
