using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Package.Tests;

/// <summary>
/// First contact from the packed package, in the settings careful teams use: generated code compiles warning-free
/// under every analyzer, a record that cannot bind gives the NG error alone, the training project that writes the
/// first manifest builds without any setting, and switching to CI's strict mode recompiles.
/// </summary>
public sealed class StrictConsumerTests(ITestOutputHelper output)
{
    private const string Strictest = """
            <OutputType>Library</OutputType>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <AnalysisLevel>latest-all</AnalysisLevel>
            <EnableNETAnalyzers>true</EnableNETAnalyzers>
            <EnforceCodeStyleInBuild>true</EnforceCodeStyleInBuild>
            <WarningLevel>9999</WarningLevel>
            <NormGuardStrict>true</NormGuardStrict>
            <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
        """;

    private static string TestsProject => Path.Combine(ConsumerProject.RepositoryRoot, "tests", "NormGuard.Tests");

    [Fact]
    public void Generated_code_for_every_record_of_the_edge_matrix_builds_without_a_warning_under_every_analyzer()
    {
        using var project = new ConsumerProject(output, "EdgeMatrix", Strictest);
        // The records are test fixtures, written as users write records: the .NET analyzers' advice about them (CA1815 on
        // a struct without Equals, CA1051 on the public fields a stream struct needs) is the user's to take, so the
        // analyzers are told to leave Records/ alone. The compiler still checks them, and the generator's output (not
        // under Records/) gets every analyzer and warning level the project asks for.
        project.Write(".editorconfig", "root = true\n\n[Records/*.cs]\ngenerated_code = true\n");
        string[] records =
        [
            "EdgeRecords.cs", "BehaviorRecords.cs", "GoldenRecords.cs", "MLNetRecords.cs",
            Path.Combine("PropertyTests", "PropertyRecords.cs"), Path.Combine("PropertyTests", "OneHotRecords.cs"),
        ];
        foreach (string record in records)
        {
            // A file the analyzers treat as generated gets no nullable context from the project: it says so itself.
            project.Write(Path.Combine("Records", Path.GetFileName(record)), "#nullable enable\n" + File.ReadAllText(Path.Combine(TestsProject, record)));
        }

        int manifests = 0;
        foreach (string manifest in Directory.GetFiles(Path.Combine(TestsProject, "Manifests"), "*.normguard.json", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(TestsProject, "Golden"), "*.normguard.json"))
            .Append(Path.Combine(ConsumerProject.RepositoryRoot, "samples", "Diamonds", "diamonds.normguard.json")))
        {
            project.Write(Path.Combine("Manifests", Path.GetFileName(manifest)), File.ReadAllText(manifest));
            manifests++;
        }

        // The golden manifests hold constant columns on purpose (NG0011 is a warning about the manifest, not the code).
        project.Write(".globalconfig", "is_global = true\ndotnet_diagnostic.NG0011.severity = none\n");

        (int exitCode, string log) = project.Dotnet("build", "-c", "Release", "-nologo");

        Assert.True(exitCode == 0, "the strict build failed:\n" + Errors(log));
        Assert.DoesNotMatch(new Regex(@": (warning|error) [A-Z]+\d+"), log);

