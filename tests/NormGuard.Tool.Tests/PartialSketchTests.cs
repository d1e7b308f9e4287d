using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using NormGuard.Fitting;
using NormGuard.Tool.Fitting;
using NormGuard.Tool.Fitting.Partials;
using Xunit;
using Xunit.Abstractions;
using static NormGuard.Tool.Tests.DiamondsPartitions;

namespace NormGuard.Tool.Tests;

/// <summary>
/// Partitions with more values than --exact-limit: <c>fit --partial</c> writes the fitter's state (moments and KLL sketch,
/// format normguard.partial/2) and <c>merge</c> combines the states. Expected before the first run: every merge order gives
/// the same bytes (the merge takes partials in partition order); against the exact single fit, counts, missing counts,
/// min, max and categories equal, mean and std within 1e-10 relative, every quantile within the sketch's rank bound
/// (<see cref="SketchBounds"/>); and merges broken on purpose break those bounds.
/// </summary>
public sealed class PartialSketchTests(ITestOutputHelper log)
{
    private const string Limit = "5000";

    [Fact]
    public void Diamonds_partials_past_the_exact_limit_carry_sketches_and_merge_within_the_bounds_in_every_order()
    {
        using TempDirectory temp = ToolRunner.Temp();
        Manifest exact = Manifest.Load(SingleFit(temp, []));
        Dictionary<string, double[]> values = DiamondsTrainingValues();
        foreach ((int k, int[][] orders) in new[] { (3, AllPermutations(3).ToArray()), (7, RandomPermutations(7, 12, seed: 2026).ToArray()) })
        {
            string[] partials = Ranges(temp, k).Select(p => PartialFit(p, ["--exact-limit", Limit])).ToArray();
            foreach (string partial in partials)
            {
                Assert.StartsWith("{\"format\":\"normguard.partial/2\"", File.ReadAllText(partial), StringComparison.Ordinal);
            }

            byte[]? first = null;
            var worst = new SketchBounds.Worst();
            foreach (int[] order in orders)
            {
                string merged = Merge(temp, order.Select(i => partials[i]));
                byte[] bytes = File.ReadAllBytes(merged);
                first ??= bytes;
                Assert.True(first.AsSpan().SequenceEqual(bytes), $"{k} partitions: merge in order {string.Join(" ", order)} differs from the first order's");
                List<string> problems = SketchBounds.Violations(Manifest.Load(merged), exact, values, worst);
                Assert.True(problems.Count == 0, $"{k} partitions, order {string.Join(" ", order)}:\n{string.Join("\n", problems)}");
            }

            log.WriteLine($"Diamonds, {k} partitions, --exact-limit {Limit}, {orders.Length} orders (all the same bytes), largest partial {partials.Max(p => new FileInfo(p).Length):N0} bytes: {worst}");
        }
    }

    /// <summary>
    /// The bounds can fail: merges broken on purpose — M2 added without Chan's term for the partitions' mean difference, and
    /// one partition's sketch left out of the quantiles — break them on the same Diamonds partials.
    /// </summary>
    [Fact]
    public void Merges_broken_on_purpose_break_the_bounds()
    {
        using TempDirectory temp = ToolRunner.Temp();
        Manifest exact = Manifest.Load(SingleFit(temp, []));
        Dictionary<string, double[]> values = DiamondsTrainingValues();
        PartialFile.Loaded[] partials = Ranges(temp, 3).Select(p => PartialFile.Read(PartialFit(p, ["--exact-limit", Limit]))).ToArray();

        Manifest correct = PartialMerge.Merge(partials).ToManifest(new FitProvenance { Split = DataSplit.Train }, 1);
        Assert.Empty(SketchBounds.Violations(correct, exact, values));

        List<string> withoutChanTerm = SketchBounds.Violations(BrokenMerge(partials, dropChanTerm: true), exact, values);
        Assert.Contains(withoutChanTerm, p => p.StartsWith("carat stats std", StringComparison.Ordinal));
        Assert.DoesNotContain(withoutChanTerm, p => p.Contains("mean", StringComparison.Ordinal));
        Assert.DoesNotContain(withoutChanTerm, p => p.Contains("quantile", StringComparison.Ordinal) || p.Contains("robust", StringComparison.Ordinal));

        List<string> sketchLeftOut = SketchBounds.Violations(BrokenMerge(partials, dropChanTerm: false, leaveOutSketchOf: 0), exact, values);
        Assert.Contains(sketchLeftOut, p => p.StartsWith("carat quantile 50", StringComparison.Ordinal));
        log.WriteLine($"without Chan's term: {withoutChanTerm.Count} violations, e.g. {withoutChanTerm[0]}");
        log.WriteLine($"a sketch left out: {sketchLeftOut.Count} violations, e.g. {sketchLeftOut.First(p => p.Contains("quantile", StringComparison.Ordinal))}");
    }

