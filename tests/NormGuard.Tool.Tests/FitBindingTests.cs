using System;
using System.IO;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tool.Tests;

/// <summary>
/// What <c>fit</c> writes binds in a build, or the output says how. A build binds <c>[FeatureSet("probe")]</c> to the
/// AdditionalFile <c>probe.normguard.json</c>, and reads only files ending in <c>.normguard.json</c> (docs/rules/NG0001.md).
/// Expected before running: a refit with <c>--previous models/probe.normguard.json</c> and no <c>--out</c> replaces that
/// file with v2 (before: it wrote a second file, <c>probe.normguard.json</c>, in the working directory, and the build kept
/// binding v1); <c>--out probe.v2.normguard.json</c> prints the attribute that binds it; <c>--out v2.json</c> says that no
/// build reads it and what to rename it to; the conventional name prints no note.
/// </summary>
public sealed class FitBindingTests(ITestOutputHelper output)
{
    private const string Template = """
        { "format": "normguard.manifest/1", "featureSet": "probe", "profile": "sklearn",
          "features": [ { "name": "x", "steps": [ { "op": "zscore" } ] } ] }
        """;

    [Fact]
    public void A_refit_without_out_replaces_the_previous_manifest_where_builds_bind_it()
    {
        using TempDirectory temp = ToolRunner.Temp();
        Directory.CreateDirectory(temp.File("models"));
        string previous = temp.File(Path.Combine("models", "probe.normguard.json"));
        Assert.Equal(0, Fit(temp, Data(temp, "first.csv", [1, 2, 3, 4]), "--out", previous).ExitCode);

        ToolResult refit = Fit(temp, Data(temp, "second.csv", [10, 20, 30, 40]), "--previous", previous);

        output.WriteLine(refit.ToString());
        Assert.Equal(0, refit.ExitCode);
        Assert.Equal(2, Manifest.Load(previous).Version);
        Assert.Contains($"replaced v1 in {previous}", refit.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("note:", refit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manifest_under_another_name_comes_with_the_attribute_that_binds_it()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string previous = temp.File("probe.normguard.json");
        Assert.Equal(0, Fit(temp, Data(temp, "first.csv", [1, 2, 3, 4]), "--out", previous).ExitCode);

        ToolResult renamed = Fit(temp, Data(temp, "second.csv", [10, 20, 30, 40]), "--previous", previous, "--out", temp.File("probe.v2.normguard.json"));
        ToolResult unread = Fit(temp, Data(temp, "third.csv", [5, 6, 7, 8]), "--previous", previous, "--out", temp.File("v2.json"));

        output.WriteLine(renamed.ToString());
        output.WriteLine(unread.ToString());
        Assert.Equal((0, 0), (renamed.ExitCode, unread.ExitCode));
        Assert.Contains("[FeatureSet(\"probe\", Manifest = \"probe.v2.normguard.json\")]", renamed.Output, StringComparison.Ordinal);
        Assert.Contains("no build binds v2.json", unread.Output, StringComparison.Ordinal);
        Assert.Contains("[FeatureSet(\"probe\", Manifest = \"v2.normguard.json\")]", unread.Output, StringComparison.Ordinal);
        Assert.Equal(1, Manifest.Load(previous).Version);
    }

    private static ToolResult Fit(TempDirectory temp, string data, params string[] more)
    {
        string template = temp.File("t.json");
        File.WriteAllText(template, Template);
        return ToolRunner.Run(new[] { "fit", "--data", data, "--template", template, "--split-column", "split", "--train-value", "train" }.Concat(more).ToArray());
    }

    private static string Data(TempDirectory temp, string name, double[] xs)
    {
        string path = temp.File(name);
        File.WriteAllLines(path, new[] { "x,split" }.Concat(xs.Select(x => FormattableString.Invariant($"{x},train"))));
        return path;
    }
}
