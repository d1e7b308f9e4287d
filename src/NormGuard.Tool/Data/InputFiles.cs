using System.IO;

namespace NormGuard.Tool.Data;

/// <summary>
/// Checks a path that must name a file before it is opened, so that a directory is reported as one: .NET reports opening
/// a directory as "Access to the path … is denied", which sends the user looking for a permission problem.
/// </summary>
internal static class InputFiles
{
    /// <summary>The path, when it names an existing file; else a <see cref="CliException"/> saying what it is instead.</summary>
    /// <param name="what">What the path should be, for the message: "a manifest file", "a CSV or TSV file".</param>
    public static string Existing(string path, string what)
    {
        if (Directory.Exists(path))
        {
            throw new CliException($"{path}: is a directory, not {what}");
        }

        if (!File.Exists(path))
        {
            throw new CliException($"{path}: no such file");
        }

        return path;
    }

    public static FileStream OpenRead(string path, string what) =>
        new(Existing(path, what), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);

    /// <summary>A path to write to: it may not exist yet, but it may not be a directory.</summary>
    /// <param name="example">A file name to suggest inside the directory ("diamonds.normguard.json").</param>
    public static string Writable(string path, string option, string example)
    {
        if (Directory.Exists(path))
        {
            throw new CliException($"{path}: is a directory; {option} takes a file path, such as {Path.Combine(path, example)}");
        }

        return path;
    }
}
