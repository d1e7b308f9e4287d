using System;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tool.Tests;

/// <summary>
/// <c>normguard merge</c> refuses partial files it cannot merge faithfully — truncated, damaged, empty, of another format
/// version, of another template, profile or option, or the same partition twice — with exit 1 and a message naming the
/// file, and writes nothing.
/// </summary>
public sealed class PartialMergeErrorTests(ITestOutputHelper log)
{
    private const string Template = """
        { "format": "normguard.manifest/1", "featureSet": "probe", "profile": "sklearn",
          "features": [ { "name": "x", "steps": [ { "op": "zscore" } ] }, { "name": "cat", "steps": [ { "op": "onehot" } ] } ] }
        """;

    [Fact]
    public void A_truncated_partial_is_refused_naming_the_file()
    {
        using TempDirectory temp = ToolRunner.Temp();
        (string a, string b) = TwoPartials(temp);
        byte[] bytes = File.ReadAllBytes(b);
        File.WriteAllBytes(b, bytes[..(bytes.Length / 2)]);
        AssertRefused(temp, [a, b], b + ": is not a complete normguard.partial/1 file");
    }

    [Fact]
    public void A_partial_cut_just_before_its_hash_is_refused()
    {
        using TempDirectory temp = ToolRunner.Temp();
        (string a, string b) = TwoPartials(temp);
        string text = File.ReadAllText(b);
        File.WriteAllText(b, text[..text.IndexOf(",\"sha256\":", StringComparison.Ordinal)] + "}");
        AssertRefused(temp, [a, b], b + ": its content does not match its sha256");
    }

    [Fact]
    public void An_edited_value_is_refused_because_the_hash_no_longer_matches()
    {
        using TempDirectory temp = ToolRunner.Temp();
        (string a, string b) = TwoPartials(temp);
        string text = File.ReadAllText(b);
        Assert.Contains("\"values\":[7.25,", text);
        File.WriteAllText(b, text.Replace("\"values\":[7.25,", "\"values\":[7.5,"));
        AssertRefused(temp, [a, b], b + ": its content does not match its sha256");
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        using TempDirectory temp = ToolRunner.Temp();
        (string a, string b) = TwoPartials(temp);
        File.WriteAllBytes(b, []);
        AssertRefused(temp, [a, b], b + ": is empty, not a partial fit");
    }

    [Fact]
    public void A_partial_of_another_format_version_is_refused()
    {
        using TempDirectory temp = ToolRunner.Temp();
        (string a, string b) = TwoPartials(temp);
        // normguard.partial/2 (sketches) and /3 (vector features) are read too; a later number is refused.
        File.WriteAllText(b, File.ReadAllText(b).Replace("normguard.partial/1", "normguard.partial/4"));
        AssertRefused(temp, [a, b], b + ": has format \"normguard.partial/4\", not normguard.partial/1: it was written by another version of normguard");
        Assert.Contains("; this one reads normguard.partial/1, normguard.partial/2 and normguard.partial/3 — refit the partition", ToolRunner.Run(["merge", a, b, "--out", temp.File("m.json")]).Error);
    }

    [Fact]
    public void A_manifest_given_as_a_partial_is_refused()
    {
        using TempDirectory temp = ToolRunner.Temp();
        (string a, _) = TwoPartials(temp);
        string manifest = temp.File("m.json");
        Assert.Equal(0, ToolRunner.Run("fit", "--data", temp.File("p0.csv"), "--template", temp.File("t.json"), "--holdout", "0.1", "--out", manifest).ExitCode);
        AssertRefused(temp, [a, manifest], manifest + ": has format \"normguard.manifest/1\", not normguard.partial/1: it is a manifest");
    }

    [Fact]
    public void Partials_of_another_template_are_refused_naming_the_feature()
    {
        using TempDirectory temp = ToolRunner.Temp();
        (string a, _) = TwoPartials(temp);
        File.WriteAllText(temp.File("t2.json"), Template.Replace("\"zscore\"", "\"minmax\""));
        string other = Partial(temp, 1, ["--first-row", "3"], template: temp.File("t2.json"));
        AssertRefused(temp, [a, other], other + ": cannot be merged with " + a + ": it was fitted with feature 'x' is fitted as");
    }

    [Fact]
    public void Partials_of_another_profile_are_refused()
    {
        using TempDirectory temp = ToolRunner.Temp();
        (string a, _) = TwoPartials(temp);
        string other = Partial(temp, 1, ["--first-row", "3", "--profile", "spark"]);
        AssertRefused(temp, [a, other], other + ": cannot be merged with " + a + ": it was fitted with profile spark instead of sklearn");
    }

