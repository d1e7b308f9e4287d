using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace NormGuard.Tool.Tests;

/// <summary>Runs the <c>normguard</c> command line in process and captures its output and exit code.</summary>
internal static class ToolRunner
{
    public static string RepositoryRoot { get; } =
        typeof(ToolRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    public static string Repo(params string[] parts) => Path.Combine(new[] { RepositoryRoot }.Concat(parts).ToArray());

    public static ToolResult Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exitCode = Cli.Run(args, output, error);
        return new ToolResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs the command line with <paramref name="input"/> as its standard input (what <c>--data -</c> reads).</summary>
    public static ToolResult RunWithInput(byte[] input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exitCode = Cli.Run(args, output, error, () => new MemoryStream(input, writable: false));
        return new ToolResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>A fresh directory under the system temp folder, deleted when disposed.</summary>
    public static TempDirectory Temp() => new();
}

internal sealed record ToolResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}

internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "normguard-tool-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
