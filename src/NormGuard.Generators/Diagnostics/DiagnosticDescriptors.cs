using Microsoft.CodeAnalysis;

namespace NormGuard.Generators.Diagnostics
{
    /// <summary>The NormGuard diagnostics catalog (SPEC §6): one descriptor per rule, each with its docs page.</summary>
    internal static class DiagnosticDescriptors
    {
        private const string Category = "NormGuard";
        private const string HelpRoot = "https://github.com/normguard/normguard/blob/main/docs/rules/";

        public static readonly DiagnosticDescriptor NoManifest = Create(
            "NG0001",
            "Feature set has no manifest",
            "Feature set '{0}' has no manifest '{1}' among the AdditionalFiles{2}{4}; fit it on the training split, with the generated fitter ({3}.CreateFitter(), Add the training rows, then ToManifest(new FitProvenance {{ Split = DataSplit.Train }}, 1).Save(\"{1}\")), with 'normguard fit --data train.csv --assembly <your.dll> --feature-set {0} --split-column <column> --train-value train --out {1}', or from a fitted scaler with 'normguard import sklearn|onnx|mlnet|spark <model> --out {1}'; a project that only fits (it calls {3}.CreateFitter and nothing that normalizes) builds without it",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor UnreadableManifest = Create(
            "NG0002",
            "Manifest cannot be read",
            "Manifest '{0}' cannot be read: {1}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor VersionMismatch = Create(
            "NG0003",
            "Scaler version mismatch",
            "Feature set '{0}': {1}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor CategoricalScaled = Create(
            "NG0004",
            "Categorical member is scaled",
            "'{0}' is categorical ({1}) but has the scaling step {2}: {3}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor FittedOnNonTrainingData = Create(
            "NG0005",
            "Manifest fitted on data that is not the training split",
            "Manifest '{0}' of feature set '{1}' was fitted on {2}: its statistics include evaluation data, so the model's scores are optimistic; refit on the training split only",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor Leakage = Create(
            "NG0006",
            "Normalization statistics leak evaluation data",
            "{0}",
            DiagnosticSeverity.Warning);

        /// <summary>NG0006 found with the summaries of other methods, at compilation end (editors show it after a build or
        /// with whole-solution analysis; the per-method leaks are reported as you type).</summary>
        public static readonly DiagnosticDescriptor LeakageAcrossMethods = new DiagnosticDescriptor(
            "NG0006",
            "Normalization statistics leak evaluation data",
            "{0}",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            helpLinkUri: HelpRoot + "NG0006.md",
            customTags: WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor StepsDiffer = Create(
            "NG0007",
            "Steps differ from the manifest",
            "'{0}' declares {1} but the manifest's feature '{2}' has {3}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor MemberNotInManifest = Create(
            "NG0008",
            "Feature member missing from the manifest",
            "'{0}' is a feature but manifest '{1}' has no feature named '{2}'",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor ManifestFeatureNotInRecord = Create(
            "NG0009",
            "Manifest feature missing from the record",
            "Manifest feature '{0}' has no member in '{1}': the model expects it, so nothing can be generated until the record has it",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor MemberOrder = Create(
            "NG0010",
            "Member order differs from the manifest",
            "The features of '{0}' are declared in another order than the manifest's (the training order: {1}); the output follows the manifest, so reorder the members to read as the model sees them",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor Parameter = Create(
            "NG0011",
            "Degenerate or non-finite parameter",
            "Feature '{0}' of manifest '{1}': {2}",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor HandWritten = Create(
            "NG0012",
            "Hand-written normalization",
            "'{0}' is normalized by hand ({1}): {3}; call the generated {2}.Normalize, whose parameters come from the manifest",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor Unannotated = Create(
            "NG0013",
            "Member without a normalization attribute",
            "'{0}' of feature set '{1}' has no normalization attribute: {2}",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor StepTypeMismatch = Create(
            "NG0014",
            "Step does not fit the member's type",
            "'{0}' of type {1} cannot take {2}: {3}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor NotPartial = Create(
            "NG0015",
            "Feature set type is not partial",
            "'{0}' must be partial (and so must every type containing it) for NormGuard to generate its members",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor ProfileMismatch = Create(
            "NG0016",
            "Profile pin differs from the manifest",
            "Feature set '{0}' pins profile {1} but manifest '{2}' follows {3}: its parameters would be applied with another library's arithmetic than the code expects",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor UnsealedManifest = Create(
            "NG0017",
            "Manifest is not sealed",
            "Manifest '{0}' has no sha256, so an edit to its parameters cannot be told from a fit: {1}",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor FitOnly = Create(
            "NG0018",
            "Feature set is only fitted here",
            "Feature set '{0}' has no manifest '{1}' yet and this project only fits it ({2}.CreateFitter): its Normalize and Denormalize members throw until the manifest the fitter writes is added to the project",
            DiagnosticSeverity.Info);

        public static readonly DiagnosticDescriptor VectorMismatch = Create(
            "NG0019",
            "Vector member disagrees with its manifest or type",
            "Vector member '{0}' of feature set '{1}': {2}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor EmbeddingSpaceConflict = Create(
            "NG0020",
            "Embedding space bound with different definitions",
            "Embedding space '{0}' is bound with different definitions: {1}",
            DiagnosticSeverity.Error);

        /// <summary>NG0021: an error for a dimension, a warning (reported with that effective severity) for a distance function
        /// that ranks differently from cosine and for a space the check cannot decide.</summary>
        public static readonly DiagnosticDescriptor VectorStoreSpaceMismatch = Create(
            "NG0021",
            "Vector-store property disagrees with its embedding space",
            "'{0}' is in embedding space '{1}': {2}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor[] All =
        {
            NoManifest, UnreadableManifest, VersionMismatch, CategoricalScaled, FittedOnNonTrainingData, Leakage, StepsDiffer,
            MemberNotInManifest, ManifestFeatureNotInRecord, MemberOrder, Parameter, HandWritten, Unannotated, StepTypeMismatch,
            NotPartial, ProfileMismatch, UnsealedManifest, FitOnly, VectorMismatch, EmbeddingSpaceConflict, VectorStoreSpaceMismatch,
        };

        public static DiagnosticDescriptor? Find(string id) => id switch
        {
            "NG0001" => NoManifest,
            "NG0002" => UnreadableManifest,
            "NG0004" => CategoricalScaled,
            "NG0007" => StepsDiffer,
            "NG0008" => MemberNotInManifest,
            "NG0009" => ManifestFeatureNotInRecord,
            "NG0014" => StepTypeMismatch,
            "NG0015" => NotPartial,
            "NG0019" => VectorMismatch,
            _ => null,
        };

        private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity) =>
            new DiagnosticDescriptor(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpRoot + id + ".md");
    }
}
