using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.CodeAnalysis.Text;
using NormGuard.Manifests;

namespace NormGuard.Generators.Analyzers
{
    /// <summary>
    /// What a model artifact says it was trained with: a feature set name, the manifest's <c>sha256</c> and, when the
    /// artifact records it, the manifest version. <see cref="Problem"/> is set instead when the artifact carries no
    /// readable binding (a model that cannot be checked is reported, never trusted).
    /// </summary>
    internal sealed record ModelExpectation(string? FeatureSet, int Version, string? Sha256, string? Problem)
    {
        public static ModelExpectation Unreadable(string problem) => new ModelExpectation(null, 0, null, problem);
    }

    /// <summary>
    /// Reads the binding a model artifact expects (NG0003, third form; <see cref="ModelRule"/> decides which
    /// AdditionalFile that is: <c>m.lock.json</c> before <c>m</c>). Two kinds of artifact:
    /// <list type="bullet">
    /// <item>
    /// an ONNX model (<c>*.onnx</c>): <c>ModelProto.metadata_props</c> (field 14, repeated <c>StringStringEntryProto</c>
    /// {key = 1, value = 2}) with the keys <c>normguard.featureSet</c>, <c>normguard.sha256</c> and optionally
    /// <c>normguard.version</c>. An AdditionalFile reaches an analyzer only as text the compiler decoded: strict UTF-8,
    /// else the fallback encoding (UTF-8 with U+FFFD replacement on Unix, the ANSI code page on Windows), and no text at
    /// all (CS2015) when bytes that are not UTF-8 contain a NUL pair, as a model with weights usually does. Bytes under
    /// 0x80 stay the same characters in every decoding, so the entries are found by their exact protobuf framing, which
    /// is ASCII for every value up to 127 bytes: <c>'r'</c> (field 14, length-delimited), the entry length, <c>0x0A</c>
    /// (key), the key length, the key, <c>0x12</c> (value), the value length and the value. Values are validated
    /// (64 hex digits, a positive integer, a name without replacement characters), so a key that merely occurs in a doc
    /// string is never taken for a binding.
    /// </item>
    /// <item>
    /// any other file: a JSON lock file <c>{"format": "normguard.lock/1", "featureSet": "…", "version": 3, "sha256": "…"}</c>
    /// (<c>format</c> and <c>version</c> optional, other keys ignored), read with the manifest reader's strict parser.
    /// </item>
    /// </list>
    /// Never throws; each text is read once however many rules or compilations ask.
    /// </summary>
    internal static class ModelArtifact
    {
        public const string FeatureSetKey = "normguard.featureSet";
        public const string Sha256Key = "normguard.sha256";
        public const string VersionKey = "normguard.version";
        public const string LockFormat = "normguard.lock/1";

        /// <summary>Characters read per window of a large text, and how far a window reaches back and ahead of its
        /// chunk so that an entry (at most 6 framing characters, a 20-character key and a 127-byte value) straddling
        /// two chunks is still seen whole.</summary>
        private const int Chunk = 1 << 16;
        private const int Behind = 8;
        private const int Ahead = 256;

        private static readonly ConditionalWeakTable<SourceText, ModelExpectation> OnnxReads = new ConditionalWeakTable<SourceText, ModelExpectation>();
        private static readonly ConditionalWeakTable<SourceText, ModelExpectation> LockReads = new ConditionalWeakTable<SourceText, ModelExpectation>();

        public static bool IsOnnx(string path) => path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase);

        public static ModelExpectation Read(string path, SourceText text) =>
            IsOnnx(path)
                ? OnnxReads.GetValue(text, ReadOnnx)
                : LockReads.GetValue(text, ReadLockFile);

        /// <summary>The <c>normguard.*</c> entries of an ONNX model's <c>metadata_props</c>.</summary>
        public static ModelExpectation ReadOnnx(SourceText text)
        {
            Entries featureSet = Find(text, FeatureSetKey);
            Entries sha256 = Find(text, Sha256Key);
            Entries version = Find(text, VersionKey);

            var problems = new List<string>();
            string? name = Single(featureSet, FeatureSetKey, "a feature set name", problems);
            string? hash = Single(sha256, Sha256Key, "64 hexadecimal digits", problems);
            string? versionText = version.Values.Count == 0 && !version.Malformed ? null : Single(version, VersionKey, "a positive integer", problems);

            if (name is null && hash is null && versionText is null && problems.Count == 0)
            {
                return ModelExpectation.Unreadable(
                    "its metadata_props carry no NormGuard binding ('" + FeatureSetKey + "' and '" + Sha256Key + "'): stamp the model when exporting it (docs/rules/NG0003.md shows how), or bind a lock file instead");
            }

            if (name is null && problems.Count == 0)
            {
                problems.Add("its metadata_props have no '" + FeatureSetKey + "' entry");
            }

            if (hash is null && problems.Count == 0)
            {
                problems.Add("its metadata_props have no '" + Sha256Key + "' entry");
            }

            int versionNumber = 0;
            if (versionText is not null && !TryParseVersion(versionText, out versionNumber))
            {
                problems.Add("its '" + VersionKey + "' is \"" + Shorten(versionText) + "\", not a positive integer");
            }

            return problems.Count > 0
                ? ModelExpectation.Unreadable(string.Join("; ", problems))
                : new ModelExpectation(name, versionNumber, hash, null);
        }

