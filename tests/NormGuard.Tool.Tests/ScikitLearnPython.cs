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

    /// <summary>
    /// Writes an executable wrapper of the interpreter that sets NPY_DISABLE_CPU_FEATURES to every feature numpy
    /// dispatches on this CPU, so that np.log/np.log1p are the C library's: the environment the committed fixtures with
    /// log steps were fitted in (make_sklearn_import.py, make_sklearn_families.py, make_sklearn_simd_log.py), and the one
    /// `normguard import sklearn` must see to accept them on a CPU whose numpy has SIMD log kernels.
    /// </summary>
    public static string PortableWrapper(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the wrapper is a shell script");
        }

        string features = Run("from numpy.core._multiarray_umath import __cpu_dispatch__ as d, __cpu_features__ as f\nprint(' '.join(x for x in d if f.get(x)))").Trim();
        string wrapper = System.IO.Path.Combine(directory, "python3-portable-numpy");
        File.WriteAllText(wrapper, $"#!/bin/sh\nNPY_DISABLE_CPU_FEATURES='{features}' exec {Path} \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return wrapper;
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
