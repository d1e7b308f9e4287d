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
            "Feature set '{0}' has no manifest: add '{1}' to the project as an AdditionalFiles item (the NormGuard package includes **/*.normguard.json by default){2}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor UnreadableManifest = Create(
            "NG0002",
            "Manifest cannot be read",
            "Manifest '{0}' cannot be read: {1}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor CategoricalScaled = Create(
            "NG0004",
            "Categorical member is scaled",
            "'{0}' is categorical ({1}) but has the scaling step {2}: {3}",
            DiagnosticSeverity.Error);

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
            _ => null,
        };

        private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity) =>
            new DiagnosticDescriptor(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpRoot + id + ".md");
    }
}
