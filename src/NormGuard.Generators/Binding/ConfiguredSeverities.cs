using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGuard.Generators.Diagnostics;
using NormGuard.Manifests;

namespace NormGuard.Generators.Binding
{
    /// <summary>
    /// The severities the project's global analyzer configs give NormGuard's rules (a <c>.globalconfig</c>, the strict
    /// build's generated config), so the generator knows whether the rules that keep a record from binding fail the build.
    /// Per-file <c>.editorconfig</c> sections and <c>#pragma</c> are not seen here: silencing an error there is a choice
    /// the generated members answer by throwing.
    /// </summary>
    internal sealed record ConfiguredSeverities(EquatableArray<string> Errors)
    {
        public static ConfiguredSeverities From(AnalyzerConfigOptions global)
        {
            string? bulk = Read(global, "dotnet_analyzer_diagnostic.severity");
            string? category = Read(global, "dotnet_analyzer_diagnostic.category-NormGuard.severity");
            var errors = new List<string>();
            foreach (DiagnosticDescriptor descriptor in DiagnosticDescriptors.All)
            {
                string? configured = Read(global, "dotnet_diagnostic." + descriptor.Id + ".severity") ?? category ?? bulk;
                // NG0011 unbinds a record only for a non-finite parameter, which it reports as an error.
                bool byDefault = descriptor.DefaultSeverity == DiagnosticSeverity.Error || descriptor.Id == DiagnosticDescriptors.Parameter.Id;
                bool error = configured is null ? byDefault : configured == "error";
                if (error)
                {
                    errors.Add(descriptor.Id);
                }
            }

            return new ConfiguredSeverities(new EquatableArray<string>(errors.ToArray()));
        }

        /// <summary>Whether a build with these rules standing fails: then the members need no guard of their own.</summary>
        public bool FailsBuild(EquatableArray<string> rules)
        {
            foreach (string rule in rules)
            {
                foreach (string error in Errors)
                {
                    if (error == rule)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static string? Read(AnalyzerConfigOptions options, string key) =>
            options.TryGetValue(key, out string? value) ? value.Trim().ToLowerInvariant() : null;
    }
}
