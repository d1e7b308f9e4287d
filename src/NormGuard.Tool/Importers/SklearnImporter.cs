using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using NormGuard.Tool.Commands;
using NormGuard.Tool.Data;

namespace NormGuard.Tool.Importers;

/// <summary>
/// <c>normguard import sklearn</c>: runs the exporter shipped beside the tool (<c>normguard_export.py</c>, from
/// tools/sklearn/ in the repository) with a Python that has scikit-learn, which unpickles the fitted object and writes the
/// manifest; the tool then reads the manifest back with the generator's own reader before it is copied to <c>--out</c>.
/// </summary>
internal static class SklearnImporter
{
    public const string ScriptName = "normguard_export.py";

    /// <summary>The exporter packed with the tool (tools/&lt;tfm&gt;/any/ in the package, beside the tool's dll).</summary>
    public static string ScriptPath => Path.Combine(AppContext.BaseDirectory, ScriptName);

    public sealed record Request(
        string Source,
        string Python,
        ManifestOutput Output,
        string FeatureSet,
        int Version,
        string Split,
        IReadOnlyList<string>? Names,
        string? DType,
        DateTimeOffset FittedAt,
        TextWriter Notes)
    {
        /// <summary>Embeddings: the object transforms one vector feature of this space (null: a table of scalar features).</summary>
        public EmbeddingImport? Embedding { get; init; }
    }

    /// <summary>The vector feature an embedding transform is imported as.</summary>
    public sealed record EmbeddingImport(string Feature, string Space, string Model, string? Revision);

    /// <summary>The manifest, and whether it was written (false: <c>--out</c> already held the same import).</summary>
    public static (Manifest Manifest, bool Written) Import(Request request)
    {
        string script = ScriptPath;
        if (!File.Exists(script))
        {
            throw new CliException($"the scikit-learn exporter {ScriptName} is not beside the tool ({AppContext.BaseDirectory}); reinstall NormGuard.Tool, or run tools/sklearn/{ScriptName} from the repository yourself");
        }

        InputFiles.Existing(request.Source, "a pickled model file");

        string sourceName = ImportSupport.SourceName(request.Source);
        string temporary = Path.Combine(Path.GetTempPath(), "normguard-import-" + Guid.NewGuid().ToString("N") + ".json");
        var arguments = new List<string>
        {
            script, request.Source,
            "--out", temporary,
            "--feature-set", request.FeatureSet,
            "--version", request.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--split", request.Split,
            "--fitted-at", request.FittedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            "--tool", $"normguard import sklearn from {sourceName}",
            "--source", sourceName,
        };
        if (request.Names is not null)
        {
            arguments.AddRange(["--names", string.Join(",", request.Names)]);
        }

        if (request.DType is not null)
        {
            arguments.AddRange(["--dtype", request.DType]);
        }

        if (request.Embedding is { } embedding)
        {
            arguments.AddRange(["--space", embedding.Space, "--model", embedding.Model, "--feature", embedding.Feature]);
            if (embedding.Revision is not null)
            {
                arguments.AddRange(["--revision", embedding.Revision]);
            }
        }

        try
        {
            (int exitCode, string stdout, string stderr) = Run(request.Python, arguments);
            string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (string line in lines.Where(l => l.StartsWith("note:", StringComparison.Ordinal) || l.StartsWith("warning:", StringComparison.Ordinal)))
            {
                request.Notes.WriteLine(line);
            }

            if (exitCode == MissingScikitLearn)
            {
                string why = lines.FirstOrDefault(l => l.StartsWith("missing:", StringComparison.Ordinal))?["missing:".Length..].Trim() ?? "no module named sklearn or numpy";
                throw new CliException($"the Python interpreter '{request.Python}' cannot import scikit-learn or numpy ({why}): run the import with the Python that fitted the model, named with --python PATH (for example --python .venv/bin/python)");
            }

            if (exitCode != 0 || !File.Exists(temporary))
            {
                string[] errors = lines.Where(l => l.StartsWith("error:", StringComparison.Ordinal)).Select(l => l["error:".Length..].Trim()).ToArray();
                string why = errors.Length > 0
                    ? string.Join("; ", errors)
                    : string.Join(" / ", lines.Where(l => !l.StartsWith("note:", StringComparison.Ordinal)).TakeLast(3).DefaultIfEmpty(stdout.Trim()));
                throw new CliException($"{request.Source}: the scikit-learn exporter ({request.Python} {ScriptName}) failed with exit code {exitCode}: {why}");
            }

            // read back with the generator's reader: what the build will see
            Manifest manifest = Manifest.Load(temporary);
            return (manifest, request.Output.Write(manifest, copyFrom: temporary));
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The exporter's exit code when its interpreter cannot import scikit-learn or numpy (normguard_export.py).</summary>
    private const int MissingScikitLearn = 3;

    private static (int ExitCode, string Stdout, string Stderr) Run(string python, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new CliException($"cannot start '{python}'");
        }
        catch (Win32Exception exception)
        {
            throw new CliException($"cannot run the Python interpreter '{python}' ({exception.Message}): `normguard import sklearn` needs Python 3 with the scikit-learn that fitted the model; install it, or name the interpreter with --python PATH");
        }

        using (process)
        {
            System.Threading.Tasks.Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            System.Threading.Tasks.Task<string> stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
        }
    }
}
