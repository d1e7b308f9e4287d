using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Package.Tests;

/// <summary>The packed NormGuard package, used from a local folder by a fresh project, as a user would.</summary>
public sealed class PackageTests(ITestOutputHelper output)
{
    private static string Metadata(string key) =>
        typeof(PackageTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private static string PackagePath => Path.Combine(Metadata("PackageDirectory"), $"NormGuard.{Metadata("PackageVersion")}.nupkg");

    [Fact]
    public void Package_holds_runtime_generator_and_build_props()
    {
        using ZipArchive package = ZipFile.OpenRead(PackagePath);
        string[] entries = package.Entries.Select(e => e.FullName).ToArray();
        Assert.Contains("lib/net8.0/NormGuard.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/NormGuard.Generators.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/NormGuard.CodeFixes.dll", entries);
        Assert.Contains("build/NormGuard.props", entries);
        Assert.Contains("buildTransitive/NormGuard.props", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generators", StringComparison.Ordinal));
    }

    [Fact]
    public void A_consumer_project_restores_the_package_builds_and_runs()
    {
        string work = Path.Combine(Path.GetTempPath(), "normguard-consumer-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            string consumer = Path.Combine(AppContext.BaseDirectory, "Consumer");
            File.Copy(Path.Combine(consumer, "Program.cs"), Path.Combine(work, "Program.cs"));
            File.Copy(Path.Combine(consumer, "houses.normguard.json"), Path.Combine(work, "houses.normguard.json"));
            File.WriteAllText(Path.Combine(work, "Consumer.csproj"), File.ReadAllText(Path.Combine(consumer, "Consumer.csproj.template")).Replace("$VERSION$", Metadata("PackageVersion"), StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(work, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{Metadata("PackageDirectory")}" />
                  </packageSources>
                </configuration>
                """);

            // A private package folder, so that the package under test is the one just packed, not a cached one.
            string packages = Path.Combine(work, "packages");
            Run(work, "build", "-c", "Release", "-p:RestorePackagesPath=" + packages, "-nologo");
            string result = Run(work, "run", "--no-build", "-c", "Release");

            string[] lines = result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Equal("1 1 0 1 -1 0 1 0", lines[0]);
            Assert.StartsWith("houses v1 ", lines[1], StringComparison.Ordinal);
            Assert.EndsWith("width 4", lines[1], StringComparison.Ordinal);
            Assert.Equal("3", lines[2]);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private string Run(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
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
        output.WriteLine($"dotnet {string.Join(' ', arguments)} -> {process.ExitCode}\n{stdout}{stderr}");
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} failed:\n{stdout}\n{stderr}");
        return stdout;
    }
}
