using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis.Text;

namespace NormGuard.Analyzers.Tests;

/// <summary>A diagnostic a corpus program is labelled with: <c>{|NG0006:…|}</c> around <see cref="Span"/> in <see cref="Path"/>.</summary>
internal sealed record ExpectedDiagnostic(string Id, string Path, TextSpan Span);

/// <summary>One source file of a corpus program: its text with the markup removed, and the diagnostics it marks.</summary>
internal sealed record CorpusSource(string Path, string MarkedText, string Text, ImmutableArray<ExpectedDiagnostic> Expected);

/// <summary>
/// One program of a corpus (Corpus/Leakage, Corpus/HandWritten): a single <c>.cs</c> file, or a directory whose <c>.cs</c>
/// files are compiled together, with an optional <c>Library/</c> folder compiled first into its own assembly and
/// referenced (what a user's helper project looks like to the analysis), and the <c>*.normguard.json</c> manifests
/// beside the sources handed to the compiler as AdditionalFiles. The first file (<c>Program.cs</c> in a directory)
/// starts with the labels: <c>// category: …</c>, <c>// boundary: …</c> and the verdict.
/// </summary>
internal sealed class CorpusProgram
{
    /// <summary>The label of the 30 programs written before issue 12, which carry no header.</summary>
    public const string Unlabelled = "(original corpus)";

    private CorpusProgram(string name, bool positive, ImmutableArray<CorpusSource> sources, ImmutableArray<(string Path, string Text)> library, ImmutableArray<(string Path, string Text)> manifests)
    {
        Name = name;
        Positive = positive;
        Sources = sources;
        LibrarySources = library;
        Manifests = manifests;
        string header = sources[0].MarkedText;
        Category = HeaderValue(header, "category") ?? Unlabelled;
        Boundary = HeaderValue(header, "boundary") ?? (HasHeader ? "-" : Unlabelled);
        Verdict = HeaderValue(header, "Verdict");
    }

    /// <summary>Path relative to the corpus root, with forward slashes (<c>Leaky/FitterAddThenSplit.cs</c>, <c>Leaky/HelperInOtherFile</c>).</summary>
    public string Name { get; }

    /// <summary>In the Leaky or Reported folder: it must be reported.</summary>
    public bool Positive { get; }

    public string Category { get; }

    public string Boundary { get; }

    public bool HasHeader => Category != Unlabelled;

    /// <summary>The ML engineer's verdict line (<c>// Verdict: leaky. …</c>), null when the program has no header.</summary>
    public string? Verdict { get; }

    public ImmutableArray<CorpusSource> Sources { get; }

    public ImmutableArray<(string Path, string Text)> LibrarySources { get; }

    public ImmutableArray<(string Path, string Text)> Manifests { get; }

    public IEnumerable<ExpectedDiagnostic> Expected => Sources.SelectMany(s => s.Expected);

    public override string ToString() => Name;

    /// <summary>The programs under <paramref name="root"/>/<paramref name="folders"/>: every <c>.cs</c> file directly in a folder and every subdirectory.</summary>
    public static IEnumerable<string> Entries(string root, params string[] folders) =>
        folders
            .SelectMany(folder =>
                Directory.GetFiles(Path.Combine(root, folder), "*.cs")
                    .Concat(Directory.GetDirectories(Path.Combine(root, folder))))
            .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
            .OrderBy(p => p, StringComparer.Ordinal);

    public static CorpusProgram Load(string root, string name)
    {
        string full = Path.Combine(root, name);
        bool positive = name.StartsWith("Leaky/", StringComparison.Ordinal) || name.StartsWith("Reported/", StringComparison.Ordinal);
        if (File.Exists(full))
        {
            return new CorpusProgram(name, positive, [Source(Path.GetFileName(full), File.ReadAllText(full))], [], []);
        }

        if (!Directory.Exists(full))
        {
            throw new FileNotFoundException($"{full}: no corpus program (neither a .cs file nor a directory)");
        }

        string library = Path.Combine(full, "Library");
        var sources = Directory.GetFiles(full, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(library + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(f => Source(Path.GetRelativePath(full, f).Replace('\\', '/'), File.ReadAllText(f)))
            .OrderBy(s => s.Path == "Program.cs" ? 0 : 1)
            .ThenBy(s => s.Path, StringComparer.Ordinal)
            .ToImmutableArray();
        if (sources.IsEmpty || sources[0].Path != "Program.cs")
        {
            throw new InvalidDataException($"{full}: a directory program needs a Program.cs, which carries the labels");
        }

        var librarySources = Directory.Exists(library)
            ? Directory.GetFiles(library, "*.cs", SearchOption.AllDirectories)
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => (Path.GetRelativePath(full, f).Replace('\\', '/'), File.ReadAllText(f)))
                .ToImmutableArray()
            : [];
        if (librarySources.Any(l => l.Item2.Contains("{|", StringComparison.Ordinal)))
        {
            throw new InvalidDataException($"{full}: markup in Library/ — a diagnostic belongs in the caller, not in the helper assembly");
        }

        var manifests = Directory.GetFiles(full, "*.normguard.json")
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => ("/corpus/" + name + "/" + Path.GetFileName(f), File.ReadAllText(f)))
            .ToImmutableArray();
        return new CorpusProgram(name, positive, sources, librarySources, manifests);
    }

    /// <summary>Removes <c>{|NGxxxx:…|}</c> markup (not nested) and records each marked span.</summary>
    public static CorpusSource Source(string path, string marked)
    {
        var text = new System.Text.StringBuilder(marked.Length);
        var expected = ImmutableArray.CreateBuilder<ExpectedDiagnostic>();
        int i = 0;
        while (i < marked.Length)
        {
            int open = marked.IndexOf("{|", i, StringComparison.Ordinal);
            if (open < 0)
            {
                text.Append(marked, i, marked.Length - i);
                break;
            }

            text.Append(marked, i, open - i);
            int colon = marked.IndexOf(':', open);
            int close = marked.IndexOf("|}", open, StringComparison.Ordinal);
            int nested = marked.IndexOf("{|", open + 2, StringComparison.Ordinal);
            if (colon < 0 || close < 0 || colon > close || (nested >= 0 && nested < close))
            {
                throw new InvalidDataException($"{path}: unbalanced or nested markup at offset {open}");
            }

            string id = marked.Substring(open + 2, colon - open - 2);
            int start = text.Length;
            text.Append(marked, colon + 1, close - colon - 1);
            expected.Add(new ExpectedDiagnostic(id, path, TextSpan.FromBounds(start, text.Length)));
            i = close + 2;
        }

        return new CorpusSource(path, marked, text.ToString(), expected.ToImmutable());
    }

    private static string? HeaderValue(string text, string key)
    {
        string prefix = "// " + key + ":";
        foreach (string line in text.Split('\n').TakeWhile(l => l.StartsWith("//", StringComparison.Ordinal)))
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line[prefix.Length..].Trim();
            }
        }

        return null;
    }
}
