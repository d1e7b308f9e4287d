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

/// <summary>The packed NormGuard.Extensions.AI package: its contents and dependencies, and a fresh consumer that restores it
/// (with NormGuard from the same local folder, Microsoft.Extensions.AI from NuGet), builds with warnings as errors and runs
/// the guard in a real Microsoft.Extensions.AI pipeline.</summary>
public sealed class ExtensionsAIPackageTests(ITestOutputHelper output)
{
    private static string Version => ConsumerProject.Metadata("PackageVersion");

    private static string PackagePath => Path.Combine(ConsumerProject.Metadata("PackageDirectory"), $"NormGuard.Extensions.AI.{Version}.nupkg");

    [Fact]
    public void Package_holds_the_library_and_depends_on_NormGuard_of_the_same_version_and_on_Microsoft_Extensions_AI()
    {
        using ZipArchive package = ZipFile.OpenRead(PackagePath);
        string[] entries = package.Entries.Select(e => e.FullName).ToArray();
        Assert.Contains("lib/net8.0/NormGuard.Extensions.AI.dll", entries);
        Assert.Contains("README.md", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("analyzers/", StringComparison.Ordinal));

        using var reader = new StreamReader(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        string nuspec = reader.ReadToEnd();
        Assert.Contains($"<dependency id=\"NormGuard\" version=\"{Version}\"", nuspec, StringComparison.Ordinal);
        Assert.Contains("<dependency id=\"Microsoft.Extensions.AI\" version=\"11.0.0\"", nuspec, StringComparison.Ordinal);
    }

    [Fact]
    public void A_consumer_restores_the_package_builds_and_the_guard_rejects_another_models_embedding()
    {
        using var consumer = new ConsumerProject(output, "extensions-ai", "    <OutputType>Exe</OutputType>\n    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>");
        string project = File.ReadAllText(Path.Combine(consumer.Directory, "extensions-ai.csproj"))
            .Replace("<PackageReference Include=\"NormGuard\"", $"<PackageReference Include=\"NormGuard.Extensions.AI\" Version=\"{Version}\" />\n    <PackageReference Include=\"NormGuard\"", StringComparison.Ordinal);
        consumer.Write("extensions-ai.csproj", project);
        consumer.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{ConsumerProject.Metadata("PackageDirectory")}" />
                <add key="nuget" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local"><package pattern="NormGuard" /><package pattern="NormGuard.Extensions.AI" /></packageSource>
                <packageSource key="nuget"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        consumer.Write("Program.cs", """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using NormGuard;
            using NormGuard.Extensions.AI;

            var space = new EmbeddingSpace("docs", "model-a", null, 4, 4, "l2", true, new string('0', 64));
            foreach (string model in new[] { "model-a", "model-b" })
            {
                IEmbeddingGenerator<string, Embedding<float>> generator = new Fixed(model).AsBuilder().UseEmbeddingSpaceGuard(space).Build();
                try
                {
                    GeneratedEmbeddings<Embedding<float>> embeddings = await generator.GenerateAsync(["x"]);
                    Console.WriteLine(model + " ok " + embeddings[0].Vector.Length);
                }
                catch (EmbeddingSpaceException error)
                {
                    Console.WriteLine(model + " rejected " + error.Mismatch + " expected " + error.Expected + " found " + error.Found);
                }
            }

            sealed class Fixed(string model) : IEmbeddingGenerator<string, Embedding<float>>
            {
                public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
                    Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(_ => new Embedding<float>(new float[] { 1, 0, 0, 0 }) { ModelId = model })));

                public object? GetService(Type serviceType, object? serviceKey = null) => null;

                public void Dispose()
                {
                }
            }
            """);

        (int build, string buildLog) = consumer.Dotnet("build", "-c", "Release", "-nologo");
        Assert.True(build == 0, buildLog);
        (int run, string result) = consumer.Dotnet("run", "--no-build", "-c", "Release");
        Assert.True(run == 0, result);

        string[] lines = result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("model-a ok 4", lines[0]);
        Assert.Equal("model-b rejected Model expected model-a found model-b", lines[1]);
    }
}
