using System;
using System.Collections.Generic;
using System.Linq;
using NormGuard;
using SemanticSearch.Embeddings;

namespace SemanticSearch.Drift;

/// <summary>
/// The embedding drift statistics on the documents the service would see next: 250 further descriptions from all
/// sections (the same source as the index: expected stable) and 250 from the games section (another topic:
/// expected drifted, by the mean vector). Raw vectors are counted, as the baseline is of raw vectors.
/// </summary>
public static class DriftCheck
{
    public static EmbeddingDrift Run(MiniLmEmbedder embedder, EmbeddingBaseline baseline, IReadOnlyList<Document> live)
    {
        // The window over the raw vectors, against the baseline in the indexer's manifest (DocumentIndexer.Baseline).
        var window = new EmbeddingDriftWindow("Embedding", baseline);
        foreach (float[] vector in embedder.Embed(live.Select(d => d.Text).ToArray()))
        {
            window.Add(vector);
        }

        return window.Snapshot();
    }

    public static void Print(string label, EmbeddingDrift drift)
    {
        Console.WriteLine($"{label}: {drift.Status}");
        Console.WriteLine(FormattableString.Invariant($"  mean vector: cosine distance {drift.MeanCosineDistance:F4}, critical {drift.MeanCosineCritical:F4} at α = {EmbeddingDriftThresholds.Default.MeanSignificance:G} ({drift.Vectors} vectors)"));
        Console.WriteLine(FormattableString.Invariant($"  norm: PSI {drift.Norm.Psi:F3}, KS {drift.Norm.Ks:F3} (critical {drift.Norm.KsCritical:F3}), mean shift {drift.Norm.MeanShift:+0.00;-0.00} std"));
        foreach (string reason in drift.Reasons)
        {
            Console.WriteLine("  drifted: " + reason);
        }

        foreach (string note in drift.Notes)
        {
            Console.WriteLine("  note: " + note);
        }
    }
}
