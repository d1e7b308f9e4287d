using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;
using Xunit.Abstractions;
using static NormGuard.Tool.Tests.DiamondsPartitions;

namespace NormGuard.Tool.Tests;

/// <summary>
/// <c>normguard fit --partial</c> on partitions of the Diamonds sample, then <c>normguard merge</c>, through the real command
/// line: the merged manifest must be the single <c>normguard fit</c>'s, byte for byte (so its sha256 too), for every
/// partitioning and every order of the partial files. Expected before the first run: identical bytes in every case, and
/// fit.rows 43,152 (the "train" lines of split.csv, counted with grep).
/// </summary>
public sealed class PartialMergeTests(ITestOutputHelper log)
{
    private const long DiamondsTrainRows = 43_152;

    [Fact]
    public void Two_row_ranges_merged_in_both_orders_equal_the_single_fit()
    {
        using TempDirectory temp = ToolRunner.Temp();
        AssertEveryOrderEqualsSingleFit(temp, Ranges(temp, 2), [[0, 1], [1, 0]]);
    }

    [Fact]
    public void Three_row_ranges_merged_in_all_six_orders_equal_the_single_fit()
    {
        using TempDirectory temp = ToolRunner.Temp();
        AssertEveryOrderEqualsSingleFit(temp, Ranges(temp, 3), AllPermutations(3).ToArray());
    }

    [Fact]
    public void Three_row_ranges_placed_by_partition_index_merged_in_all_six_orders_equal_the_single_fit()
    {
        using TempDirectory temp = ToolRunner.Temp();
        AssertEveryOrderEqualsSingleFit(temp, Ranges(temp, 3, byPartitionIndex: true), AllPermutations(3).ToArray());
    }

    [Fact]
    public void Seven_row_ranges_merged_in_twelve_random_orders_equal_the_single_fit()
    {
        using TempDirectory temp = ToolRunner.Temp();
        AssertEveryOrderEqualsSingleFit(temp, Ranges(temp, 7), RandomPermutations(7, 12, seed: 14).ToArray());
    }

    [Fact]
    public void Three_hash_partitions_merged_in_all_six_orders_equal_the_single_fit()
    {
        using TempDirectory temp = ToolRunner.Temp();
        AssertEveryOrderEqualsSingleFit(temp, Hashed(temp, 3), AllPermutations(3).ToArray());
    }

    [Fact]
    public void Seven_hash_partitions_merged_in_twelve_random_orders_equal_the_single_fit()
    {
        using TempDirectory temp = ToolRunner.Temp();
        AssertEveryOrderEqualsSingleFit(temp, Hashed(temp, 7), RandomPermutations(7, 12, seed: 7).ToArray());
    }