        /// <summary>A JSON lock file: <c>featureSet</c> and <c>sha256</c> required, <c>version</c> and <c>format</c> optional.</summary>
        public static ModelExpectation ReadLockFile(SourceText text)
        {
            JsonNode root;
            try
            {
                root = JsonParser.Parse(text.ToString());
            }
            catch (JsonSyntaxException e)
            {
                int position = Math.Max(0, Math.Min(e.Position, text.Length));
                LinePosition line = text.Lines.GetLinePosition(position);
                return ModelExpectation.Unreadable("it is not valid JSON at line " + (line.Line + 1).ToString(CultureInfo.InvariantCulture) + ", column " + (line.Character + 1).ToString(CultureInfo.InvariantCulture) + ": " + e.Message);
            }

            if (root.Kind != JsonKind.Object)
            {
                return ModelExpectation.Unreadable("a lock file is a JSON object {\"featureSet\": …, \"version\": …, \"sha256\": …}, found " + root.Describe());
            }

            if (root.Get("format") is { } format && !(format.Kind == JsonKind.String && format.String == LockFormat))
            {
                return ModelExpectation.Unreadable("its \"format\" must be \"" + LockFormat + "\", found " + Describe(format));
            }

            JsonNode? featureSet = root.Get("featureSet");
            JsonNode? sha256 = root.Get("sha256");
            JsonNode? version = root.Get("version");
            if (featureSet is null && sha256 is null)
            {
                return ModelExpectation.Unreadable("it has neither \"featureSet\" nor \"sha256\": a lock file names the feature set and the manifest hash the model was trained with");
            }

            if (featureSet is null || featureSet.Kind != JsonKind.String || string.IsNullOrEmpty(featureSet.String))
            {
                return ModelExpectation.Unreadable("its \"featureSet\" must be a non-empty string" + (featureSet is null ? " and is missing" : ", found " + Describe(featureSet)));
            }

            if (sha256 is null || sha256.Kind != JsonKind.String || !IsSha256(sha256.String!))
            {
                return ModelExpectation.Unreadable("its \"sha256\" must be the manifest's hash, 64 hexadecimal digits" + (sha256 is null ? ", and is missing" : ", found " + Describe(sha256)));
            }

            int versionNumber = 0;
            if (version is not null && (version.Kind != JsonKind.Number || version.Number < 1 || version.Number > int.MaxValue || Math.Floor(version.Number) != version.Number))
            {
                return ModelExpectation.Unreadable("its \"version\" must be a positive integer, found " + Describe(version));
            }

            if (version is not null)
            {
                versionNumber = (int)version.Number;
            }

            return new ModelExpectation(featureSet.String, versionNumber, sha256.String!.ToLowerInvariant(), null);
        }

