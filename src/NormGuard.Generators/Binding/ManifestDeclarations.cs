using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace NormGuard.Generators.Binding
{
    /// <summary>An AdditionalFile whose content declares a feature set (<c>"featureSet": "…"</c>).</summary>
    internal readonly struct DeclaredFeatureSet
    {
        public DeclaredFeatureSet(string path, string featureSet)
        {
            Path = path;
            FeatureSet = featureSet;
        }

        public string Path { get; }

        public string FeatureSet { get; }
    }

    /// <summary>
    /// The AdditionalFiles that declare a feature set NG0001 found no manifest for: its <c>*.normguard.json</c> files,
    /// already read as manifests, and other <c>*.json</c> files, found by a scan for the <c>featureSet</c> property
    /// rather than a parse (they are not read as manifests, so they are told to be renamed).
    /// </summary>
    internal static class ManifestDeclarations
    {
        private const string Property = "\"featureSet\"";

        /// <summary>
        /// The text NG0001 adds after "among the AdditionalFiles" (empty when no file declares the feature set), and the
        /// <c>Manifest</c> value that binds the one declaring manifest (empty unless there is exactly one), for the code fix.
        /// </summary>
        public static (string Message, string Bind) Describe(string featureSet, IReadOnlyList<string> manifestPaths, IEnumerable<DeclaredFeatureSet> manifests, IEnumerable<DeclaredFeatureSet> otherJson)
        {
            var text = new StringBuilder();
            List<DeclaredFeatureSet> bindable = manifests.Where(m => m.FeatureSet == featureSet).OrderBy(m => m.Path, StringComparer.Ordinal).ToList();
            string bind = string.Empty;
            for (int i = 0; i < bindable.Count; i++)
            {
                string name = ShortestUniqueSuffix(bindable[i].Path, manifestPaths);
                bind = bindable.Count == 1 ? name : string.Empty;
                text.Append(i == 0 ? ", but " : "; ").Append(bindable[i].Path)
                    .Append(" declares \"featureSet\": \"").Append(featureSet).Append("\": bind it with ")
                    .Append(Attribute(featureSet, name));
            }

            foreach (DeclaredFeatureSet other in otherJson.Where(o => o.FeatureSet == featureSet).OrderBy(o => o.Path, StringComparer.Ordinal))
            {
                string renamed = StemOf(other.Path) + ManifestSuffix;
                text.Append(text.Length == 0 ? ", but " : "; ").Append(other.Path)
                    .Append(" declares \"featureSet\": \"").Append(featureSet)
                    .Append("\" and is not read as a manifest (the name must end in .normguard.json): rename it to ").Append(renamed)
                    .Append(" and bind it with ").Append(Attribute(featureSet, renamed));
            }

            return (text.ToString(), bind);
        }

        public const string ManifestSuffix = ".normguard.json";

        /// <summary>The value of the first <c>"featureSet"</c> property holding a plain string (no escapes), or null; never
        /// throws, whatever the text.</summary>
        public static string? Scan(string text)
        {
            int at = 0;
            while ((at = text.IndexOf(Property, at, StringComparison.Ordinal)) >= 0)
            {
                int i = SkipSpace(text, at + Property.Length);
                at += Property.Length;
                if (i < text.Length && text[i] == ':')
                {
                    i = SkipSpace(text, i + 1);
                    if (i < text.Length && text[i] == '"')
                    {
                        int end = i + 1;
                        while (end < text.Length && text[end] != '"' && text[end] != '\\' && text[end] >= ' ')
                        {
                            end++;
                        }

                        if (end < text.Length && text[end] == '"')
                        {
                            return text.Substring(i + 1, end - i - 1);
                        }
                    }
                }
            }

            return null;
        }

        private static string Attribute(string featureSet, string manifest) =>
            "[FeatureSet(\"" + featureSet + "\", Manifest = \"" + manifest + "\")]";

        private static int SkipSpace(string text, int i)
        {
            while (i < text.Length && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
            {
                i++;
            }

            return i;
        }

        /// <summary>The file name, or as many trailing directories as make it match no other manifest path.</summary>
        private static string ShortestUniqueSuffix(string path, IReadOnlyList<string> manifestPaths)
        {
            string[] parts = path.Replace('\\', '/').Split('/');
            string suffix = parts[parts.Length - 1];
            for (int take = 1; take <= parts.Length; take++)
            {
                suffix = string.Join("/", parts, parts.Length - take, take);
                string wanted = suffix;
                int matching = manifestPaths.Count(p => p.Equals(wanted, StringComparison.OrdinalIgnoreCase) || p.EndsWith("/" + wanted, StringComparison.OrdinalIgnoreCase));
                if (matching <= 1)
                {
                    return suffix;
                }
            }

            return suffix;
        }

        private static string StemOf(string path)
        {
            string normalized = path.Replace('\\', '/');
            string file = normalized.Substring(normalized.LastIndexOf('/') + 1);
            return file.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? file.Substring(0, file.Length - ".json".Length) : file;
        }
    }
}
