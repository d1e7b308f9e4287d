using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Package.Tests;

/// <summary><c>dotnet tool install NormGuard.Tool</c> from the packed tool, then <c>normguard</c> on the command line.</summary>
public sealed class ToolPackageTests(ITestOutputHelper output)
{
    private static string Metadata(string key) =>
        typeof(ToolPackageTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    [Fact]
    public void The_tool_packs_installs_and_runs_as_normguard()
    {
        string root = Metadata("RepositoryRoot");
        string work = Path.Combine(Path.GetTempPath(), "normguard-toolpkg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            string feed = Path.Combine(work, "feed");
            Run(root, "dotnet", "pack", Path.Combine(root, "src", "NormGuard.Tool", "NormGuard.Tool.csproj"), "-c", Metadata("Configuration"), "--no-build", "-o", feed, "-nologo");
            File.WriteAllText(Path.Combine(work, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            string tools = Path.Combine(work, "tools");
            Run(work, "dotnet", "tool", "install", "NormGuard.Tool", "--version", Metadata("PackageVersion"), "--tool-path", tools, "--configfile", Path.Combine(work, "nuget.config"));

            string normguard = Path.Combine(tools, OperatingSystem.IsWindows() ? "normguard.exe" : "normguard");
            Assert.Contains("normguard [command] [options]", Run(work, normguard, "--help"), StringComparison.Ordinal);
            string shown = Run(work, normguard, "show", Path.Combine(root, "samples", "Diamonds", "diamonds.normguard.json"));
            Assert.Contains("diamonds", shown, StringComparison.Ordinal);
            Assert.Contains("b70ee8b9ba71e761575dc152706669e6ee11e5ed442d520e93df2f72cb67d9c7", shown, StringComparison.Ordinal);

            // drift --report from the installed tool: one inline SVG chart per feature.
            string report = Path.Combine(work, "drift.html");
            string drift = Run(work, normguard, "drift", "--manifest", Path.Combine(root, "samples", "Diamonds", "diamonds.normguard.json"),
                "--data", Path.Combine(root, "samples", "Diamonds", "data", "diamonds.csv"), "--report", report);
            Assert.Contains("no drift: 9 of 9 features stable", drift, StringComparison.Ordinal);
            Assert.Equal(9, System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(report), "<svg ").Count);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private string Run(string directory, string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEndAsync().Result;
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        output.WriteLine($"{command} {string.Join(' ', arguments)} -> {process.ExitCode}\n{stdout}{stderr}");
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', arguments)} failed:\n{stdout}\n{stderr}");
        return stdout;
    }
}
