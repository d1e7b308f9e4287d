using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit.Abstractions;

namespace NormGuard.Package.Tests;

/// <summary>
/// A fresh project in a temporary folder that takes the packed NormGuard package from the local feed into a private
/// package folder, as a user's project would; builds run as child <c>dotnet</c> processes with a controlled
/// environment (CI variables removed unless a test sets them).
/// </summary>
internal sealed class ConsumerProject : IDisposable
{
    private readonly ITestOutputHelper _output;

    public ConsumerProject(ITestOutputHelper output, string name, string properties)
    {
        _output = output;
        Directory = Path.Combine(Path.GetTempPath(), "normguard-" + name + "-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Write(name + ".csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <RestorePackagesPath>{Path.Combine(Directory, "packages")}</RestorePackagesPath>
            {properties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="NormGuard" Version="{Metadata("PackageVersion")}" />
              </ItemGroup>
            </Project>
            """);
        Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Metadata("PackageDirectory")}" />
              </packageSources>
            </configuration>
            """);
    }

    public string Directory { get; }

    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public static string Metadata(string key) =>
        typeof(ConsumerProject).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public string Write(string relativePath, string text)
    {
        string path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Delete(string relativePath) => File.Delete(Path.Combine(Directory, relativePath));

    /// <summary>Runs <c>dotnet</c> in the project folder; <paramref name="environment"/> adds variables (CI is unset otherwise).</summary>
    public (int ExitCode, string Output) Dotnet(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string variable in new[] { "CI", "ContinuousIntegrationBuild", "TF_BUILD", "GITHUB_ACTIONS", "NormGuardStrict" })
        {
            start.Environment.Remove(variable);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (KeyValuePair<string, string> variable in environment ?? new Dictionary<string, string>())
        {
            start.Environment[variable.Key] = variable.Value;
        }

        using Process process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string log = stdout + stderr.Result;
        _output.WriteLine($"dotnet {string.Join(' ', arguments)} -> {process.ExitCode}\n{log}");
        return (process.ExitCode, log);
    }

    public (int ExitCode, string Output) Dotnet(params string[] arguments) => Dotnet(null, arguments);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file for a moment; the temp folder is cleaned by the system.
        }
    }
}
