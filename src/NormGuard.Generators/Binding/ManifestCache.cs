using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis.Text;
using NormGuard.Manifests;

namespace NormGuard.Generators.Binding
{
    /// <summary>
    /// Manifest texts already read in this compiler process. Two levels: by <see cref="SourceText"/> instance, so the
    /// generator and the analyzers of one build share one lookup; then by the text's content, so that the compiler
    /// server's next build (new AdditionalText and SourceText objects for unchanged files) does not parse, canonicalize
    /// and hash its manifests again.
    /// </summary>
    internal static class ManifestCache
    {
        private static readonly ConditionalWeakTable<SourceText, ManifestReadResult> ByInstance =
            new ConditionalWeakTable<SourceText, ManifestReadResult>();

        /// <summary>The process-wide content cache (<see cref="ManifestContentCache.DefaultCharacterBudget"/>).</summary>
        public static ManifestContentCache Shared { get; } = new ManifestContentCache(ManifestContentCache.DefaultCharacterBudget);

        public static ManifestReadResult Read(SourceText text) => ByInstance.GetValue(text, t => Shared.Read(t.ToString()));
    }

    /// <summary>
    /// What <see cref="ManifestReader.Read(string)"/> gave for a text, keyed by the whole text (ordinal equality, so a
    /// hit is only ever a text equal character for character; a path plays no part, so an edited file is a miss).
    /// Bounded: the texts and canonical forms it holds add up to at most the character budget, least recently used
    /// first out; a text longer than an eighth of the budget is read and not kept. Thread-safe: analyzers and the
    /// generator run concurrently. The results are immutable records, so sharing one between builds is safe.
    /// </summary>
    internal sealed class ManifestContentCache
    {
        /// <summary>16 M characters (32 MB of strings, plus the parsed models, which are smaller than their text): the
        /// 200 manifests of the stress project (5.6 M characters) and their canonical forms (4.7 M) take about 10.3 M.</summary>
        public const long DefaultCharacterBudget = 16L * 1024 * 1024;

        private readonly object _gate = new object();
        private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new Dictionary<string, LinkedListNode<Entry>>(StringComparer.Ordinal);
        private readonly LinkedList<Entry> _recency = new LinkedList<Entry>();
        private long _characters;
        private long _hits;
        private long _misses;

        public ManifestContentCache(long characterBudget) => CharacterBudget = characterBudget;

        public long CharacterBudget { get; }

        /// <summary>Characters held: the texts plus their canonical forms.</summary>
        public long Characters
        {
            get
            {
                lock (_gate)
                {
                    return _characters;
                }
            }
        }

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _entries.Count;
                }
            }
        }

        /// <summary>Reads answered from the cache.</summary>
        public long Hits => System.Threading.Interlocked.Read(ref _hits);

        /// <summary>Reads that ran the manifest reader.</summary>
        public long Misses => System.Threading.Interlocked.Read(ref _misses);

        /// <summary>Forgets every entry (the benchmarks' "first build after an edit" rounds; a build never calls it).</summary>
        public void Clear()
        {
            lock (_gate)
            {
                _entries.Clear();
                _recency.Clear();
                _characters = 0;
            }
        }

        public ManifestReadResult Read(string text)
        {
            lock (_gate)
            {
                if (_entries.TryGetValue(text, out LinkedListNode<Entry>? node))
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                    _hits++;
                    return node.Value.Result;
                }

                _misses++;
            }

            // Read outside the lock: two threads that miss the same text both read it, and the second keeps the first's.
            ManifestReadResult result = ManifestReader.Read(text);
            long size = (long)text.Length + (result.Manifest?.CanonicalJson.Length ?? 0);
            if (size > CharacterBudget / 8)
            {
                return result;
            }

            lock (_gate)
            {
                if (_entries.TryGetValue(text, out LinkedListNode<Entry>? raced))
                {
                    return raced.Value.Result;
                }

                _entries.Add(text, _recency.AddFirst(new Entry(text, result, size)));
                _characters += size;
                while (_characters > CharacterBudget)
                {
                    LinkedListNode<Entry> oldest = _recency.Last!;
                    _recency.RemoveLast();
                    _entries.Remove(oldest.Value.Text);
                    _characters -= oldest.Value.Size;
                }
            }

            return result;
        }

        private sealed class Entry
        {
            public Entry(string text, ManifestReadResult result, long size)
            {
                Text = text;
                Result = result;
                Size = size;
            }

            public string Text { get; }

            public ManifestReadResult Result { get; }

            public long Size { get; }
        }
    }
}