    [Fact]
    public void A_seeded_holdout_draws_by_row_position_so_partitions_hold_out_the_rows_the_single_fit_holds_out()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string[] holdout = ["--holdout", "0.2", "--seed", "7"];
        byte[] single = SingleFit(temp, holdout);
        Part[] parts = Ranges(temp, 3);
        string[] partials = parts.Select(p => PartialFit(temp, p, holdout, withSplitFile: false)).ToArray();
        foreach (int[] order in AllPermutations(3))
        {
            string merged = Merge(temp, order.Select(i => partials[i]));
            Assert.Equal(Convert.ToHexString(single), Convert.ToHexString(File.ReadAllBytes(merged)));
        }
    }

    /// <summary>
    /// A directory of part files, as Spark writes it, with one empty partition (a header only, as Spark writes an empty
    /// partition): partials placed by --partition in file-name order, merged with --source DIR, in all 24 orders. Expected:
    /// the bytes of <c>normguard fit --data DIR</c>, fit.source and fit.sourceSha256 included.
    /// </summary>
    [Fact]
    public void A_directory_of_parts_with_an_empty_partition_merges_to_the_fit_over_the_directory_in_all_24_orders()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string shards = Directory.CreateDirectory(temp.File("shards")).FullName;
        Part[] ranges = Ranges(temp, 3, byPartitionIndex: true);
        var parts = new List<Part>();
        foreach (Part range in ranges)
        {
            string data = Path.Combine(shards, $"part-{range.Index:D5}.csv");
            File.Move(range.Data, data);
            parts.Add(range with { Data = data });
        }

        string empty = Path.Combine(shards, "part-00003.csv"), emptySplit = temp.File("empty.split.csv");
        File.WriteAllLines(empty, [File.ReadLines(DataFile).First()]);
        File.WriteAllLines(emptySplit, ["split"]);
        parts.Add(new Part(3, empty, emptySplit, ["--partition", "3"]));

        ToolResult single = Run("fit", "--data", shards, "--template", Template, "--split-file", Split, "--train-value", "train", "--out", temp.File("single.normguard.json"), "--fitted-at", FittedAt);
        Assert.Equal(0, single.ExitCode);
        byte[] expected = File.ReadAllBytes(temp.File("single.normguard.json"));
        string[] partials = parts.Select(p => PartialFit(temp, p, [], output: temp.File($"shard-{p.Index}.partial.json"))).ToArray();
        Assert.Contains("no training rows among its 0 rows", LastError);
        foreach (int[] order in AllPermutations(4))
        {
            string merged = temp.File("merged.normguard.json");
            ToolResult result = Run(["merge", .. order.Select(i => partials[i]), "--out", merged, "--fitted-at", FittedAt, "--source", shards, "--force"]);
            Assert.Equal(0, result.ExitCode);
            Assert.True(expected.AsSpan().SequenceEqual(File.ReadAllBytes(merged)), $"merge in order {string.Join(" ", order)} differs from the fit over the directory");
        }

        ToolResult onlyEmpty = Run("merge", partials[3], "--out", temp.File("nothing.json"));
        Assert.Equal(1, onlyEmpty.ExitCode);
        Assert.Contains("no training rows in any partial fit; nothing to merge", onlyEmpty.Error);
        Assert.False(File.Exists(temp.File("nothing.json")));
    }

    /// <summary>
    /// A compiled record as the schema (--assembly): integer one-hot members, a constant feature, log pre-steps, and a
    /// float32 record (golden_onnx). The partial carries the record's features, so merge needs no assembly. Expected:
    /// the single fit's bytes in all 6 orders of 3 row ranges.
    /// </summary>
    [Theory]
    [InlineData("golden_sklearn_f64")]
    [InlineData("golden_onnx")]
    public void Compiled_records_merge_to_the_single_fit_in_all_six_orders(string featureSet)
    {
        using TempDirectory temp = ToolRunner.Temp();
        string data = ToolRunner.Repo("tests", "NormGuard.Tests", "Golden", featureSet + ".train.csv");
        string[] record = ["--assembly", NormGuardTests.AssemblyPath, "--feature-set", featureSet];
        string[] holdout = ["--holdout", "0.2", "--seed", "3"];
        Assert.Equal(0, Run(["fit", "--data", data, .. record, .. holdout, "--out", temp.File("single.json"), "--fitted-at", FittedAt]).ExitCode);
        string[] lines = File.ReadAllLines(data);
        string[] partials = new string[3];
        for (int i = 0; i < 3; i++)
        {
            int start = 1 + (i * 333), end = i == 2 ? lines.Length : 1 + ((i + 1) * 333);
            File.WriteAllLines(temp.File($"p{i}.csv"), new[] { lines[0] }.Concat(lines[start..end]));
            partials[i] = temp.File($"p{i}.partial.json");
            Assert.Equal(0, Run(["fit", "--partial", "--data", temp.File($"p{i}.csv"), .. record, .. holdout, "--first-row", (start - 1).ToString(), "--out", partials[i]]).ExitCode);
        }

        byte[] single = File.ReadAllBytes(temp.File("single.json"));
        foreach (int[] order in AllPermutations(3))
        {
            Assert.Equal(0, Run(["merge", .. order.Select(i => partials[i]), "--out", temp.File("merged.json"), "--force", "--fitted-at", FittedAt, "--source", data]).ExitCode);
            Assert.True(single.AsSpan().SequenceEqual(File.ReadAllBytes(temp.File("merged.json"))), $"{featureSet}: merge in order {string.Join(" ", order)} differs from the single fit");
        }
    }

    /// <summary>
    /// Past --exact-limit the single fit summarizes each feature in a KLL sketch (43,152 values > 20,000). Every partition
    /// stays under the limit (about 14,400 each), and the merge replays the values in row order into a fitter with the same
    /// limit, so it summarizes at the same value with the same seeded coins: expected the same bytes as the single fit.
    /// </summary>
    [Fact]
    public void Past_the_exact_limit_the_merge_still_equals_the_single_fit_sketch_and_all()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string[] limit = ["--exact-limit", "20000"];
        byte[] single = SingleFit(temp, ["--split-file", Split, "--train-value", "train", .. limit]);
        Assert.Contains("quantiles from a KLL sketch", LastOutput);
        Part[] parts = Ranges(temp, 3);
        string[] partials = parts.Select(p => PartialFit(temp, p, [], extra: limit)).ToArray();
        foreach (int[] order in AllPermutations(3))
        {
            string merged = Merge(temp, order.Select(i => partials[i]));
            Assert.Contains("quantiles from a KLL sketch", LastOutput);
            Assert.True(single.AsSpan().SequenceEqual(File.ReadAllBytes(merged)), $"merge in order {string.Join(" ", order)} differs from the single fit");
        }
    }

    /// <summary>A partition with more values than --exact-limit no longer keeps them: its partial carries sketches (normguard.partial/2).</summary>
    [Fact]
    public void A_partition_with_more_values_than_the_exact_limit_carries_a_sketch_instead()
    {
        using TempDirectory temp = ToolRunner.Temp();
        Part part = Ranges(temp, 2)[0];
        string output = temp.File("big.partial.json");
        ToolResult result = Run("fit", "--partial", "--data", part.Data, "--template", Template, "--split-file", part.Split, "--train-value", "train", "--exact-limit", "10000", "--out", output);
        Assert.Equal(0, result.ExitCode);
        string text = File.ReadAllText(output);
        Assert.StartsWith("{\"format\":\"normguard.partial/2\"", text, StringComparison.Ordinal);
        Assert.Contains("{\"name\":\"carat\",\"missing\":0,\"summary\":{\"raw\":{\"count\":", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// Why the merge orders rows: the same partitions placed in reverse order are a different row order, and the sums then
    /// round differently in the last bits (seen on carat, table, x, y, z). This keeps the equality tests above meaningful:
    /// a merge that concatenated values in argument order would fail them.
    /// </summary>
    [Fact]
    public void Partitions_placed_in_another_order_give_other_sums_so_the_row_order_matters()
    {
        using TempDirectory temp = ToolRunner.Temp();
        byte[] single = SingleFit(temp);
        Part[] parts = Ranges(temp, 3);
        string[] partials = parts.Select(p => PartialFit(temp, p, [], placement: ["--partition", (2 - p.Index).ToString()])).ToArray();
        Manifest reversed = Manifest.Load(Merge(temp, partials));
        Manifest expected = Manifest.Load(temp.File("single.normguard.json"));
        Assert.Equal(expected.Fit!.Rows, reversed.Fit!.Rows);
        Assert.NotEqual(expected.Sha256, reversed.Sha256);
        Assert.Contains(expected.Features, f => f.Stats!.Mean != reversed.Features.Single(r => r.Name == f.Name).Stats!.Mean);
    }

    [Fact]
    public void Values_that_stress_the_number_format_round_trip_exactly()
    {
        // -0, subnormals, 17-digit values, large magnitudes and missing cells: the file must give back the same doubles.
        using TempDirectory temp = ToolRunner.Temp();
        string template = temp.File("t.json");
        File.WriteAllText(template, """
            { "format": "normguard.manifest/1", "featureSet": "edge", "profile": "sklearn",
              "features": [ { "name": "a", "steps": [ { "op": "robust" } ], "missing": "propagate" },
                            { "name": "b", "steps": [ { "op": "maxabs" } ], "missing": "propagate" },
                            { "name": "c", "steps": [ { "op": "onehot" } ], "missing": "propagate" } ] }
            """);
        string[] rows =
        [
            "-0,4.9406564584124654e-324,x,train", "0.1,1.2345678901234567e150,y,train", "0.30000000000000004,-2.2250738585072014e-308,x,train",
            "123456789.12345679,,,train", "-1e-300,0.1,z,train", ",5e-324,y,train", "3.141592653589793,-9.876543210987654e149,x,train",
            "2.718281828459045,1,,train", "1e22,1e-22,q,train",
        ];
        string[] split = ["--split-column", "s", "--train-value", "train"];
        File.WriteAllLines(temp.File("all.csv"), new[] { "a,b,c,s" }.Concat(rows));
        Assert.Equal(0, Run(["fit", "--data", temp.File("all.csv"), "--template", template, .. split, "--out", temp.File("single.json"), "--fitted-at", FittedAt]).ExitCode);
        for (int i = 0; i < 3; i++)
        {
            File.WriteAllLines(temp.File($"p{i}.csv"), new[] { "a,b,c,s" }.Concat(rows.Skip(i * 3).Take(3)));
            Assert.Equal(0, Run(["fit", "--partial", "--data", temp.File($"p{i}.csv"), "--template", template, .. split, "--first-row", (i * 3).ToString(), "--out", temp.File($"p{i}.partial.json")]).ExitCode);
        }

        Assert.Equal(0, Run("merge", temp.File("p2.partial.json"), temp.File("p0.partial.json"), temp.File("p1.partial.json"), "--out", temp.File("merged.json"), "--fitted-at", FittedAt, "--source", temp.File("all.csv")).ExitCode);
        Assert.Equal(File.ReadAllBytes(temp.File("single.json")), File.ReadAllBytes(temp.File("merged.json")));
        string partial = File.ReadAllText(temp.File("p0.partial.json"));
        Assert.Contains("[-0,0.1,0.30000000000000004]", partial);
        Assert.Contains("[5E-324,1.2345678901234567E+150,-2.2250738585072014E-308]", partial);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------------

    private void AssertEveryOrderEqualsSingleFit(TempDirectory temp, Part[] parts, int[][] orders)
    {
        byte[] single = SingleFit(temp);
        string[] partials = parts.Select(p => PartialFit(temp, p, [])).ToArray();
        foreach (int[] order in orders)
        {
            string merged = Merge(temp, order.Select(i => partials[i]));
            byte[] bytes = File.ReadAllBytes(merged);
            log.WriteLine($"order {string.Join(" ", order)}: sha256 {Manifest.Load(merged).Sha256}");
            Assert.True(single.AsSpan().SequenceEqual(bytes), $"merge in order {string.Join(" ", order)} differs from the single fit");
            Assert.Equal(DiamondsTrainRows, Manifest.Load(merged).Fit!.Rows);
        }

        log.WriteLine($"{parts.Length} partitions, {orders.Length} orders: every merge byte-identical to the single fit");
    }

    private byte[] SingleFit(TempDirectory temp, string[]? split = null)
    {
        string output = temp.File("single.normguard.json");
        string[] args = ["fit", "--data", DataFile, "--template", Template, .. split ?? ["--split-file", Split, "--train-value", "train"], "--out", output, "--fitted-at", FittedAt];
        ToolResult result = Run(args);
        Assert.Equal(0, result.ExitCode);
        return File.ReadAllBytes(output);
    }

    private string PartialFit(TempDirectory temp, Part part, string[] split, bool withSplitFile = true, string[]? placement = null, string[]? extra = null, string? output = null)
    {
        output ??= Path.ChangeExtension(part.Data, ".partial.json");
        string[] args =
        [
            "fit", "--partial", "--data", part.Data, "--template", Template,
            .. withSplitFile ? ["--split-file", part.Split, "--train-value", "train"] : split,
            .. placement ?? part.PlacementOptions, .. extra ?? [], "--out", output,
        ];
        ToolResult result = Run(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return output;
    }

    private string Merge(TempDirectory temp, IEnumerable<string> partials)
    {
        string output = temp.File("merged-" + Guid.NewGuid().ToString("N") + ".normguard.json");
        ToolResult result = Run(["merge", .. partials, "--out", output, "--fitted-at", FittedAt, "--source", DataFile]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return output;
    }

    private string LastOutput { get; set; } = string.Empty;

    private string LastError { get; set; } = string.Empty;

    private ToolResult Run(params string[] args)
    {
        ToolResult result = ToolRunner.Run(args);
        LastOutput = result.Output;
        LastError = result.Error;
        if (result.ExitCode != 0)
        {
            log.WriteLine(string.Join(" ", args));
            log.WriteLine(result.ToString());
        }

        return result;
    }
}
