using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;
using static NormGuard.Tool.Tests.DiamondsPartitions;

namespace NormGuard.Tool.Tests;

/// <summary>
/// <c>fit --partial --data -</c>, as Spark's <c>RDD.pipe</c> runs it: CSV lines (header first) on standard input, the
/// partial as the one line of standard output, everything else on standard error. Expected before the first run: three
/// Diamonds partitions piped in, each row placed by a "row" column of (partition &lt;&lt; 40) + index (what a pipe can
/// compute without a partition option), merge to the bytes of <c>normguard fit</c> over the three partitions' rows in order.
/// </summary>
public sealed class PartialStdinTests
{
    [Fact]
    public void Partitions_piped_through_standard_input_merge_to_the_single_fit()
    {
        using TempDirectory temp = ToolRunner.Temp();
        (string header, List<string>[] partitions) = Partitions(3);
        string whole = temp.File("whole.csv");
        File.WriteAllLines(whole, new[] { header }.Concat(partitions.SelectMany(p => p)));
        string single = temp.File("single.json");
        Assert.Equal(0, ToolRunner.Run("fit", "--data", whole, "--template", Template, "--split-column", "split", "--train-value", "train", "--out", single, "--fitted-at", FittedAt).ExitCode);

        var partials = new List<string>();
        for (int i = 0; i < partitions.Length; i++)
        {
            byte[] input = Encoding.UTF8.GetBytes(string.Join("\n", new[] { header }.Concat(partitions[i])) + "\n");
            ToolResult result = ToolRunner.RunWithInput(input, "fit", "--partial", "--data", "-", "--template", Template, "--split-column", "split", "--train-value", "train", "--row-column", "row");
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.EndsWith("\n", result.Output, StringComparison.Ordinal);
            Assert.Single(result.Output.TrimEnd('\n').Split('\n'));
            Assert.StartsWith("{\"format\":\"normguard.partial/1\"", result.Output, StringComparison.Ordinal);
            Assert.Contains("\"source\":\"stdin\"", result.Output, StringComparison.Ordinal);
            Assert.Contains("-> standard output", result.Error, StringComparison.Ordinal);
            string partial = temp.File($"partial-{i}.json");
            File.WriteAllText(partial, result.Output);
            partials.Add(partial);
        }

        string merged = temp.File("merged.json");
        ToolResult merge = ToolRunner.Run(["merge", partials[2], partials[0], partials[1], "--source", whole, "--out", merged, "--fitted-at", FittedAt]);
        Assert.True(merge.ExitCode == 0, merge.ToString());
        Assert.Equal(File.ReadAllBytes(single), File.ReadAllBytes(merged));
    }

    [Fact]
    public void A_bad_cell_on_standard_input_is_reported_at_its_line_in_stdin()
    {
        (string header, List<string>[] partitions) = Partitions(1);
        string[] lines = partitions[0].Take(5).ToArray();
        string[] cells = lines[2].Split(',');
        cells[Array.IndexOf(header.Split(','), "\"depth\"")] = "sixty-one";
        lines[2] = string.Join(",", cells);
        byte[] input = Encoding.UTF8.GetBytes(string.Join("\n", new[] { header }.Concat(lines)) + "\n");
        ToolResult result = ToolRunner.RunWithInput(input, "fit", "--partial", "--data", "-", "--template", Template, "--split-column", "split", "--train-value", "train");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.StartsWith("error: stdin(4,6): column 'depth' holds \"sixty-one\", which is not a number", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_partition_piped_as_its_header_alone_still_gives_its_one_line()
    {
        (string header, _) = Partitions(1);
        ToolResult result = ToolRunner.RunWithInput(Encoding.UTF8.GetBytes(header + "\n"), "fit", "--partial", "--data", "-", "--template", Template, "--split-column", "split", "--train-value", "train", "--row-column", "row");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Single(result.Output.TrimEnd('\n').Split('\n'));
        Assert.Contains("\"trainingRows\":0", result.Output, StringComparison.Ordinal);
        Assert.Contains("note: stdin: no training rows", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Standard_input_is_for_partial_fits_only()
    {
        ToolResult result = ToolRunner.RunWithInput(Encoding.UTF8.GetBytes("carat\n1\n"), "fit", "--data", "-", "--template", Template, "--holdout", "0.2");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--data - (rows from standard input) is read by fit --partial only", result.Error, StringComparison.Ordinal);
    }

    /// <summary>The Diamonds rows with their split and a "row" column, cut into contiguous partitions.</summary>
    private static (string Header, List<string>[] Partitions) Partitions(int k)
    {
        string[] data = File.ReadAllLines(DataFile), split = File.ReadAllLines(Split);
        int n = data.Length - 1;
        var partitions = new List<string>[k];
        for (int p = 0; p < k; p++)
        {
            int start = n * p / k, end = n * (p + 1) / k;
            partitions[p] = Enumerable.Range(start, end - start).Select(r => $"{((long)p << 40) + (r - start)},{data[r + 1]},{split[r + 1]}").ToList();
        }

        return ("row," + data[0] + ",split", partitions);
    }
}
