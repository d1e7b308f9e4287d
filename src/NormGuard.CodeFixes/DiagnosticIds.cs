using NormGuard.Generators.Analyzers;

namespace NormGuard.CodeFixes
{
    /// <summary>
    /// The ids of the diagnostics these fixes handle and the diagnostic properties they read. The ids are repeated here
    /// because the descriptor table is internal to the analyzer assembly; the property names are the analyzers' contract.
    /// </summary>
    internal static class DiagnosticIds
    {
        public const string NoManifest = "NG0001";
        public const string VersionMismatch = "NG0003";
        public const string CategoricalScaled = "NG0004";
        public const string MemberOrder = "NG0010";
        public const string Unannotated = "NG0013";
        public const string NotPartial = "NG0015";
        public const string VectorMismatch = "NG0019";
        public const string VectorStoreSpace = "NG0021";

        /// <summary>NG0021, fixable form: the vector-store attribute argument to set ("Dimensions", "DistanceFunction").</summary>
        public const string VectorStoreArgumentProperty = VectorStoreSpaceAnalyzer.FixArgumentProperty;

        /// <summary>NG0021, fixable form: the value for that argument (the space's dimension, or "CosineSimilarity").</summary>
        public const string VectorStoreValueProperty = VectorStoreSpaceAnalyzer.FixValueProperty;

        /// <summary>NG0019, fixable form: the [Embedding] argument to set ("space", "dimension", "Model", "Revision").</summary>
        public const string EmbeddingArgumentProperty = VectorMismatchAnalyzer.FixArgumentProperty;

        /// <summary>NG0019, fixable form: the manifest's value for that argument.</summary>
        public const string EmbeddingValueProperty = VectorMismatchAnalyzer.FixValueProperty;

        /// <summary>NG0010: the feature member names in manifest order, comma-separated.</summary>
        public const string ManifestOrderProperty = MemberOrderAnalyzer.ManifestOrderProperty;

        /// <summary>NG0001: the <c>Manifest</c> value that binds the one manifest declaring the feature set under another name.</summary>
        public const string BindManifestProperty = NoManifestAnalyzer.BindManifestProperty;

        /// <summary>NG0003, pin form (reported on the <c>Version = n</c> argument): the manifest's version.</summary>
        public const string ManifestVersionProperty = "ManifestVersion";
    }
}
