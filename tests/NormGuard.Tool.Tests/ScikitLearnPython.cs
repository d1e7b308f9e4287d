using System;
using System.Diagnostics;
using System.IO;
using Xunit;

namespace NormGuard.Tool.Tests;

/// <summary>
/// The real Python the live scikit-learn tests run: Debian's /usr/bin/python3 with python3-sklearn 1.2.1 (the version
/// that wrote the committed pickles), python3-joblib, python3-pandas. Where it is absent a live test reports Skipped —
/// never a silent pass; with NORMGUARD_REQUIRE_SKLEARN=1 (CI, which installs those packages) it fails instead.
/// </summary>
internal static class ScikitLearnPython
{
    public const string Path = "/usr/bin/python3";

    public const string RequireVariable = "NORMGUARD_REQUIRE_SKLEARN";

    private static readonly Lazy<string?> Missing = new(FindWhatIsMissing);

    /// <summary>Skips the calling test (or fails it under <see cref="RequireVariable"/>=1) unless the interpreter is usable.</summary>
    public static void Require()
    {
        string? missing = Missing.Value;
        if (missing is null)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            Assert.Fail($"{RequireVariable}=1 but {missing}");
        }

        Skip.If(true, missing);
    }

    /// <summary>Whether the interpreter can import a module (for optional codecs such as lz4).</summary>
    public static bool HasModule(string module)
    {
        try
        {
            Run($"import {module}");
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public static string Run(string code)
    {
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(code);
        using Process process = Process.Start(start)!;
        System.Threading.Tasks.Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? stdout : throw new InvalidOperationException($"{Path} -c failed: {stderr.GetAwaiter().GetResult()}");
    }

    /// <summary>A Python string literal of <paramref name="text"/>.</summary>
    public static string Literal(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    private static string? FindWhatIsMissing()
    {
        if (!File.Exists(Path))
        {
            return Path + " is not installed (Debian: apt-get install python3-sklearn python3-joblib python3-pandas)";
        }

        try
        {
            string version = Run("import sklearn, joblib, pandas; print(sklearn.__version__)").Trim();
            return version == "1.2.1" ? null : $"{Path} has scikit-learn {version}, not 1.2.1 (the committed pickles are 1.2.1's)";
        }
        catch (InvalidOperationException exception)
        {
            return exception.Message;
        }
    }
}