        // Every record bound to its manifest, so the code checked is the real normalization code, not throwing stubs.
        int declared = records.Sum(r => Regex.Matches(File.ReadAllText(Path.Combine(TestsProject, r)), @"\[FeatureSet\(").Count);
        string[] generated = Directory.GetFiles(Path.Combine(project.Directory, "obj"), "*.NormGuard.g.cs", SearchOption.AllDirectories);
        Assert.Equal(declared, generated.Length);
        Assert.All(generated, file =>
        {
            string text = File.ReadAllText(file);
            Assert.Contains("[assembly: global::NormGuard.FeatureSetBinding(", text, StringComparison.Ordinal);
            Assert.DoesNotContain("__NormGuardUnbound", text, StringComparison.Ordinal);
        });
        output.WriteLine($"{declared} records, {manifests} manifests: built under TreatWarningsAsErrors, AnalysisLevel latest-all, EnforceCodeStyleInBuild, WarningLevel 9999, NormGuardStrict");
    }

    [Fact]
    public void The_training_project_builds_without_a_manifest_and_its_manifest_makes_the_serving_project_build()
    {
        const string Record = """
            using NormGuard;

            namespace Shop;

            [FeatureSet("houses", Profile = NormalizationProfile.ScikitLearn)]
            public partial record struct House
            {
                [ZScore] public double Area { get; init; }
                [MinMax(0, 1, Clip = true)] public int Rooms { get; init; }
                [OneHot] public string Kind { get; init; }
            }
            """;
        const string Training = """
            using System;
            using NormGuard;
            using Shop;

            // The first run of a training program: the manifest does not exist yet, this program writes it.
            House[] train =
            [
                new() { Area = 120, Rooms = 4, Kind = "villa" },
                new() { Area = 45, Rooms = 1, Kind = "flat" },
                new() { Area = 80, Rooms = 3, Kind = "flat" },
            ];
            FeatureSetFitter<House> fitter = House.CreateFitter();
            fitter.Add(train);
            fitter.ToManifest(new FitProvenance { Split = DataSplit.Train, FittedAt = DateTimeOffset.UnixEpoch }, 1).Save(args[0]);
            """;
        const string Serving = """
            using System;
            using System.Globalization;
            using Shop;

            var row = new House { Area = 100, Rooms = 2, Kind = "flat" };
            float[] features = new float[House.Width];
            row.Normalize(features);
            Console.WriteLine(string.Join(" ", Array.ConvertAll(features, f => f.ToString("R", CultureInfo.InvariantCulture))));
            """;
        const string Executable = "<OutputType>Exe</OutputType>\n<TreatWarningsAsErrors>true</TreatWarningsAsErrors>\n<NormGuardStrict>true</NormGuardStrict>";

        using var training = new ConsumerProject(output, "Training", Executable);
        training.Write("House.cs", Record);
        training.Write("Program.cs", Training);
        (int trained, string trainingLog) = training.Dotnet("build", "-c", "Release", "-nologo");
        Assert.True(trained == 0, "the training project does not build:\n" + Errors(trainingLog));
        Assert.DoesNotContain("NG0001", trainingLog, StringComparison.Ordinal);
        string manifest = Path.Combine(training.Directory, "out", "houses.normguard.json");
        Directory.CreateDirectory(Path.GetDirectoryName(manifest)!);
        Assert.Equal(0, training.Dotnet("run", "--no-build", "-c", "Release", "--", manifest).ExitCode);
        Assert.Contains("\"sha256\"", File.ReadAllText(manifest), StringComparison.Ordinal);

        using var serving = new ConsumerProject(output, "Serving", Executable);
        serving.Write("House.cs", Record);
        serving.Write("Program.cs", Serving);
        (int unbound, string unboundLog) = serving.Dotnet("build", "-c", "Release", "-nologo");
        Assert.NotEqual(0, unbound);
        Assert.Matches(new Regex(@"House\.cs\(6,\d+\): error NG0001: Feature set 'houses' has no manifest"), unboundLog);
        Assert.DoesNotMatch(new Regex(@"error CS\d{4}"), unboundLog);

        serving.Write("houses.normguard.json", File.ReadAllText(manifest));
        (int bound, string boundLog) = serving.Dotnet("build", "-c", "Release", "-nologo");
        Assert.True(bound == 0, "the serving project does not build with the trained manifest:\n" + Errors(boundLog));
        (int ran, string printed) = serving.Dotnet("run", "--no-build", "-c", "Release");
        Assert.Equal(0, ran);

        // What the three training rows give under scikit-learn's rules, worked out by hand: Area mean 81.667, std (ddof 0)
        // 30.641, so (100 − 81.667) / 30.641 = 0.5983; Rooms (2 − 1) / (4 − 1); Kind's categories sorted: flat, villa.
        float[] values = printed.Trim().Split(' ').Select(v => float.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(4, values.Length);
        Assert.Equal(0.5983, values[0], 0.0001);
        Assert.Equal(1f / 3, values[1], 1e-6);
        Assert.Equal([1f, 0f], values[2..]);
    }

    [Fact]
    public void Switching_to_CI_mode_recompiles_and_turns_the_warnings_into_errors()
    {
        using var project = new ConsumerProject(output, "StrictSwitch", "<OutputType>Exe</OutputType>");
        string consumer = Path.Combine(AppContext.BaseDirectory, "Consumer");
        project.Write("houses.normguard.json", File.ReadAllText(Path.Combine(consumer, "houses.normguard.json")));
        project.Write("Program.cs", File.ReadAllText(Path.Combine(consumer, "Program.cs"))
            .Replace("[OneHot] public HouseKind Kind { get; init; }", "[OneHot] public HouseKind Kind { get; init; }\n    public string? Note { get; init; }", StringComparison.Ordinal));

        (int local, string localLog) = project.Dotnet("build", "-nologo");
        Assert.True(local == 0, Errors(localLog));
        Assert.Contains("warning NG0013", localLog, StringComparison.Ordinal);

        // Right after the local build, as a developer reproducing CI would: not "up to date", and NG0013 fails it.
        (int ci, string ciLog) = project.Dotnet(new Dictionary<string, string> { ["CI"] = "true" }, "build", "-nologo");
        Assert.NotEqual(0, ci);
        Assert.Contains("error NG0013", ciLog, StringComparison.Ordinal);

        (int back, string backLog) = project.Dotnet("build", "-nologo");
        Assert.True(back == 0, Errors(backLog));
        Assert.Contains("warning NG0013", backLog, StringComparison.Ordinal);

        // The project's own .globalconfig outranks the strict file: a team can keep one rule a warning in CI.
        project.Write(".globalconfig", "is_global = true\ndotnet_diagnostic.NG0013.severity = warning\n");
        (int kept, string keptLog) = project.Dotnet(new Dictionary<string, string> { ["CI"] = "true" }, "build", "-nologo");
        Assert.True(kept == 0, Errors(keptLog));
        Assert.Contains("warning NG0013", keptLog, StringComparison.Ordinal);
    }

    private static string Errors(string log) =>
        string.Join('\n', log.Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal) || l.Contains(": warning ", StringComparison.Ordinal)).Distinct().Take(40));
}
