using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Package.Tests;

/// <summary>The packed NormGuard.AspNetCore package: its contents and dependencies (NormGuard of the same version, the
/// ASP.NET Core shared framework as a framework reference, no package of ASP.NET), and a fresh web project that restores
/// it from the local folder alone, builds with warnings as errors, registers the monitor and the check in two lines and
/// answers GET /drift (200, null PSI) and GET /health on a loopback port.</summary>
public sealed class AspNetCorePackageTests(ITestOutputHelper output)
{
    private static string Version => ConsumerProject.Metadata("PackageVersion");

    private static string PackagePath => Path.Combine(ConsumerProject.Metadata("PackageDirectory"), $"NormGuard.AspNetCore.{Version}.nupkg");

    [Fact]
    public void Package_holds_the_library_and_depends_on_NormGuard_and_the_AspNetCore_framework_only()
    {
        using ZipArchive package = ZipFile.OpenRead(PackagePath);
        string[] entries = package.Entries.Select(e => e.FullName).ToArray();
        Assert.Contains("lib/net8.0/NormGuard.AspNetCore.dll", entries);
        Assert.Contains("README.md", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("analyzers/", StringComparison.Ordinal));

        using var reader = new StreamReader(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        string nuspec = reader.ReadToEnd();
        Assert.Contains($"<dependency id=\"NormGuard\" version=\"{Version}\"", nuspec, StringComparison.Ordinal);
        Assert.Contains("<frameworkReference name=\"Microsoft.AspNetCore.App\"", nuspec, StringComparison.Ordinal);
        Assert.Single(nuspec.Split("<dependency ").Skip(1));
    }

    /// <summary>The package readme's example is what a service copies first: with the Diamonds sample's record and
    /// manifest beside it, it must build against the packed packages as written (nullable on, warnings as errors).</summary>
    [Fact]
    public void The_readme_example_builds_as_written_against_the_packed_packages()
    {
        using var consumer = new ConsumerProject(output, "readme", "    <OutputType>Exe</OutputType>\n    <ImplicitUsings>enable</ImplicitUsings>\n    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>");
        string project = File.ReadAllText(Path.Combine(consumer.Directory, "readme.csproj"))
            .Replace("Sdk=\"Microsoft.NET.Sdk\"", "Sdk=\"Microsoft.NET.Sdk.Web\"", StringComparison.Ordinal)
            .Replace("<PackageReference Include=\"NormGuard\"", $"<PackageReference Include=\"NormGuard.AspNetCore\" Version=\"{Version}\" />\n    <PackageReference Include=\"NormGuard\"", StringComparison.Ordinal);
        consumer.Write("readme.csproj", project);

        string samples = Path.Combine(ConsumerProject.RepositoryRoot, "samples", "Diamonds");
        consumer.Write("diamonds.normguard.json", File.ReadAllText(Path.Combine(samples, "diamonds.normguard.json")));
        consumer.Write("Diamond.cs", File.ReadAllText(Path.Combine(samples, "Diamond.cs")).Replace("namespace Diamonds;", string.Empty, StringComparison.Ordinal));
        string readme = File.ReadAllText(Path.Combine(ConsumerProject.RepositoryRoot, "src", "NormGuard.AspNetCore", "README.md"));
        int start = readme.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        consumer.Write("Program.cs", readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)]);

        (int build, string buildLog) = consumer.Dotnet("build", "-c", "Release", "-nologo");
        Assert.True(build == 0, buildLog);
    }

    [Fact]
    public void A_web_project_restores_the_package_registers_the_check_in_two_lines_and_serves_an_empty_report()
    {
        using var consumer = new ConsumerProject(output, "aspnetcore", "    <OutputType>Exe</OutputType>\n    <ImplicitUsings>enable</ImplicitUsings>\n    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>");
        string project = File.ReadAllText(Path.Combine(consumer.Directory, "aspnetcore.csproj"))
            .Replace("Sdk=\"Microsoft.NET.Sdk\"", "Sdk=\"Microsoft.NET.Sdk.Web\"", StringComparison.Ordinal)
            .Replace("<PackageReference Include=\"NormGuard\"", $"<PackageReference Include=\"NormGuard.AspNetCore\" Version=\"{Version}\" />\n    <PackageReference Include=\"NormGuard\"", StringComparison.Ordinal);
        consumer.Write("aspnetcore.csproj", project);
        consumer.Write("houses.normguard.json", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Consumer", "houses.normguard.json")));
        consumer.Write("Program.cs", """
            using System;
            using System.Linq;
            using System.Net.Http;
            using System.Text.Json;
            using NormGuard;
            using NormGuard.AspNetCore;

            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            builder.Services.AddDriftMonitor<House>();
            builder.Services.AddHealthChecks().AddNormGuardDrift();

            WebApplication app = builder.Build();
            app.MapHealthChecks("/health");
            app.MapNormGuardDrift("/drift");
            await app.StartAsync();

            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            using HttpResponseMessage drift = await client.GetAsync("/drift");
            JsonElement report = JsonDocument.Parse(await drift.Content.ReadAsStringAsync()).RootElement;
            Console.WriteLine($"{(int)drift.StatusCode} {report.GetProperty("FeatureSet").GetString()} {report.GetProperty("Features")[0].GetProperty("Psi").ValueKind}");
            Console.WriteLine(await client.GetStringAsync("/health"));
            await app.StopAsync();

            [FeatureSet("houses", Version = 1, Profile = NormalizationProfile.ScikitLearn)]
            public partial record struct House
            {
                [ZScore] public double Area { get; init; }
                [MinMax(0, 1, Clip = true)] public int Rooms { get; init; }
                [OneHot] public HouseKind Kind { get; init; }
            }

            public enum HouseKind { Flat, Villa }
            """);

        (int build, string buildLog) = consumer.Dotnet("build", "-c", "Release", "-nologo");
        Assert.True(build == 0, buildLog);
        (int run, string result) = consumer.Dotnet("run", "--no-build", "-c", "Release");
        Assert.True(run == 0, result);

        string[] lines = result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("200 houses Null", lines[0]);
        Assert.Equal("Healthy", lines[1]);
    }
}
