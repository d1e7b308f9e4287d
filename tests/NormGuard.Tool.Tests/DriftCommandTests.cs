using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using nietras.SeparatedValues;
using Parquet;
using Parquet.Schema;
using Xunit;

namespace NormGuard.Tool.Tests;

/// <summary>
/// The Diamonds sample's record, bound by the generator to the sample's manifest: the agreement test feeds a
/// <see cref="DriftMonitor{T}"/> through its generated <c>ReadInputs</c>.
/// </summary>
[FeatureSet("diamonds", Version = 1, Profile = NormalizationProfile.ScikitLearn)]
public partial record struct LiveDiamond
{
    [FeatureName("carat"), Log1p, ZScore] public double Carat { get; init; }
    [FeatureName("cut"), OneHot] public string Cut { get; init; }
    [FeatureName("color"), OneHot] public string Color { get; init; }
    [FeatureName("clarity"), OneHot] public string Clarity { get; init; }
    [FeatureName("depth"), ZScore] public double Depth { get; init; }
    [FeatureName("table"), ZScore] public double Table { get; init; }
    [FeatureName("x"), Robust] public double X { get; init; }
    [FeatureName("y"), Robust] public double Y { get; init; }
    [FeatureName("z"), Robust] public double Z { get; init; }
}

/// <summary>
/// <c>normguard drift</c> on the real Diamonds data: the sample's manifest (fitted on the training split) against its
/// held-out rows, as they are and with one thing changed at a time.
/// </summary>
public sealed class DriftCommandTests
{
    internal static readonly string Manifest = ToolRunner.Repo("samples", "Diamonds", "diamonds.normguard.json");

    private static readonly string[] Features = ["carat", "cut", "color", "clarity", "depth", "table", "x", "y", "z"];

    [Fact]
    public void Held_out_rows_do_not_drift()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string data = WriteHeldOut(temp.File("heldout.csv"));
        ToolResult result = ToolRunner.Run("drift", "--manifest", Manifest, "--data", data, "--json");

        Assert.True(result.ExitCode == Cli.Ok, result.ToString());
        using JsonDocument json = JsonDocument.Parse(result.Output);
        JsonElement root = json.RootElement;
        Assert.Equal("diamonds", root.GetProperty("featureSet").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal(10_788, root.GetProperty("rows").GetInt64());
        Assert.False(root.GetProperty("drifted").GetBoolean());
        JsonElement[] features = root.GetProperty("features").EnumerateArray().ToArray();
        Assert.Equal(Features, features.Select(f => f.GetProperty("name").GetString()));
        Assert.All(features, f =>
        {
            Assert.Equal("stable", f.GetProperty("status").GetString());
            Assert.False(f.GetProperty("drifted").GetBoolean());
            Assert.Empty(f.GetProperty("reasons").EnumerateArray());
            Assert.Equal("stable", f.GetProperty("psiBand").GetString());
        });

        // A one-hot feature has no KS or mean shift; a numeric one no unknown rate: null, not NaN or 0.
        JsonElement cut = features.Single(f => f.GetProperty("name").GetString() == "cut");
        Assert.Equal(JsonValueKind.Null, cut.GetProperty("ks").ValueKind);
        Assert.Equal(JsonValueKind.Null, cut.GetProperty("meanShift").ValueKind);
        Assert.Equal(0, cut.GetProperty("unknownRate").GetDouble());
        JsonElement carat = features.Single(f => f.GetProperty("name").GetString() == "carat");
        Assert.Equal(JsonValueKind.Null, carat.GetProperty("unknownRate").ValueKind);
        Assert.True(carat.GetProperty("ks").GetDouble() < carat.GetProperty("ksCritical").GetDouble());

        // The table: every feature, the verdict, exit 0.
        ToolResult table = ToolRunner.Run("drift", "--manifest", Manifest, "--data", data);
        Assert.True(table.ExitCode == Cli.Ok, table.ToString());
        Assert.All(Features, f => Assert.Contains("│ " + f + " ", table.Output));
        Assert.Contains("no drift: 9 of 9 features stable", table.Output);
    }

