using System;
using System.IO;
using System.Security.Cryptography;
using NormGuard;
using SemanticSearch.Documents;
using SemanticSearch.Embeddings;

namespace SemanticSearch.Fitting;

/// <summary>
/// <c>SemanticSearch fit-manifest &lt;out.json&gt;</c>: fits the indexer's manifest with the fitter the generator wrote
/// for <see cref="DocumentFeatures"/>, on the raw vectors of data/baseline.tsv (data/embeddings/baseline.npy, written
/// by <c>embed-sets</c>), so no model runs. The <c>l2</c> step has no parameters; what is fitted is the baseline in
/// <c>stats</c> (norm distribution, mean vector) that drift is measured against. No timestamp is written, so a refit
/// of the same file gives the same bytes (CI compares it with the committed
/// samples/SemanticSearch.Documents/semantic-search-documents.normguard.json).
/// </summary>
internal static class FitManifest
{
    public const string Source = "data/embeddings/baseline.npy";

    public static int Run(string sampleDirectory, string output)
    {
        string path = Path.Combine(sampleDirectory, Source);
        float[][] vectors = NpyFile.Read(path);
        FeatureSetFitter<DocumentFeatures> fitter = DocumentFeatures.CreateFitter();
        foreach (float[] vector in vectors)
        {
            fitter.Add(new DocumentFeatures { Embedding = vector });
        }

        var provenance = new FitProvenance
        {
            Split = DataSplit.Train,
            Source = Source,
            SourceSha256 = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant(),
            Tool = "SemanticSearch fit-manifest (DocumentFeatures.CreateFitter)",
        };
        Manifest manifest = fitter.ToManifest(provenance, version: 1);
        manifest.Save(output);
        Console.WriteLine($"{output}: {fitter.Rows} vectors of {path}, sha256 {manifest.Sha256}");
        return 0;
    }
}
