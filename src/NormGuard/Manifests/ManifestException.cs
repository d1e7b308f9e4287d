using System;
using System.Collections.Generic;

namespace NormGuard;

/// <summary>A manifest could not be read. <see cref="Exception.Message"/> names the file, line and column of each problem.</summary>
public sealed class ManifestException : Exception
{
    public ManifestException(string? path, IReadOnlyList<ManifestProblem> problems)
        : base(Describe(path, problems))
    {
        Path = path;
        Problems = problems;
    }

    /// <summary>The file (or source name) that was read, if known.</summary>
    public string? Path { get; }

    public IReadOnlyList<ManifestProblem> Problems { get; }

    private static string Describe(string? path, IReadOnlyList<ManifestProblem> problems)
    {
        var lines = new List<string>();
        foreach (ManifestProblem problem in problems)
        {
            lines.Add($"{path ?? "manifest"}({problem.Line},{problem.Column}): {problem.Message}");
        }

        return string.Join(Environment.NewLine, lines);
    }
}

/// <summary>One problem in a manifest; <see cref="Line"/> and <see cref="Column"/> are one-based.</summary>
public readonly record struct ManifestProblem(string Message, int Line, int Column);