    [Fact]
    public void A_numeric_column_shifted_by_half_a_std_drifts_alone()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string data = WriteHeldOut(temp.File("shifted.csv"), Shift("depth", 0.5));
        ToolResult result = ToolRunner.Run("drift", "--manifest", Manifest, "--data", data, "--json");

        Assert.True(result.ExitCode == Cli.CheckFailed, result.ToString());
        Assert.Contains("check failed: 1 of 9 feature(s) drifted: depth", result.Error);
        using JsonDocument json = JsonDocument.Parse(result.Output);
        Assert.True(json.RootElement.GetProperty("drifted").GetBoolean());
        JsonElement[] features = json.RootElement.GetProperty("features").EnumerateArray().ToArray();
        Assert.Equal(new[] { "depth" }, features.Where(f => f.GetProperty("drifted").GetBoolean()).Select(f => f.GetProperty("name").GetString()));
        Assert.Equal("depth", features[0].GetProperty("name").GetString());
        double shift = features[0].GetProperty("meanShift").GetDouble();
        Assert.InRange(shift, 0.45, 0.55);
        Assert.Contains(features[0].GetProperty("reasons").EnumerateArray(), r => r.GetString()!.StartsWith("mean shift +0.5", StringComparison.Ordinal));

        // The table lists the drifted feature first.
        ToolResult table = ToolRunner.Run("drift", "--manifest", Manifest, "--data", data);
        Assert.Equal(Cli.CheckFailed, table.ExitCode);
        Assert.True(table.Output.IndexOf("│ depth ", StringComparison.Ordinal) < table.Output.IndexOf("│ carat ", StringComparison.Ordinal), table.Output);
        Assert.Contains("DRIFT: 1 of 9 features drifted", table.Output);
    }

    [Fact]
    public void Unknown_categories_drift_with_their_rate()
    {
        using TempDirectory temp = ToolRunner.Temp();
        // Every 25th row's cut is a category the manifest does not have: 4 % unknown (threshold 1 %).
        string data = WriteHeldOut(temp.File("unknown.csv"), (row, cells) => cells[Column("cut")] = row % 25 == 0 ? "\"Astonishing\"" : cells[Column("cut")]);
        ToolResult result = ToolRunner.Run("drift", "--manifest", Manifest, "--data", data, "--json");

        Assert.True(result.ExitCode == Cli.CheckFailed, result.ToString());
        using JsonDocument json = JsonDocument.Parse(result.Output);
        JsonElement cut = json.RootElement.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "cut");
        Assert.Equal("drifted", cut.GetProperty("status").GetString());
        Assert.Equal(432d / 10_788, cut.GetProperty("unknownRate").GetDouble(), 12);
        Assert.Contains(cut.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.StartsWith("unknown categories 4.0 %", StringComparison.Ordinal));
    }

    /// <summary>A manifest with a vector feature and CSV data: a CSV cannot hold the vectors, so the command refuses
    /// (exit 1, naming the feature) rather than judging the scalars alone and reporting a verdict that ignores the
    /// embedding — whether the column is absent or present as text. (Vectors from Parquet and .npy:
    /// <see cref="EmbeddingDriftCommandTests"/>.)</summary>
    [Fact]
    public void A_vector_feature_from_csv_is_refused_naming_it()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string data = temp.File("docs.csv");
        File.WriteAllText(data, "Clicks,Age\n" + string.Concat(Enumerable.Range(0, 300).Select(i => $"{i % 10},{i % 100}\n")));
        string withColumn = temp.File("with-column.csv");
        File.WriteAllText(withColumn, "Clicks,Embedding,Age\n" + string.Concat(Enumerable.Range(0, 300).Select(i => $"{i % 10},\"[0.1, 0.2]\",{i % 100}\n")));
        string manifest = ToolRunner.Repo("tests", "NormGuard.Tests", "Manifests", "Vectors", "drift_docs.normguard.json");

        ToolResult absent = ToolRunner.Run("drift", "--manifest", manifest, "--data", data);
        ToolResult text = ToolRunner.Run("drift", "--manifest", manifest, "--data", withColumn);

        Assert.True(absent.ExitCode == Cli.InputError, absent.ToString());
        Assert.Contains($"{data}: no column 'Embedding' for feature 'Embedding'", absent.Error, StringComparison.Ordinal);
        Assert.Empty(absent.Output);
        Assert.True(text.ExitCode == Cli.InputError, text.ToString());
        Assert.Contains($"{withColumn}(2,2): a CSV cell holds one value; give the vectors of 'Embedding' as a Parquet list<float> column or a .npy file", text.Error, StringComparison.Ordinal);
        Assert.Empty(text.Output);
    }

    [Fact]
    public void A_cell_that_is_not_a_number_names_file_line_and_column()
    {
        using TempDirectory temp = ToolRunner.Temp();
        // Data row 100 is file line 101 (the header is line 1).
        string data = WriteHeldOut(temp.File("bad.csv"), (row, cells) => cells[Column("table")] = row == 99 ? "fifty-seven" : cells[Column("table")]);
        ToolResult result = ToolRunner.Run("drift", "--manifest", Manifest, "--data", data);

        Assert.True(result.ExitCode == Cli.InputError, result.ToString());
        Assert.Contains(data + $"(101,{Column("table") + 1}): column 'table' holds \"fifty-seven\", which is not a number", result.Error);
    }

    [Fact]
    public void Missing_cells_count_as_missing_and_a_missing_column_is_an_error()
    {
        using TempDirectory temp = ToolRunner.Temp();
        // Every 10th row's x is empty: 10 % missing where training had none.
        string data = WriteHeldOut(temp.File("gaps.csv"), (row, cells) => cells[Column("x")] = row % 10 == 0 ? string.Empty : cells[Column("x")]);
        ToolResult result = ToolRunner.Run("drift", "--manifest", Manifest, "--data", data, "--json");
        Assert.True(result.ExitCode == Cli.CheckFailed, result.ToString());
        using JsonDocument json = JsonDocument.Parse(result.Output);
        JsonElement x = json.RootElement.GetProperty("features")[0];
        Assert.Equal("x", x.GetProperty("name").GetString());
        Assert.Equal(1079d / 10_788, x.GetProperty("missingRate").GetDouble(), 12);
        Assert.Equal(0, x.GetProperty("baselineMissingRate").GetDouble());

        string noDepth = temp.File("no-depth.csv");
        File.WriteAllLines(noDepth, File.ReadLines(data).Select(line => string.Join(',', line.Split(',').Where((_, i) => i != Column("depth")))));
        ToolResult missing = ToolRunner.Run("drift", "--manifest", Manifest, "--data", noDepth);
        Assert.True(missing.ExitCode == Cli.InputError, missing.ToString());
        Assert.Contains(noDepth + ": no column 'depth' for feature 'depth'", missing.Error);
    }

    [Fact]
    public void Threshold_options_reach_the_monitor_and_bad_values_are_input_errors()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string data = WriteHeldOut(temp.File("heldout.csv"));

        // A mean-shift threshold below depth's +0.022 std chance shift flags it. A --min-rows above the rows makes PSI and
        // the mean shift wait, while KS and the rates still judge the held-out rows: stable, with the waiting said.
        ToolResult strict = ToolRunner.Run("drift", "--manifest", Manifest, "--data", data, "--json", "--mean-shift", "0.02");
        Assert.True(strict.ExitCode == Cli.CheckFailed, strict.ToString());
        Assert.Contains("depth", strict.Error);

        ToolResult waiting = ToolRunner.Run("drift", "--manifest", Manifest, "--data", data, "--json", "--min-rows", "20000", "--psi", "0.5", "--ks-alpha", "0.001");
        Assert.True(waiting.ExitCode == Cli.Ok, waiting.ToString());
        using JsonDocument json = JsonDocument.Parse(waiting.Output);
        Assert.Equal("stable", json.RootElement.GetProperty("verdict").GetString());
        Assert.All(json.RootElement.GetProperty("features").EnumerateArray(), f =>
        {
            Assert.Equal("stable", f.GetProperty("status").GetString());
            Assert.Contains("psi", f.GetProperty("waiting").EnumerateArray().Select(t => t.GetString()));
            Assert.Contains(f.GetProperty("notes").EnumerateArray(), n => n.GetString()!.EndsWith("wait for 20,000 rows; 10,788 seen", StringComparison.Ordinal) || n.GetString() == "PSI waits for 20,000 rows; 10,788 seen");
        });

        foreach (string[] bad in new[] { new[] { "--ks-alpha", "2" }, ["--psi", "0"], ["--mean-shift", "-1"], ["--min-rows", "0"] })
        {
            ToolResult result = ToolRunner.Run(["drift", "--manifest", Manifest, "--data", data, .. bad]);
            Assert.True(result.ExitCode == Cli.InputError, string.Join(' ', bad) + ": " + result);
            Assert.Contains(bad[0], result.Error);
        }
    }

    [Fact]
    public void A_sample_of_169_rows_with_two_features_moved_drifts_by_KS_while_PSI_waits()
    {
        // The issue's case: 169 live rows, depth moved by 1.6 training stds and table by 2.4. KS's critical value at 169
        // values is 0.18; such shifts move these columns' distributions by far more (0.5 and more), so both drift, by KS.
        // The rows are a random sample of the held-out ones (the file is sorted by price, so its first rows are not).
        using TempDirectory temp = ToolRunner.Temp();
        string data = WriteHeldOut(temp.File("small.csv"), (row, cells) =>
        {
            Shift("depth", 1.6)(row, cells);
            Shift("table", 2.4)(row, cells);
        }, keep: RandomRows(169, seed: 11));
        ToolResult result = ToolRunner.Run("drift", "--manifest", Manifest, "--data", data, "--json");

        Assert.True(result.ExitCode == Cli.CheckFailed, result.ToString());
        Assert.Contains("check failed: 2 of 9 feature(s) drifted", result.Error);
        using JsonDocument json = JsonDocument.Parse(result.Output);
        Assert.Equal("drifted", json.RootElement.GetProperty("verdict").GetString());
        Assert.Equal(169, json.RootElement.GetProperty("rows").GetInt64());
        JsonElement[] features = json.RootElement.GetProperty("features").EnumerateArray().ToArray();
        Assert.Equal(["depth", "table"], features.Where(f => f.GetProperty("drifted").GetBoolean()).Select(f => f.GetProperty("name").GetString()).Order());
        Assert.All(features, f => Assert.Equal(JsonValueKind.Null, f.GetProperty("psiBand").ValueKind));
        foreach (JsonElement f in features)
        {
            string name = f.GetProperty("name").GetString()!;
            bool numeric = name is not ("cut" or "color" or "clarity");
            Assert.Equal(numeric ? ["ks", "missingRate"] : ["missingRate", "unknownRate"], f.GetProperty("judgedBy").EnumerateArray().Select(t => t.GetString()));
            Assert.Equal(numeric ? ["psi", "meanShift"] : ["psi"], f.GetProperty("waiting").EnumerateArray().Select(t => t.GetString()));
            Assert.Equal(numeric ? "PSI and mean shift wait for 200 rows; 169 seen" : "PSI waits for 200 rows; 169 seen", Assert.Single(f.GetProperty("notes").EnumerateArray()).GetString());
            if (name is "depth" or "table")
            {
                Assert.StartsWith("KS ", Assert.Single(f.GetProperty("reasons").EnumerateArray()).GetString(), StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal("stable", f.GetProperty("status").GetString());
            }
        }

        ToolResult table = ToolRunner.Run("drift", "--manifest", Manifest, "--data", data);
        Assert.Equal(Cli.CheckFailed, table.ExitCode);
        string[] lines = table.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("diamonds v1: 169 live rows", lines[0], StringComparison.Ordinal);
        Assert.Equal("PSI and mean shift wait for 200 values per feature (169 live rows): the verdicts rest on KS, missing rate and unknown rate", lines[1]);
        Assert.Equal("DRIFT: 2 of 9 features drifted", lines[^1]);
    }

    [Fact]
    public void Rows_too_few_for_any_test_give_no_verdict_exit_3_and_the_output_says_so_first()
    {
        // 12 rows: KS and the missing and unknown rates need 20, PSI and the mean shift 200, so nothing can be judged.
        // That is not a pass: exit 3, and the first line says so.
        using TempDirectory temp = ToolRunner.Temp();
        string data = WriteHeldOut(temp.File("tiny.csv"), keep: RandomRows(12, seed: 13));
        string report = temp.File("drift.html");
        ToolResult result = ToolRunner.Run("drift", "--manifest", Manifest, "--data", data, "--report", report);

        const string verdict = "NO VERDICT: no feature could be judged: every feature has too few live values (12 rows; KS and the missing and unknown rates need 20, PSI and mean shift 200)";
        Assert.True(result.ExitCode == Cli.NoVerdict, result.ToString());
        string[] lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(verdict, lines[0]);
        Assert.Equal(verdict, lines[^2]);
        Assert.Equal("report: " + report, lines[^1]);
        Assert.DoesNotContain("no drift", result.Output);
        Assert.Contains("check undecided: no verdict for 9 of 9 feature(s)", result.Error);
        Assert.Contains("No verdict: no feature could be judged", File.ReadAllText(report));

        ToolResult json = ToolRunner.Run("drift", "--manifest", Manifest, "--data", data, "--json");
        Assert.Equal(Cli.NoVerdict, json.ExitCode);
        using JsonDocument document = JsonDocument.Parse(json.Output);
        Assert.Equal("noVerdict", document.RootElement.GetProperty("verdict").GetString());
        Assert.Equal(verdict, document.RootElement.GetProperty("summary").GetString());
        Assert.False(document.RootElement.GetProperty("drifted").GetBoolean());
        Assert.All(document.RootElement.GetProperty("features").EnumerateArray(), f =>
        {
            Assert.Equal("tooFewRows", f.GetProperty("status").GetString());
            Assert.Empty(f.GetProperty("judgedBy").EnumerateArray());
        });
    }

    [Fact]
    public void A_feature_without_a_baseline_makes_a_clean_check_incomplete_exit_3_and_drift_still_exit_2()
    {
        // The manifest without depth's stats: the other 8 features are judged stable on the held-out rows, but depth
        // cannot be judged at all, so the check is incomplete (exit 3), not a pass. A drifted feature still means exit 2.
        using TempDirectory temp = ToolRunner.Temp();
        NormGuard.Manifest original = NormGuard.Manifest.Load(Manifest);
        string partial = temp.File("partial.normguard.json");
        new NormGuard.Manifest
        {
            FeatureSet = original.FeatureSet,
            Version = original.Version,
            Profile = original.Profile,
            DType = original.DType,
            Fit = original.Fit,
            Features = original.Features.Select(f => f.Name == "depth" ? new FeatureManifest { Name = f.Name, Steps = f.Steps, Missing = f.Missing } : f).ToArray(),
        }.Save(partial);

        string clean = WriteHeldOut(temp.File("heldout.csv"));
        ToolResult result = ToolRunner.Run("drift", "--manifest", partial, "--data", clean);
        const string verdict = "INCOMPLETE: no drift in the 8 judged features, but 1 of 9 has no verdict: depth has no training baseline (stats) in the manifest";
        Assert.True(result.ExitCode == Cli.NoVerdict, result.ToString());
        Assert.Equal(verdict, result.Output.Split('\n')[0]);
        Assert.Contains("check undecided: no verdict for 1 of 9 feature(s): depth", result.Error);

        ToolResult json = ToolRunner.Run("drift", "--manifest", partial, "--data", clean, "--json");
        using JsonDocument document = JsonDocument.Parse(json.Output);
        Assert.Equal("incomplete", document.RootElement.GetProperty("verdict").GetString());
        JsonElement depth = document.RootElement.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "depth");
        Assert.Equal("noBaseline", depth.GetProperty("status").GetString());

        string shifted = WriteHeldOut(temp.File("shifted.csv"), Shift("table", 0.5));
        ToolResult drifted = ToolRunner.Run("drift", "--manifest", partial, "--data", shifted);
        Assert.True(drifted.ExitCode == Cli.CheckFailed, drifted.ToString());
        Assert.EndsWith("DRIFT: 1 of 9 features drifted; 1 of 9 has no verdict: depth has no training baseline (stats) in the manifest", drifted.Output.TrimEnd());
    }

    [Fact]
    public void A_directory_of_part_files_reads_as_one_data_set()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string whole = WriteHeldOut(temp.File("heldout.csv"), Shift("table", 0.5));
        string[] lines = File.ReadAllLines(whole);
        string parts = Path.Combine(temp.Path, "parts");
        Directory.CreateDirectory(parts);
        File.WriteAllLines(Path.Combine(parts, "part-00000.csv"), lines.Take(5001));
        File.WriteAllLines(Path.Combine(parts, "part-00001.csv"), lines.Take(1).Concat(lines.Skip(5001)));
        File.WriteAllText(Path.Combine(parts, "_SUCCESS"), string.Empty);

        ToolResult one = ToolRunner.Run("drift", "--manifest", Manifest, "--data", whole, "--json");
        ToolResult split = ToolRunner.Run("drift", "--manifest", Manifest, "--data", parts, "--json");
        Assert.True(split.ExitCode == Cli.CheckFailed, split.ToString());
        Assert.Equal(one.Output, split.Output);
    }

    [Fact]
    public async Task Parquet_reads_as_the_same_rows_nulls_as_missing_values()
    {
        using TempDirectory temp = ToolRunner.Temp();
        // Some missing depths: an empty CSV cell, a null in Parquet.
        string csv = WriteHeldOut(temp.File("live.csv"), (row, cells) =>
        {
            Shift("table", 0.5)(row, cells);
            cells[Column("depth")] = row % 30 == 0 ? string.Empty : cells[Column("depth")];
        });
        string[][] rows = File.ReadLines(csv).Skip(1).Select(l => l.Split(',')).ToArray();
        string parquet = temp.File("live.parquet");
        await using (FileStream stream = File.Create(parquet))
        {
            DataField[] fields = Header.Select(c => c is "cut" or "color" or "clarity" ? (DataField)new DataField<string>(c) : new DataField<double?>(c)).ToArray();
            await using ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
            // Two row groups, so that the reader crosses a group boundary.
            foreach (string[][] group in new[] { rows[..5000], rows[5000..] })
            {
                using ParquetRowGroupWriter rowGroup = writer.CreateRowGroup();
                for (int c = 0; c < fields.Length; c++)
                {
                    if (fields[c] is DataField<string> text)
                    {
                        await rowGroup.WriteAsync(text, group.Select(r => r[c].Trim('"')).ToArray());
                    }
                    else
                    {
                        double?[] values = group.Select(r => r[c].Length == 0 ? (double?)null : double.Parse(r[c], CultureInfo.InvariantCulture)).ToArray();
                        await rowGroup.WriteAsync<double>(fields[c], values.AsMemory());
                    }
                }
            }
        }

        ToolResult fromCsv = ToolRunner.Run("drift", "--manifest", Manifest, "--data", csv, "--json");
        ToolResult fromParquet = ToolRunner.Run("drift", "--manifest", Manifest, "--data", parquet, "--json");
        Assert.True(fromParquet.ExitCode == Cli.CheckFailed, fromParquet.ToString());
        Assert.Equal(fromCsv.Output, fromParquet.Output);
        using JsonDocument json = JsonDocument.Parse(fromParquet.Output);
        JsonElement depth = json.RootElement.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "depth");
        Assert.Equal(360d / 10_788, depth.GetProperty("missingRate").GetDouble(), 12);
    }

    [Fact]
    public void The_html_report_embeds_one_chart_per_feature_drifted_first_and_nothing_external()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string data = WriteHeldOut(temp.File("shifted.csv"), Shift("depth", 0.5));
        string report = temp.File("drift.html");
        ToolResult result = ToolRunner.Run("drift", "--manifest", Manifest, "--data", data, "--report", report);

        Assert.True(result.ExitCode == Cli.CheckFailed, result.ToString());
        Assert.Contains("report: " + report, result.Output);
        string html = File.ReadAllText(report);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Equal(Features.Length, Regex.Matches(html, "<svg ").Count);
        Assert.Equal(Features.Length, Regex.Matches(html, "<article ").Count);

        // Cards in order: the drifted feature first, then the others in manifest order.
        string[] cards = Regex.Matches(html, "<article class=\"card (\\w+)\" id=\"f-(\\w+)\"").Select(m => m.Groups[2].Value + ":" + m.Groups[1].Value).ToArray();
        Assert.Equal(new[] { "depth:drifted", "carat:stable", "cut:stable", "color:stable", "clarity:stable", "table:stable", "x:stable", "y:stable", "z:stable" }, cards);

        // Self-contained: no link, script, stylesheet or image from anywhere else.
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);

        Assert.Contains("1 of 9 features drifted", html);
        Assert.Contains("KS 0.", html);
    }

    [Fact]
    public void Json_figures_equal_a_DriftMonitor_fed_the_same_rows_through_the_generated_record()
    {
        using TempDirectory temp = ToolRunner.Temp();
        // Several things at once, so every figure is exercised: a shifted carat, unknown colors, a few missing depths.
        string data = WriteHeldOut(temp.File("mixed.csv"), (row, cells) =>
        {
            Shift("carat", 0.3)(row, cells);
            cells[Column("color")] = row % 40 == 0 ? "\"Q\"" : cells[Column("color")];
            cells[Column("depth")] = row % 50 == 0 ? "NA" : cells[Column("depth")];
        });

        ToolResult result = ToolRunner.Run("drift", "--manifest", Manifest, "--data", data, "--json");
        Assert.True(result.ExitCode is Cli.Ok or Cli.CheckFailed, result.ToString());
        using JsonDocument json = JsonDocument.Parse(result.Output);

        // The other path: the record's generated ReadInputs, as a service would monitor (NaN stands for a missing depth
        // in a double member: the record has no nullable member, and ReadInputs passes NaN through as missing).
        using var monitor = new DriftMonitor<LiveDiamond>();
        using (SepReader reader = Sep.Reader(o => o with { Unescape = true }).FromFile(data))
        {
            foreach (SepReader.Row row in reader)
            {
                string depth = row["depth"].ToString();
                monitor.Add(new LiveDiamond
                {
                    Carat = row["carat"].Parse<double>(),
                    Cut = row["cut"].ToString(),
                    Color = row["color"].ToString(),
                    Clarity = row["clarity"].ToString(),
                    Depth = depth == "NA" ? double.NaN : double.Parse(depth, CultureInfo.InvariantCulture),
                    Table = row["table"].Parse<double>(),
                    X = row["x"].Parse<double>(),
                    Y = row["y"].Parse<double>(),
                    Z = row["z"].Parse<double>(),
                });
            }
        }

        DriftReport expected = monitor.Snapshot();
        Assert.Equal(expected.Rows, json.RootElement.GetProperty("rows").GetInt64());
        Assert.Equal(expected.AnyDrifted, json.RootElement.GetProperty("drifted").GetBoolean());
        Assert.True(expected["carat"].Drifted && expected["color"].Drifted && expected["depth"].LiveMissingRate > 0, "the mixed data should exercise drift, unknowns and missing values");
        var seen = new HashSet<string>();
        foreach (JsonElement feature in json.RootElement.GetProperty("features").EnumerateArray())
        {
            string name = feature.GetProperty("name").GetString()!;
            seen.Add(name);
            FeatureDrift e = expected[name];
            Assert.Equal(Reports.DriftFormat.Status(e.Status), feature.GetProperty("status").GetString());
            Assert.Equal(e.Rows, feature.GetProperty("rows").GetInt64());
            Close(e.Psi, feature, "psi", name);
            Close(e.Ks, feature, "ks", name);
            Close(e.KsCritical, feature, "ksCritical", name);
            Close(e.MeanShift, feature, "meanShift", name);
            Close(e.LiveMissingRate, feature, "missingRate", name);
            Close(e.BaselineMissingRate, feature, "baselineMissingRate", name);
            Close(e.IsCategorical ? e.UnknownRate : null, feature, "unknownRate", name);
            Assert.Equal(e.Reasons, feature.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        }

        Assert.Equal(Features.Order(), seen.Order());
    }

    private static void Close(double? expected, JsonElement feature, string property, string name)
    {
        JsonElement value = feature.GetProperty(property);
        if (expected is not double e || double.IsNaN(e))
        {
            Assert.True(value.ValueKind == JsonValueKind.Null, $"{name}.{property}: expected null, got {value}");
            return;
        }

        Assert.True(Math.Abs(e - value.GetDouble()) <= 1e-12, $"{name}.{property}: monitor {e:R}, CLI {value.GetDouble():R}");
    }

    internal static int Column(string name) => Array.IndexOf(Header, name);

    internal static readonly string[] Header = File.ReadLines(ToolRunner.Repo("samples", "Diamonds", "data", "diamonds.csv")).First().Split(',').Select(c => c.Trim('"')).ToArray();

    /// <summary>Adds <paramref name="stds"/> training standard deviations (from the manifest's baseline) to a column.</summary>
    internal static Action<int, string[]> Shift(string feature, double stds)
    {
        double std = NormGuard.Manifest.Load(Manifest).Features.Single(f => f.Name == feature).Stats!.Std!.Value;
        int column = Column(feature);
        return (_, cells) => cells[column] = (double.Parse(cells[column], CultureInfo.InvariantCulture) + (stds * std)).ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>A seeded random choice of <paramref name="count"/> of the 10,788 held-out rows, by index.</summary>
    private static Func<int, bool> RandomRows(int count, int seed)
    {
        var random = new Random(seed);
        var chosen = new HashSet<int>();
        while (chosen.Count < count)
        {
            chosen.Add(random.Next(10_788));
        }

        return chosen.Contains;
    }

    /// <summary>The sample's held-out rows (split.csv says "test"): 10,788 diamonds the manifest was not fitted on,
    /// written as CSV, each row's cells first passed to <paramref name="change"/> with the row's index; only the rows
    /// <paramref name="keep"/> accepts, when it is given.</summary>
    internal static string WriteHeldOut(string path, Action<int, string[]>? change = null, Func<int, bool>? keep = null)
    {
        string[] lines = File.ReadAllLines(ToolRunner.Repo("samples", "Diamonds", "data", "diamonds.csv"));
        string[] split = File.ReadAllLines(ToolRunner.Repo("samples", "Diamonds", "data", "split.csv"));
        var output = new List<string> { lines[0] };
        int row = 0;
        for (int i = 1; i < lines.Length; i++)
        {
            if (split[i] != "test")
            {
                continue;
            }

            // The sample's cells hold no commas (quoted categories are single words or "Very Good").
            string[] cells = lines[i].Split(',');
            int index = row++;
            if (keep is not null && !keep(index))
            {
                continue;
            }

            change?.Invoke(index, cells);
            output.Add(string.Join(',', cells));
        }

        File.WriteAllLines(path, output);
        return path;
    }
}
