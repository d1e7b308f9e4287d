using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace NormGuard.Tool.Importers;

/// <summary>What the user asked <c>normguard import</c> for, beyond the source file.</summary>
internal sealed record ImportOptions
{
    /// <summary>The model file or directory, as given.</summary>
    public required string Source { get; init; }

    public IReadOnlyList<string>? Names { get; init; }

    /// <summary>The op each feature's step is labelled with (<c>--as</c>): one for all features, or one per feature.</summary>
    public IReadOnlyList<string>? As { get; init; }

    public required TextWriter Notes { get; init; }
}

/// <summary>One imported feature: its default name (the importer's; <c>--names</c> may replace it) and its one step.</summary>
internal sealed record ImportedFeature(string Name, NormalizationStep Step)
{
    /// <summary>
    /// The missing-value policy the source prescribes (an imputer in front of the scaler fills), or null when it says
    /// nothing and the library's own behaviour applies (see <c>ImportCommand.MissingPolicy</c>).
    /// </summary>
    public MissingValuePolicy? Missing { get; init; }

    /// <summary>A slot of an ML.NET vector column (the manifest's <c>"mlnetColumn": "vector"</c>).</summary>
    public bool MLNetVectorColumn { get; init; }
}

/// <summary>The parameters an importer read, before names, version and provenance are added.</summary>
internal sealed record ImportedModel(NormalizationProfile Profile, ManifestDType DType, IReadOnlyList<ImportedFeature> Features)
{
    /// <summary>Training rows, when the source records them (0 otherwise).</summary>
    public long Rows { get; init; }

    /// <summary>What the source says about how its parameters were produced, for the command's summary.</summary>
    public string? Description { get; init; }
}

/// <summary>Helpers every importer shares: names, labels, hashes, number text.</summary>
internal static class ImportSupport
{
    public static readonly string[] AffineOps = ["zscore", "robust", "maxabs", "minmax"];

    /// <summary>The final feature names: the importer's defaults, or <c>--names</c> (same count, unique).</summary>
    public static IReadOnlyList<string> Names(IReadOnlyList<string> defaults, IReadOnlyList<string>? given, string source)
    {
        IReadOnlyList<string> names = defaults;
        if (given is not null)
        {
            if (given.Count != defaults.Count)
            {
                throw new CliException($"--names gives {given.Count} name{(given.Count == 1 ? string.Empty : "s")}, but {source} has {defaults.Count} feature{(defaults.Count == 1 ? string.Empty : "s")} ({string.Join(", ", defaults.Take(8))}{(defaults.Count > 8 ? ", …" : string.Empty)})");
            }

            names = given;
        }

        string? duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (duplicate is not null)
        {
            throw new CliException($"{source}: two features would be named '{duplicate}'; give unique names with --names a,b,c");
        }

        return names;
    }

    /// <summary>The <c>--as</c> label of feature <paramref name="index"/> of <paramref name="count"/>, or null (the importer's default).</summary>
    public static string? Label(IReadOnlyList<string>? labels, int index, int count)
    {
        if (labels is null)
        {
            return null;
        }

        if (labels.Count != 1 && labels.Count != count)
        {
            throw new CliException($"--as gives {labels.Count} ops, but the model has {count} features: give one op for all, or one per feature");
        }

        string label = labels.Count == 1 ? labels[0] : labels[index];
        return Array.IndexOf(AffineOps, label) >= 0
            ? label
            : throw new CliException($"--as: unknown op '{label}' (zscore, robust, maxabs, minmax)");
    }

    /// <summary>The SHA-256 of a file, or of a directory as <c>sha256sum</c> lists it (see docs/import.md).</summary>
    public static string Sha256(string path)
    {
        if (File.Exists(path))
        {
            using FileStream stream = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        // Every file under the directory except Hadoop's checksum files (.crc) and _SUCCESS markers, sorted by their
        // '/'-separated relative path (ordinal), listed as sha256sum prints them, "<hash>  <path>\n"; the hash of that text.
        var listing = new StringBuilder();
        IEnumerable<string> files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Select(f => (Full: f, Relative: Path.GetRelativePath(path, f).Replace('\\', '/')))
            .Where(f => !f.Relative.EndsWith(".crc", StringComparison.Ordinal) && Path.GetFileName(f.Relative) != "_SUCCESS")
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .Select(f => f.Full);
        foreach (string file in files)
        {
            using FileStream stream = File.OpenRead(file);
            listing.Append(Convert.ToHexStringLower(SHA256.HashData(stream))).Append("  ").Append(Path.GetRelativePath(path, file).Replace('\\', '/')).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(listing.ToString())));
    }

    /// <summary>The file or directory name of a source path (what a manifest records: no machine-specific folders).</summary>
    public static string SourceName(string path) => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Number(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A step's parameters in one short line, for the command's summary.</summary>
    public static string Describe(NormalizationStep step) => step switch
    {
        ZScoreStep z => $"zscore mean={Number(z.Mean)} std={Number(z.Std)}",
        MinMaxStep m => $"minmax min={Number(m.Min)} max={Number(m.Max)} low={Number(m.Low)} high={Number(m.High)}{(m.Clip ? " clip" : string.Empty)}",
        MaxAbsStep a => $"maxabs maxabs={Number(a.MaxAbs)}",
        RobustStep r => $"robust center={Number(r.Center)} scale={Number(r.Scale)} lower={Number(r.Lower)} upper={Number(r.Upper)}",
        ClipStep c => $"clip min={Number(c.Min)} max={Number(c.Max)}",
        OneHotStep o => $"onehot [{string.Join(", ", o.Categories.Take(6))}{(o.Categories.Count > 6 ? ", …" : string.Empty)}] unknown={(o.Unknown == UnknownCategory.AllZeros ? "allZeros" : "error")}",
        L2NormalizeStep or CenterStep or VectorZScoreStep or PcaStep or TruncateStep => Commands.ShowCommand.Step(step),
        _ => step.Op,
    };
}
