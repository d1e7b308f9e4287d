// ISSUE-16 WIRING (lead): NOT COMPILED YET (the .pending extension keeps it out of the build). It needs the
// generator's vector members (i16-generator), the manifest's vector features (i16-manifest) and NG0020
// (i16-guards). When those are merged: rename to DocumentFeatures.cs, rename docs-minilm.normguard.json.pending to
// docs-minilm.normguard.json and fill its stats (see README.md, "Wiring"), then make DocsSpace.Normalize call
// DocumentFeatures' generated Normalize and DocsSpace.Describe return FeatureSetInfo.GetEmbeddingSpace("Embedding").

using NormGuard;
using SemanticSearch.Embeddings;

namespace SemanticSearch;

/// <summary>The indexer's side: a document's raw MiniLM vector, normalized by the space's l2 step.</summary>
[FeatureSet("semantic-search-documents", Version = 1)]
public partial record DocumentFeatures
{
    [FeatureName("Embedding"), Embedding("debian-docs-minilm", 384, Model = MiniLmEmbedder.Model, Revision = MiniLmEmbedder.Revision), L2Normalize]
    public float[] Embedding { get; init; } = [];
}

/// <summary>The query service's side: binds the same space, so both sides' EmbeddingSpaceBinding agree.</summary>
[FeatureSet("semantic-search-queries", Version = 1)]
public partial record QueryFeatures
{
    [FeatureName("Embedding"), Embedding("debian-docs-minilm", 384, Model = MiniLmEmbedder.Model, Revision = MiniLmEmbedder.Revision), L2Normalize]
    public float[] Embedding { get; init; } = [];
}

#if SEMANTICSEARCH_WRONG_SPACE
// `dotnet build samples/SemanticSearch -p:DefineConstants=SEMANTICSEARCH_WRONG_SPACE` must fail with NG0020: the
// query side binds debian-docs-minilm truncated to 256 dimensions (Matryoshka-style), which the index does not hold.
[FeatureSet("semantic-search-queries-truncated", Version = 1)]
public partial record TruncatedQueryFeatures
{
    [FeatureName("Embedding"), Embedding("debian-docs-minilm", 256, Model = MiniLmEmbedder.Model, Revision = MiniLmEmbedder.Revision), Truncate(256), L2Normalize]
    public float[] Embedding { get; init; } = [];
}
#endif