    [Fact]
    public void Partials_with_another_exact_limit_or_training_rule_are_refused()
    {
        using TempDirectory temp = ToolRunner.Temp();
        (string a, _) = TwoPartials(temp);
        string limit = Partial(temp, 1, ["--first-row", "3", "--exact-limit", "5"]);
        AssertRefused(temp, [a, limit], limit + ": cannot be merged with " + a + ": it was fitted with --exact-limit 5 instead of 1000000");
        string seed = Partial(temp, 1, ["--first-row", "3"], holdout: ["--holdout", "0.001", "--seed", "3"]);
        AssertRefused(temp, [a, seed], seed + ": cannot be merged with " + a + ": it was fitted with training rows chosen by --holdout 0.001 --seed 3 instead of --holdout 0.001 --seed 0");
    }

    [Fact]
    public void The_same_partition_twice_is_refused_as_the_same_file_or_as_a_copy()
    {
        using TempDirectory temp = ToolRunner.Temp();
        (string a, string b) = TwoPartials(temp);
        AssertRefused(temp, [a, b, a], a + ": holds the same partition as " + a);
        string copy = temp.File("copy.partial.json");
        File.Copy(b, copy);
        AssertRefused(temp, [a, b, copy], copy + ": holds the same partition as " + b);
    }

    [Fact]
    public void Partitions_that_overlap_are_refused_naming_both_files_and_the_row()
    {
        // Both partitions fitted without a placement: both claim positions 0, 1, 2 of partition 0.
        using TempDirectory temp = ToolRunner.Temp();
        TwoPartials(temp);
        string a = Partial(temp, 0, []), b = Partial(temp, 1, []);
        AssertRefused(temp, [a, b], b + ": its row at position 0 of partition 0 is also in " + a);
    }

    [Fact]
    public void A_row_column_that_repeats_a_position_is_refused_at_the_partial_fit()
    {
        using TempDirectory temp = ToolRunner.Temp();
        File.WriteAllText(temp.File("t.json"), Template);
        File.WriteAllLines(temp.File("r.csv"), ["row,x,cat", "0,1.5,a", "5,2.5,b", "0,3.5,a"]);
        ToolResult result = ToolRunner.Run("fit", "--partial", "--data", temp.File("r.csv"), "--template", temp.File("t.json"), "--holdout", "0.1", "--row-column", "row", "--out", temp.File("r.partial.json"));
        log.WriteLine(result.ToString());
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(temp.File("r.csv") + "(4,1): row position 0 (--row-column 'row') was given to an earlier row too", result.Error);
        Assert.False(File.Exists(temp.File("r.partial.json")));
    }

    [Fact]
    public void Placement_options_without_partial_are_refused()
    {
        using TempDirectory temp = ToolRunner.Temp();
        TwoPartials(temp);
        ToolResult result = ToolRunner.Run("fit", "--data", temp.File("p0.csv"), "--template", temp.File("t.json"), "--holdout", "0.1", "--first-row", "3", "--out", temp.File("m.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--partition, --first-row and --row-column place a partition's rows for merge; they need --partial", result.Error);
        Assert.False(File.Exists(temp.File("m.json")));
    }

    private (string A, string B) TwoPartials(TempDirectory temp)
    {
        File.WriteAllText(temp.File("t.json"), Template);
        File.WriteAllLines(temp.File("p0.csv"), ["x,cat", "4.5,a", "2.5,b", "3.5,a"]);
        File.WriteAllLines(temp.File("p1.csv"), ["x,cat", "7.25,b", "-1,c", "0.125,a"]);
        return (Partial(temp, 0, ["--first-row", "0"]), Partial(temp, 1, ["--first-row", "3"]));
    }

    private string Partial(TempDirectory temp, int part, string[] options, string? template = null, string[]? holdout = null)
    {
        string output = temp.File($"p{part}-{Guid.NewGuid():N}.partial.json");
        ToolResult result = ToolRunner.Run(["fit", "--partial", "--data", temp.File($"p{part}.csv"), "--template", template ?? temp.File("t.json"), .. holdout ?? ["--holdout", "0.001"], .. options, "--out", output]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return output;
    }

    private void AssertRefused(TempDirectory temp, string[] partials, string expected)
    {
        string output = temp.File("merged.json");
        ToolResult result = ToolRunner.Run(["merge", .. partials, "--out", output]);
        log.WriteLine(result.ToString());
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: " + expected, result.Error);
        Assert.False(File.Exists(output), "merge wrote a manifest although it refused");
    }
}
