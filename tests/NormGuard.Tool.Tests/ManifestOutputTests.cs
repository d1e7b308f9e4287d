using System;
using System.IO;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tool.Tests;

/// <summary>
/// <c>--out</c> never silently replaces a manifest of the same feature set and version with other parameters: builds bind a
/// version (and model artifacts its hash), so that would change what they compute without a trace.
/// </summary>
public sealed class ManifestOutputTests(ITestOutputHelper output)
{
    private const string Template = """
        { "format": "normguard.manifest/1", "featureSet": "probe", "profile": "sklearn",
          "features": [ { "name": "x", "steps": [ { "op": "zscore" } ] }, { "name": "cat", "steps": [ { "op": "onehot" } ] } ] }
        """;

    [Fact]
    public void Fit_refuses_to_replace_the_same_version_with_other_parameters_and_names_force_and_previous()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string first = Data(temp, "first.csv", [1, 2, 3, 4]);
        string second = Data(temp, "second.csv", [10, 20, 30, 40]);
        string manifest = temp.File("probe.normguard.json");
        Assert.Equal(0, Fit(temp, first, manifest).ExitCode);
        byte[] before = File.ReadAllBytes(manifest);

        ToolResult refused = Fit(temp, second, manifest);

        output.WriteLine(refused.ToString());
        Assert.Equal(Cli.InputError, refused.ExitCode);
        Assert.Contains($"error: {manifest}: already holds 'probe' v1 with other parameters (feature x differs)", refused.Error, StringComparison.Ordinal);
        Assert.Contains($"--previous {manifest} (writes v2)", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--force", refused.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(manifest));

        ToolResult forced = Fit(temp, second, manifest, "--force");
        Assert.Equal(0, forced.ExitCode);
        Assert.Equal(25d, ((ZScoreStep)Manifest.Load(manifest).Features[0].Steps[0]).Mean);
        Assert.Equal(1, Manifest.Load(manifest).Version);
    }

    [Fact]
    public void Fit_with_previous_writes_the_next_version_over_the_older_one()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string manifest = temp.File("probe.normguard.json");
        Assert.Equal(0, Fit(temp, Data(temp, "first.csv", [1, 2, 3, 4]), manifest).ExitCode);

        ToolResult refit = Fit(temp, Data(temp, "second.csv", [10, 20, 30, 40]), manifest, "--previous", manifest);

