using System;
using System.Collections.Generic;
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

    // The runtime targets net8.0, the lowest framework it supports, so one asset serves every later one; each supported
    // consumer framework builds the generated code against its own reference assemblies. This machine has only the
    // .NET 10 runtime, so net8.0 and net9.0 programs run rolled forward to it (DOTNET_ROLL_FORWARD=Major).
    [Theory]
    [InlineData("net8.0")]
    [InlineData("net9.0")]
    [InlineData("net10.0")]
    public void A_consumer_project_restores_the_package_builds_and_runs(string targetFramework)
    {
        using var consumer = new Consumer(Metadata("PackageDirectory"), targetFramework, references: string.Empty);
        Run(consumer.Directory, null, "build", "-c", "Release", "-p:RestorePackagesPath=" + consumer.Packages, "-nologo");
        string result = Run(consumer.Directory, new() { ["DOTNET_ROLL_FORWARD"] = "Major" }, "run", "--no-build", "-c", "Release");

        string[] lines = result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("1 1 0 1 -1 0 1 0", lines[0]);
        Assert.StartsWith("houses v1 ", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("width 4", lines[1], StringComparison.Ordinal);
        Assert.Equal("3", lines[2]);
    }

    // The analyzers are built against Roslyn 4.8 (SDK 8.0.100). The oldest compiler NuGet serves here is the 4.14 toolset
    // (SDK 9.0.300): a build with it must load the generator (the program runs) and the analyzers (NG0006 is reported).
    [Fact]
    public void An_older_compiler_loads_the_generator_and_the_analyzers()
    {
        using var consumer = new Consumer(Metadata("PackageDirectory"), "net10.0", references: """

                <PackageReference Include="Microsoft.Net.Compilers.Toolset" Version="4.14.0" PrivateAssets="all" />
            """);
        File.WriteAllText(Path.Combine(consumer.Directory, "Leak.cs"), """
            using System.Linq;

            public static class Leak
            {
                public static int Fit(House[] all)
                {
                    var fitter = House.CreateFitter();
                    fitter.Add(all);
                    House[] train = all.Take(80).ToArray();
                    House[] test = all.Skip(80).ToArray();
                    return train.Length + test.Length;
                }
            }
            """);
        string build = Run(consumer.Directory, null, "build", "-c", "Release", "-p:RestorePackagesPath=" + consumer.Packages, "-p:WarningsNotAsErrors=NG0006", "-v:detailed", "-nologo");
        Assert.Contains(Path.Combine("microsoft.net.compilers.toolset", "4.14.0"), build, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("warning NG0006", build, StringComparison.Ordinal);
        Assert.DoesNotContain("warning CS8032", build, StringComparison.Ordinal); // an analyzer that could not be loaded
        string result = Run(consumer.Directory, null, "run", "--no-build", "-c", "Release");
        Assert.StartsWith("1 1 0 1 -1 0 1 0", result, StringComparison.Ordinal);
    }

    /// <summary>The consumer program of Consumer/ in a temporary folder, restoring NormGuard into a private package folder
    /// (so the package under test is the one just packed, not a cached one).</summary>
    private sealed class Consumer : IDisposable
    {
        public Consumer(string feed, string targetFramework, string references)
        {
            System.IO.Directory.CreateDirectory(this.Directory);
            string template = Path.Combine(AppContext.BaseDirectory, "Consumer");
            File.Copy(Path.Combine(template, "Program.cs"), Path.Combine(this.Directory, "Program.cs"));
            File.Copy(Path.Combine(template, "houses.normguard.json"), Path.Combine(this.Directory, "houses.normguard.json"));
            File.WriteAllText(Path.Combine(this.Directory, "Consumer.csproj"), File.ReadAllText(Path.Combine(template, "Consumer.csproj.template"))
                .Replace("$VERSION$", Metadata("PackageVersion"), StringComparison.Ordinal)
                .Replace("$TFM$", targetFramework, StringComparison.Ordinal)
                .Replace("$REFERENCES$", references, StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(this.Directory, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{feed}" />
                    <add key="nuget" value="https://api.nuget.org/v3/index.json" />
                  </packageSources>
                  <packageSourceMapping>
                    <packageSource key="local"><package pattern="NormGuard" /><package pattern="NormGuard.Extensions.AI" /></packageSource>
                    <packageSource key="nuget"><package pattern="*" /></packageSource>
                  </packageSourceMapping>
                </configuration>
                """);
        }

        public string Directory { get; } = Path.Combine(Path.GetTempPath(), "normguard-consumer-" + Guid.NewGuid().ToString("N"));

        public string Packages => Path.Combine(Directory, "packages");

        public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
    }

    private string Run(string directory, Dictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (KeyValuePair<string, string> variable in environment ?? new Dictionary<string, string>())
        {
            start.Environment[variable.Key] = variable.Value;
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