    /// <summary>
    /// Two million generated rows (seed 14) whose distributions drift with the row index, so that partitions differ: the
    /// partitions are piped through standard input (--data -, --first-row), each past --exact-limit 100,000, and merged in
    /// all 6 orders of 3 and 6 random orders of 7. Reference: the single fit with --exact-limit 3,000,000 (exact, numpy's
    /// sums and quantiles) and the exact sorted training values.
    /// </summary>
    [Fact]
    public void Two_million_generated_rows_in_3_and_7_sketched_partitions_merge_within_the_bounds()
    {
        using TempDirectory temp = ToolRunner.Temp();
        const int Rows = 2_000_000;
        string template = temp.File("synthetic.template.json");
        File.WriteAllText(template, """
            { "format": "normguard.manifest/1", "featureSet": "synthetic", "profile": "sklearn",
              "features": [ { "name": "a", "steps": [ { "op": "zscore" } ], "missing": "propagate" },
                            { "name": "b", "steps": [ { "op": "log1p" }, { "op": "zscore" } ] },
                            { "name": "c", "steps": [ { "op": "robust" } ] },
                            { "name": "d", "steps": [ { "op": "onehot" } ] } ] }
            """);
        (string[] lines, Dictionary<string, double[]> values) = Synthetic(Rows);
        string whole = temp.File("synthetic.csv");
        File.WriteAllLines(whole, new[] { "a,b,c,d,split" }.Concat(lines));
        string[] split = ["--split-column", "split", "--train-value", "train"];
        string single = temp.File("single.json");
        ToolResult fit = ToolRunner.Run(["fit", "--data", whole, "--template", template, .. split, "--exact-limit", "3000000", "--out", single, "--fitted-at", FittedAt]);
        Assert.True(fit.ExitCode == 0, fit.ToString());
        Manifest exact = Manifest.Load(single);

        foreach ((int k, int[][] orders) in new[] { (3, AllPermutations(3).ToArray()), (7, RandomPermutations(7, 6, seed: 77).ToArray()) })
        {
            var partials = new string[k];
            for (int i = 0; i < k; i++)
            {
                int start = (int)((long)Rows * i / k), end = (int)((long)Rows * (i + 1) / k);
                byte[] input = System.Text.Encoding.UTF8.GetBytes("a,b,c,d,split\n" + string.Join("\n", lines[start..end]) + "\n");
                ToolResult result = ToolRunner.RunWithInput(input, ["fit", "--partial", "--data", "-", "--template", template, .. split, "--first-row", start.ToString(CultureInfo.InvariantCulture), "--exact-limit", "100000"]);
                Assert.True(result.ExitCode == 0, result.Error);
                Assert.StartsWith("{\"format\":\"normguard.partial/2\"", result.Output, StringComparison.Ordinal);
                partials[i] = temp.File($"synthetic-{k}-{i}.partial.json");
                File.WriteAllText(partials[i], result.Output);
            }

            byte[]? first = null;
            var worst = new SketchBounds.Worst();
            foreach (int[] order in orders)
            {
                string merged = temp.File("merged.json");
                ToolResult merge = ToolRunner.Run(["merge", .. order.Select(i => partials[i]), "--out", merged, "--force", "--fitted-at", FittedAt, "--source", whole]);
                Assert.True(merge.ExitCode == 0, merge.ToString());
                byte[] bytes = File.ReadAllBytes(merged);
                first ??= bytes;
                Assert.True(first.AsSpan().SequenceEqual(bytes), $"{k} partitions: merge in order {string.Join(" ", order)} differs from the first order's");
                List<string> problems = SketchBounds.Violations(Manifest.Load(merged), exact, values, worst);
                Assert.True(problems.Count == 0, $"{k} partitions, order {string.Join(" ", order)}:\n{string.Join("\n", problems)}");
            }

            log.WriteLine($"{Rows:N0} generated rows, {k} partitions, --exact-limit 100,000, {orders.Length} orders (all the same bytes), partials {partials.Sum(p => new FileInfo(p).Length):N0} bytes in all: {worst}");
        }
    }

