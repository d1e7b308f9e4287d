using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Package.Tests;

/// <summary>
/// The Diamonds sample's record and manifest, built from the packed package in CI mode: clean it builds with no
/// NormGuard warning; deliberately broken it fails with the rules that catch each mistake.
/// </summary>
public sealed class DiamondsBuildTests(ITestOutputHelper output)
{
    private static string Metadata(string key) =>
        typeof(DiamondsBuildTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private static string Sample => Path.Combine(Metadata("RepositoryRoot"), "samples", "Diamonds");

    [Fact]
    public void The_sample_builds_in_CI_mode_with_no_NormGuard_diagnostic()
    {
        (int exitCode, string log) = Build(File.ReadAllText(Path.Combine(Sample, "Diamond.cs")), File.ReadAllText(Path.Combine(Sample, "diamonds.normguard.json")));
        Assert.Equal(0, exitCode);
        Assert.DoesNotMatch(new Regex(@"\bNG\d{4}\b"), log);
    }

    [Fact]
    public void A_broken_copy_fails_the_CI_build_with_the_expected_rules()
    {
        string record = File.ReadAllText(Path.Combine(Sample, "Diamond.cs"))
            .Replace("[FeatureName(\"cut\"), OneHot]", "[FeatureName(\"cut\"), ZScore]", StringComparison.Ordinal) // a categorical scaled
            .Replace("Version = 1", "Version = 2", StringComparison.Ordinal);                                        // a stale pin
        string manifest = File.ReadAllText(Path.Combine(Sample, "diamonds.normguard.json"))
            .Replace("\"split\": \"train\"", "\"split\": \"all\"", StringComparison.Ordinal);                      // fitted before the split
        manifest = Regex.Replace(manifest, ",\\s*\"sha256\": \"[0-9a-f]{64}\"", string.Empty);                    // re-saved without its hash

        Assert.Contains("Version = 2", record, StringComparison.Ordinal);
        Assert.Contains("\"split\": \"all\"", manifest, StringComparison.Ordinal);
        (int exitCode, string log) = Build(record, manifest);
        Assert.NotEqual(0, exitCode);
        foreach (string id in new[] { "NG0003", "NG0004", "NG0005" })
        {
            Assert.Matches(new Regex("error " + id + ":"), log);
        }
    }

    private (int ExitCode, string Log) Build(string record, string manifest)
    {
        string work = Path.Combine(Path.GetTempPath(), "normguard-diamonds-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            File.WriteAllText(Path.Combine(work, "Diamond.cs"), record);
            File.WriteAllText(Path.Combine(work, "diamonds.normguard.json"), manifest);
            File.WriteAllText(Path.Combine(work, "Program.cs"), "System.Console.WriteLine(typeof(Diamonds.Diamond).Name);\n");
            File.WriteAllText(Path.Combine(work, "Diamonds.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <RestorePackagesPath>{Path.Combine(work, "packages")}</RestorePackagesPath>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="NormGuard" Version="{Metadata("PackageVersion")}" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(work, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{Metadata("PackageDirectory")}" />
                  </packageSources>
                </configuration>
                """);

            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string argument in new[] { "build", "-c", "Release", "-nologo", "-p:ContinuousIntegrationBuild=true" })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            using Process process = Process.Start(start)!;
            string stdout = process.StandardOutput.ReadToEndAsync().Result;
            string stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            output.WriteLine($"dotnet build -> {process.ExitCode}\n{stdout}{stderr}");
            return (process.ExitCode, stdout + stderr);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
