using System;
using System.Globalization;
using System.IO;
using System.Linq;
using NormGuard.Tool.Data;

namespace NormGuard.Tool.Commands;

/// <summary>
/// Where <c>fit</c> and <c>import</c> write a manifest (<c>--out</c>), and whether they may replace the file there. A feature
/// set's version names its parameters: builds bind it (and a model artifact its hash), so replacing a manifest by one of the
/// same version with other parameters silently changes what they compute. Without <c>--force</c> that is refused, and so
/// is replacing another feature set's manifest, a newer version, or a file that is not a manifest; a newer version replaces
/// an older one (a refit with <c>--previous</c>), and the same fit again leaves the file as it is.
/// </summary>
internal sealed class ManifestOutput
{
    private readonly Manifest? _existing;
    private readonly bool _force;
    private readonly string _command;

    private ManifestOutput(string path, Manifest? existing, bool force, string command)
    {
        Path = path;
        _existing = existing;
        _force = force;
        _command = command;
    }

    public string Path { get; }

    /// <summary>The manifest the file held before (null when there was none, or with --force).</summary>
    public Manifest? Existing => _existing;

    /// <summary>The manifest the file held, when a newer version replaced it.</summary>
    public Manifest? Replaced { get; private set; }

    /// <summary>Checks what can be checked before the work (so that a long fit is not wasted): the path, and the file there.</summary>
    /// <param name="command">"fit", "merge" or "import", for the advice in messages.</param>
    public static ManifestOutput Open(string path, string featureSet, int version, bool force, string command)
    {
        InputFiles.Writable(path, "--out", featureSet + ".normguard.json");
        if (force || !File.Exists(path))
        {
            return new ManifestOutput(path, null, force, command);
        }

        Manifest existing;
        try
        {
            existing = Manifest.Load(path);
        }
        catch (Exception problem) when (problem is ManifestException or IOException or UnauthorizedAccessException)
        {
            string why = problem.Message.Split('\n')[0];
            throw new CliException($"{path}: exists and is not a readable manifest ({why}); not replacing it: choose another --out, or give --force to overwrite it");
        }

        if (existing.FeatureSet != featureSet)
        {
            throw new CliException(string.Create(CultureInfo.InvariantCulture,
                $"{path}: holds the manifest of feature set '{existing.FeatureSet}' (v{existing.Version}), not '{featureSet}'; not replacing it: choose another --out, or give --force to overwrite it"));
        }

        if (existing.Version > version)
        {
            throw new CliException(string.Create(CultureInfo.InvariantCulture,
                $"{path}: holds '{featureSet}' v{existing.Version}, newer than the v{version} being written; not replacing it: {NewVersionAdvice(command, path, existing.Version)}, or give --force to overwrite it"));
        }

        return new ManifestOutput(path, existing, force, command);
    }

    /// <summary>
    /// Writes <paramref name="manifest"/>, or refuses (same version, other content), or leaves the file when it already
    /// holds this fit. Returns false when the file was left as it was.
    /// </summary>
    /// <param name="copyFrom">A file holding the manifest's text as another writer wrote it (the scikit-learn exporter), to copy rather than save.</param>
    public bool Write(Manifest manifest, string? copyFrom = null)
    {
        if (_existing is not null && !_force && _existing.Version == manifest.Version)
        {
            if (Content(_existing) == Content(manifest))
            {
                return false;
            }

            string[] changed = manifest.Features.Select(f => f.Name)
                .Union(_existing.Features.Select(f => f.Name))
                .Where(name => FeatureContent(_existing, name) != FeatureContent(manifest, name))
                .ToArray();
            string what = changed.Length == 0
                ? "another profile, dtype or fit provenance (split, rows, source data)"
                : (changed.Length == 1 ? "feature " + changed[0] + " differs" : "features " + string.Join(", ", changed.Take(5)) + (changed.Length > 5 ? ", …" : string.Empty) + " differ");
            throw new CliException(string.Create(CultureInfo.InvariantCulture,
                $"{Path}: already holds '{manifest.FeatureSet}' v{manifest.Version} with other parameters ({what}); replacing it would silently change what builds bound to v{manifest.Version} compute. {Capitalized(NewVersionAdvice(_command, Path, manifest.Version))}, or give --force to replace v{manifest.Version}"));
        }

        Replaced = _existing is not null && _existing.Version < manifest.Version ? _existing : null;
        string? directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        if (copyFrom is null)
        {
            manifest.Save(Path);
        }
        else
        {
            File.Copy(copyFrom, Path, overwrite: true);
        }

        return true;
    }

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static string NewVersionAdvice(string command, string path, int version) => command is "fit" or "merge"
        ? string.Create(CultureInfo.InvariantCulture, $"to fit a new version give --previous {path} (writes v{version + 1})")
        : string.Create(CultureInfo.InvariantCulture, $"to import a new version give --version {version + 1}");

    /// <summary>The canonical content without what changes on every run of the same fit: when it ran, which tool, the path text of the source.</summary>
    private static string Content(Manifest manifest) => new Manifest
    {
        FeatureSet = manifest.FeatureSet,
        Version = manifest.Version,
        Profile = manifest.Profile,
        DType = manifest.DType,
        Fit = manifest.Fit is { } fit ? new FitProvenance { Split = fit.Split, Rows = fit.Rows, SourceSha256 = fit.SourceSha256 } : null,
        Features = manifest.Features,
    }.ToCanonicalJson();

    private static string? FeatureContent(Manifest manifest, string name) =>
        manifest.Features.FirstOrDefault(f => f.Name == name) is { } feature
            ? new Manifest { FeatureSet = manifest.FeatureSet, Version = 1, Features = [feature] }.ToCanonicalJson()
            : null;
}