        output.WriteLine(refit.ToString());
        Assert.Equal(0, refit.ExitCode);
        Assert.Contains($"replaced v1 in {manifest}", refit.Output, StringComparison.Ordinal);
        Assert.Equal(2, Manifest.Load(manifest).Version);
        Assert.Equal(25d, ((ZScoreStep)Manifest.Load(manifest).Features[0].Steps[0]).Mean);
    }

    [Fact]
    public void The_same_fit_again_leaves_the_file_and_its_hash_as_they_were()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string data = Data(temp, "first.csv", [1, 2, 3, 4]);
        string manifest = temp.File("probe.normguard.json");
        Assert.Equal(0, Fit(temp, data, manifest, "--fitted-at", "2026-01-01T00:00:00Z").ExitCode);
        byte[] before = File.ReadAllBytes(manifest);

        // The same data and template a day later: only fit.fittedAt would differ.
        ToolResult again = Fit(temp, data, manifest, "--fitted-at", "2026-01-02T00:00:00Z");

        output.WriteLine(again.ToString());
        Assert.Equal(0, again.ExitCode);
        Assert.Contains($"unchanged: {manifest} already holds this fit", again.Output, StringComparison.Ordinal);
        Assert.Contains("sha256 " + Manifest.Load(manifest).Sha256, again.Output, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(manifest));
    }

    [Theory]
    [InlineData("another feature set", "holds the manifest of feature set 'other' (v1), not 'probe'")]
    [InlineData("a newer version", "holds 'probe' v3, newer than the v1 being written")]
    [InlineData("not a manifest", "exists and is not a readable manifest")]
    public void Fit_does_not_replace_another_feature_set_a_newer_version_or_another_file(string what, string message)
    {
        using TempDirectory temp = ToolRunner.Temp();
        string data = Data(temp, "first.csv", [1, 2, 3, 4]);
        string target = temp.File("target.json");
        switch (what)
        {
            case "another feature set":
                Assert.Equal(0, Fit(temp, data, target).ExitCode);
                Manifest fitted = Manifest.Load(target);
                new Manifest { FeatureSet = "other", Version = 1, Profile = fitted.Profile, DType = fitted.DType, Fit = fitted.Fit, Features = fitted.Features }.Save(target);
                break;
            case "a newer version":
                Assert.Equal(0, Fit(temp, data, target, "--version", "3").ExitCode);
                break;
            default:
                File.WriteAllText(target, "id,x\n1,2\n");
                break;
        }

        byte[] before = File.ReadAllBytes(target);
        ToolResult result = Fit(temp, data, target);

        output.WriteLine(result.ToString());
        Assert.Equal(Cli.InputError, result.ExitCode);
        Assert.Contains($"error: {target}: {message}", result.Error, StringComparison.Ordinal);
        Assert.Contains("--force", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(target));
        Assert.Equal(0, Fit(temp, data, target, "--force").ExitCode);
        Assert.Equal("probe", Manifest.Load(target).FeatureSet);
    }

    [Fact]
    public void Import_refuses_to_replace_the_same_version_with_other_parameters()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string a = new OnnxModelWriter(1).Scaler("X", "Y", [1.5f], [0.25f]).Save(temp.File("a.onnx"));
        string b = new OnnxModelWriter(1).Scaler("X", "Y", [2.5f], [0.25f]).Save(temp.File("b.onnx"));
        string manifest = temp.File("m.json");
        Assert.Equal(0, ToolRunner.Run("import", "onnx", a, "--feature-set", "s", "--names", "v", "--out", manifest, "--fitted-at", "2026-01-01T00:00:00Z").ExitCode);

        ToolResult same = ToolRunner.Run("import", "onnx", a, "--feature-set", "s", "--names", "v", "--out", manifest, "--fitted-at", "2026-01-03T00:00:00Z");
        ToolResult other = ToolRunner.Run("import", "onnx", b, "--feature-set", "s", "--names", "v", "--out", manifest);
        ToolResult next = ToolRunner.Run("import", "onnx", b, "--feature-set", "s", "--names", "v", "--out", manifest, "--version", "2");

        output.WriteLine(other.ToString());
        Assert.Equal(0, same.ExitCode);
        Assert.Contains("(unchanged: it already holds this import)", same.Output, StringComparison.Ordinal);
        Assert.Equal(Cli.InputError, other.ExitCode);
        Assert.Contains($"error: {manifest}: already holds 's' v1 with other parameters (feature v differs)", other.Error, StringComparison.Ordinal);
        Assert.Contains("--version 2", other.Error, StringComparison.Ordinal);
        Assert.Equal(0, next.ExitCode);
        Assert.Equal(2, Manifest.Load(manifest).Version);
    }

    private static ToolResult Fit(TempDirectory temp, string data, string output, params string[] more)
    {
        string template = temp.File("t.json");
        File.WriteAllText(template, Template);
        return ToolRunner.Run(new[] { "fit", "--data", data, "--template", template, "--split-column", "split", "--train-value", "train", "--out", output }.Concat(more).ToArray());
    }

    private static string Data(TempDirectory temp, string name, double[] xs)
    {
        string path = temp.File(name);
        File.WriteAllLines(path, new[] { "x,cat,split" }.Concat(xs.Select((x, i) => FormattableString.Invariant($"{x},{(i % 2 == 0 ? "a" : "b")},train"))));
        return path;
    }
}