    [Fact]
    public void Under_the_exact_limit_a_partial_is_still_normguard_partial_1_with_every_value()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string partial = PartialFit(Ranges(temp, 3)[0], []);
        string text = File.ReadAllText(partial);
        Assert.StartsWith("{\"format\":\"normguard.partial/1\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"summary\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_partial_mixing_kept_values_and_a_sketch_merges_within_the_bounds()
    {
        // The first half (about 21,600 training values: past the limit, a sketch) and the last two quarters (about 10,800 each:
        // values kept) — cut at the same rows, 26,970 and 40,455, so that they cover the data once.
        using TempDirectory temp = ToolRunner.Temp();
        Manifest exact = Manifest.Load(SingleFit(temp, []));
        Part[] parts = [Ranges(temp, 2)[0], .. Ranges(temp, 4)[2..]];
        string[] partials = parts.Select(p => PartialFit(p, ["--exact-limit", "15000"])).ToArray();
        string[] formats = partials.Select(p => File.ReadAllText(p)[..32]).ToArray();
        Assert.Equal(["normguard.partial/2", "normguard.partial/1", "normguard.partial/1"], formats.Select(f => f[11..30]).ToArray());
        Assert.Empty(SketchBounds.Violations(Manifest.Load(Merge(temp, partials.Reverse())), exact, DiamondsTrainingValues()));
    }

    [Fact]
    public void A_sketch_whose_weights_do_not_add_up_is_refused_with_the_file_named()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string partial = PartialFit(Ranges(temp, 3)[0], ["--exact-limit", Limit]);
        string text = File.ReadAllText(partial);
        int count = text.IndexOf("\"sketch\":{\"k\":1024,", StringComparison.Ordinal);
        Assert.True(count > 0);
        int at = text.IndexOf("\"count\":", count, StringComparison.Ordinal) + "\"count\":".Length;
        string edited = text[..at] + "1" + text[at..];
        // Re-seal the edited body, as someone who edits with care would, so that the check that fires is the sketch's own.
        int hash = edited.LastIndexOf(",\"sha256\":\"", StringComparison.Ordinal);
        string body = edited[..hash];
        string sealedText = body + ",\"sha256\":\"" + PartialFile.Sha256(System.Text.Encoding.UTF8.GetBytes(body)) + "\"}\n";
        File.WriteAllText(partial, sealedText);
        ToolResult result = ToolRunner.Run("merge", partial, "--out", temp.File("m.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"error: {partial}: is not a valid normguard.partial/2 file: sketch items weigh", result.Error, StringComparison.Ordinal);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------------

    /// <summary>
    /// A merge that handles the partials' states wrongly on purpose: with <paramref name="dropChanTerm"/> the M2s are added
    /// without Chan's term for the difference of the partitions' means (count and weighted mean right); with
    /// <paramref name="leaveOutSketchOf"/> that partition's sketch is left out of the quantiles (its moments kept).
    /// </summary>
    private static Manifest BrokenMerge(PartialFile.Loaded[] partials, bool dropChanTerm, int leaveOutSketchOf = -1)
    {
        FitSchema schema = partials[0].State.Schema;
        var fitter = new ManifestFitter(schema.FeatureSet, schema.Profile, schema.DType, schema.Features, partials[0].State.Options.ExactLimit);
        for (int f = 0; f < schema.Features.Count; f++)
        {
            PartialFeature[] states = partials.Select(p => p.State.Features[f]).ToArray();
            if (states[0].Summary is null)
            {
                foreach (KeyValuePair<string, long> pair in states.SelectMany(s => s.TextCounts!))
                {
                    for (long i = 0; i < pair.Value; i++)
                    {
                        fitter.Category(f, pair.Key);
                    }
                }

                continue;
            }

            ValueStore raw = Combine(states.Select(s => s.Summary!.Raw).ToArray(), dropChanTerm, leaveOutSketchOf);
            ValueStore? transformed = states[0].Summary!.Transformed is null ? null : Combine(states.Select(s => s.Summary!.Transformed!).ToArray(), dropChanTerm, leaveOutSketchOf);
            fitter.Accumulator(f).MergeStores(raw, transformed, states.Sum(s => s.Summary!.MissingCount));
        }

        fitter.AddRows(partials.Sum(p => p.State.TrainingRows));
        return fitter.ToManifest(new FitProvenance { Split = DataSplit.Train }, 1);
    }

    private static ValueStore Combine(ValueStore[] stores, bool dropChanTerm, int leaveOutSketchOf)
    {
        var moments = default(Moments);
        for (int p = 0; p < stores.Length; p++)
        {
            Moments part = stores[p].Moments;
            double m2 = moments.M2 + part.M2;
            moments.Merge(part);
            if (dropChanTerm)
            {
                moments.M2 = m2;
            }
        }

        var sketch = new QuantileSketch();
        for (int p = 0; p < stores.Length; p++)
        {
            if (p != leaveOutSketchOf)
            {
                sketch.Merge(stores[p].Sketch!);
            }
        }

        // The moments' count must match the sketch's; a left-out sketch keeps only the other partitions' count there.
        moments.Count = sketch.Count;
        return ValueStore.Summarized(long.MaxValue, moments, sketch);
    }

    /// <summary>
    /// Rows "a,b,c,d,split" from a seeded generator: a normal whose mean drifts from 10 to 13 (every 1,009th cell empty),
    /// b log-normal drifting upwards, c uniform on a widening range, d one of five categories, split 80 % "train".
    /// </summary>
    private static (string[] Lines, Dictionary<string, double[]> TrainingValues) Synthetic(int rows)
    {
        var random = new Random(14);
        var lines = new string[rows];
        var a = new List<double>();
        var b = new List<double>();
        var c = new List<double>();
        for (int r = 0; r < rows; r++)
        {
            double t = (double)r / rows;
            double normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            double va = 10 + (3 * t) + normal;
            double vb = Math.Exp((0.8 * normal) + t);
            double vc = random.NextDouble() * 100 * (1 + t);
            string d = "k" + random.Next(5).ToString(CultureInfo.InvariantCulture);
            bool train = random.NextDouble() < 0.8;
            bool missing = r % 1009 == 0;
            lines[r] = string.Create(CultureInfo.InvariantCulture, $"{(missing ? string.Empty : va.ToString("R", CultureInfo.InvariantCulture))},{vb:R},{vc:R},{d},{(train ? "train" : "test")}");
            if (train)
            {
                if (!missing)
                {
                    a.Add(va);
                }

                b.Add(vb);
                c.Add(vc);
            }
        }

        return (lines, new Dictionary<string, double[]> { ["a"] = a.Order().ToArray(), ["b"] = b.Order().ToArray(), ["c"] = c.Order().ToArray() });
    }

    private static Dictionary<string, double[]> DiamondsTrainingValues()
    {
        string[] lines = File.ReadAllLines(DataFile), split = File.ReadAllLines(Split);
        string[] header = lines[0].Split(',').Select(h => h.Trim('"')).ToArray();
        var values = new Dictionary<string, List<double>>();
        foreach (string name in new[] { "carat", "depth", "table", "x", "y", "z" })
        {
            values[name] = new List<double>();
        }

        for (int r = 1; r < lines.Length; r++)
        {
            if (split[r] != "train")
            {
                continue;
            }

            string[] cells = lines[r].Split(',');
            foreach (string name in values.Keys)
            {
                values[name].Add(double.Parse(cells[Array.IndexOf(header, name)], CultureInfo.InvariantCulture));
            }
        }

        return values.ToDictionary(p => p.Key, p => p.Value.Order().ToArray());
    }

    private string SingleFit(TempDirectory temp, string[] extra)
    {
        string output = temp.File("single-" + Guid.NewGuid().ToString("N") + ".json");
        ToolResult result = ToolRunner.Run(["fit", "--data", DataFile, "--template", Template, "--split-file", Split, "--train-value", "train", .. extra, "--out", output, "--fitted-at", FittedAt]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return output;
    }

    private static string PartialFit(Part part, string[] extra)
    {
        string output = Path.ChangeExtension(part.Data, ".partial.json");
        ToolResult result = ToolRunner.Run(["fit", "--partial", "--data", part.Data, "--template", Template, "--split-file", part.Split, "--train-value", "train", .. part.PlacementOptions, .. extra, "--out", output]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return output;
    }

    private static string Merge(TempDirectory temp, IEnumerable<string> partials)
    {
        string output = temp.File("merged-" + Guid.NewGuid().ToString("N") + ".json");
        ToolResult result = ToolRunner.Run(["merge", .. partials, "--out", output, "--fitted-at", FittedAt, "--source", DataFile]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("carried sketches", result.Output, StringComparison.Ordinal);
        Assert.Contains("not equal to it bit for bit", result.Output, StringComparison.Ordinal);
        return output;
    }
}