        public static bool IsSha256(string value)
        {
            if (value.Length != 64)
            {
                return false;
            }

            foreach (char c in value)
            {
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The first 12 hex digits: enough to tell manifests apart in a message.</summary>
        public static string Short(string? sha256) => Short(sha256, null);

        /// <summary>At least 12 hex digits, more when <paramref name="other"/> shares a longer prefix, so two hashes
        /// in one message never look the same.</summary>
        public static string Short(string? sha256, string? other)
        {
            if (string.IsNullOrEmpty(sha256))
            {
                return "?";
            }

            int common = 0;
            if (other is not null)
            {
                while (common < sha256!.Length && common < other.Length && char.ToLowerInvariant(sha256[common]) == char.ToLowerInvariant(other[common]))
                {
                    common++;
                }
            }

            int length = Math.Max(12, common + 4);
            return sha256!.Length <= length ? sha256 : sha256.Substring(0, length);
        }

        private static string? Single(Entries entries, string key, string expected, List<string> problems)
        {
            if (entries.Values.Count > 1)
            {
                problems.Add("its metadata_props carry " + entries.Values.Count.ToString(CultureInfo.InvariantCulture) + " different '" + key + "' entries");
                return null;
            }

            if (entries.Values.Count == 1)
            {
                string value = entries.Values[0];
                bool valid = key == Sha256Key ? IsSha256(value) : value.Length > 0;
                if (valid)
                {
                    return key == Sha256Key ? value.ToLowerInvariant() : value;
                }

                problems.Add("its '" + key + "' entry is \"" + Shorten(value) + "\", not " + expected);
                return null;
            }

            if (entries.Malformed)
            {
                problems.Add("its '" + key + "' entry cannot be read (expected " + expected + ", at most 127 bytes, in a metadata_props entry of the model)");
            }

            return null;
        }

        private static bool TryParseVersion(string text, out int version)
        {
            version = 0;
            if (text.Length == 0 || text.Length > 9)
            {
                return false;
            }

            foreach (char c in text)
            {
                if (c < '0' || c > '9')
                {
                    return false;
                }

                version = (version * 10) + (c - '0');
            }

            return version > 0;
        }

        private static string Describe(JsonNode node) => node.Kind == JsonKind.String ? "\"" + Shorten(node.String!) + "\"" : node.Describe();

        private static string Shorten(string text) => text.Length <= 70 ? text : text.Substring(0, 67) + "...";

        /// <summary>Every distinct value of one key's model-level metadata entries; <see cref="Malformed"/> when the key
        /// occurs with key framing but no readable value.</summary>
        private sealed class Entries
        {
            public List<string> Values { get; } = new List<string>();

            public bool Malformed { get; set; }
        }

        private static Entries Find(SourceText text, string key)
        {
            var entries = new Entries();
            int length = text.Length;
            char[] buffer = new char[Math.Min(length, Behind + Chunk + Ahead)];
            for (int chunkStart = 0; chunkStart < length; chunkStart += Chunk)
            {
                int windowStart = Math.Max(0, chunkStart - Behind);
                int windowEnd = Math.Min(length, chunkStart + Chunk + Ahead);
                int count = windowEnd - windowStart;
                text.CopyTo(windowStart, buffer, 0, count);

                // Only keys that start inside this chunk: the windows overlap, each occurrence is seen once.
                int first = chunkStart - windowStart;
                int last = Math.Min(count, first + Chunk);
                for (int at = IndexOf(buffer, count, key, first); at >= 0 && at < last; at = IndexOf(buffer, count, key, at + 1))
                {
                    switch (ReadEntry(buffer, count, at, key, out string? value))
                    {
                        case EntryRead.Value:
                            if (!entries.Values.Contains(value!))
                            {
                                entries.Values.Add(value!);
                            }

                            break;
                        case EntryRead.Malformed:
                            entries.Malformed = true;
                            break;
                    }
                }
            }

            return entries;
        }

        private enum EntryRead
        {
            NotAnEntry,
            Malformed,
            Value,
        }

        /// <summary>
        /// Reads <c>'r' len 0x0A keyLen key 0x12 valueLen value</c> around the key found at <paramref name="at"/>.
        /// The key's own framing decides whether this is a metadata key at all (else it is text elsewhere in the model);
        /// the value's framing, the entry length and the 'r' tag of <c>ModelProto.metadata_props</c> must then agree.
        /// </summary>
        private static EntryRead ReadEntry(char[] text, int count, int at, string key, out string? value)
        {
            value = null;
            if (at < 2 || text[at - 2] != '\n' || text[at - 1] != (char)key.Length)
            {
                return EntryRead.NotAnEntry;
            }

            int tag = at + key.Length;
            if (tag + 1 >= count || text[tag] != '\u0012' || text[tag + 1] >= (char)0x80)
            {
                return EntryRead.Malformed;
            }

            int byteLength = text[tag + 1];
            int position = tag + 2;
            int bytes = 0;
            var builder = new StringBuilder(byteLength);
            while (bytes < byteLength)
            {
                if (position >= count)
                {
                    return EntryRead.Malformed;
                }

                char c = text[position];
                if (c == '\uFFFD')
                {
                    return EntryRead.Malformed;
                }

                if (char.IsHighSurrogate(c) && position + 1 < count && char.IsLowSurrogate(text[position + 1]))
                {
                    builder.Append(c).Append(text[position + 1]);
                    position += 2;
                    bytes += 4;
                    continue;
                }

                builder.Append(c);
                position++;
                bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            }

            if (bytes != byteLength)
            {
                return EntryRead.Malformed;
            }

            int entryLength = 2 + key.Length + 2 + byteLength;
            bool framed = entryLength < 0x80
                ? at >= 4 && text[at - 3] == (char)entryLength && text[at - 4] == 'r'
                : at >= 5 && text[at - 3] == (char)(entryLength >> 7) && text[at - 4] >= (char)0x80 && text[at - 5] == 'r';
            if (!framed)
            {
                return EntryRead.Malformed;
            }

            value = builder.ToString();
            return EntryRead.Value;
        }

        private static int IndexOf(char[] buffer, int count, string key, int from)
        {
            int end = count - key.Length;
            for (int i = from; i <= end; i++)
            {
                if (buffer[i] != key[0])
                {
                    continue;
                }

                int j = 1;
                while (j < key.Length && buffer[i + j] == key[j])
                {
                    j++;
                }

                if (j == key.Length)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
