using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Threading.Tasks;
using NormGuard.Tool.Verification;
using Parquet;
using Parquet.Schema;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tool.Tests;

/// <summary>End-to-end tests of every <c>normguard</c> command and exit code (0 ok, 2 check failed, 1 usage or input error).</summary>
public sealed class CliTests(ITestOutputHelper output)
{
    private const string Template = """
        {
          "format": "normguard.manifest/1",
          "featureSet": "probe",
          "profile": "sklearn",
          "features": [
            { "name": "x", "steps": [ { "op": "zscore" } ] },
            { "name": "y", "steps": [ { "op": "log1p" }, { "op": "minmax" } ] },
            { "name": "cat", "steps": [ { "op": "onehot" } ] }
          ]
        }
        """;

    private const string FittedAt = "2026-01-02T03:04:05Z";

    // ---- fit -------------------------------------------------------------------------------------------------------

    [Fact]
    public void Fit_without_a_split_option_fits_all_rows_warns_and_records_split_all()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string data = WriteProbeCsv(temp.File("probe.csv"), Probe(300));
        ToolResult result = Run("fit", "--data", data, "--template", WriteTemplate(temp), "--out", temp.File("m.json"), "--fitted-at", FittedAt);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warning: no split option", result.Error, StringComparison.Ordinal);
        Assert.Contains("NG0005", result.Error, StringComparison.Ordinal);
        Assert.Contains("\"split\": \"all\"", File.ReadAllText(temp.File("m.json")), StringComparison.Ordinal);
        Manifest manifest = Manifest.Load(temp.File("m.json"));
        Assert.Equal(DataSplit.All, manifest.Fit!.Split);
        Assert.Equal(300, manifest.Fit.Rows);
        Assert.Equal(["a", "b", "c"], ((OneHotStep)manifest.Features[2].Steps[0]).Categories);
    }

    [Fact]
    public void Fit_names_the_file_and_column_of_a_missing_column()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string data = WriteProbeCsv(temp.File("probe.csv"), Probe(20));
        string template = temp.File("t.json");
        File.WriteAllText(template, Template.Replace("\"name\": \"x\"", "\"name\": \"width\"", StringComparison.Ordinal));

        ToolResult result = Run("fit", "--data", data, "--template", template, "--out", temp.File("m.json"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("probe.csv: no column 'width'", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("m.json")));
    }

    [Fact]
    public void Fit_names_the_file_line_and_column_of_a_non_numeric_cell()
    {
        using TempDirectory temp = ToolRunner.Temp();
        List<ProbeRow> rows = Probe(20);
        string data = WriteProbeCsv(temp.File("probe.csv"), rows, (row, column, text) => row == 2 && column == "x" ? "12.5kg" : text);

        ToolResult result = Run("fit", "--data", data, "--template", WriteTemplate(temp), "--out", temp.File("m.json"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("probe.csv(4,2): column 'x' holds \"12.5kg\", which is not a number", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("header only", "id,x,y,cat,split\n", "no data rows")]
    [InlineData("zero bytes", "", "empty")]
    public void Fit_rejects_an_empty_file(string what, string content, string message)
    {
        using TempDirectory temp = ToolRunner.Temp();
        File.WriteAllText(temp.File("empty.csv"), content);

        ToolResult result = Run("fit", "--data", temp.File("empty.csv"), "--template", WriteTemplate(temp), "--out", temp.File("m.json"));

        output.WriteLine(what + ": " + result);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("empty.csv", result.Error, StringComparison.Ordinal);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_names_the_line_and_column_of_a_template_step_with_an_unknown_op()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string data = WriteProbeCsv(temp.File("probe.csv"), Probe(20));
        string template = temp.File("t.json");
        File.WriteAllText(template, Template.Replace("{ \"op\": \"zscore\" }", "{ \"op\": \"squash\" }", StringComparison.Ordinal));

        ToolResult result = Run("fit", "--data", data, "--template", template, "--out", temp.File("m.json"));

        output.WriteLine(result.ToString());
        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"t\.json\(6,\d+\): .*squash", result.Error);
    }

    [Fact]
    public void Fit_with_a_seeded_holdout_is_deterministic_and_the_seed_chooses_the_rows()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string data = WriteProbeCsv(temp.File("probe.csv"), Probe(400));
        string template = WriteTemplate(temp);
        string Fit(string seed, string name)
        {
            ToolResult result = Run("fit", "--data", data, "--template", template, "--holdout", "0.25", "--seed", seed, "--out", temp.File(name), "--fitted-at", FittedAt);
            Assert.Equal(0, result.ExitCode);
            Assert.Equal(string.Empty, result.Error);
            return File.ReadAllText(temp.File(name));
        }

        string first = Fit("7", "a.json"), again = Fit("7", "b.json"), other = Fit("8", "c.json");

        Assert.Equal(first, again);
        Manifest a = Manifest.Parse(first), c = Manifest.Parse(other);
        Assert.Equal(DataSplit.Train, a.Fit!.Split);
        Assert.InRange(a.Fit.Rows, 250, 350);
        Assert.NotEqual(((ZScoreStep)a.Features[0].Steps[0]).Mean, ((ZScoreStep)c.Features[0].Steps[0]).Mean);
    }

    [Fact]
    public async Task Fit_of_a_parquet_file_equals_the_fit_of_the_same_data_as_csv()
    {
        using TempDirectory temp = ToolRunner.Temp();
        List<ProbeRow> rows = Probe(500);
        string csv = WriteProbeCsv(temp.File("probe.csv"), rows);
        string parquet = temp.File("probe.parquet");
        await WriteProbeParquet(parquet, rows);
        string template = WriteTemplate(temp);

        ToolResult fromCsv = Run("fit", "--data", csv, "--template", template, "--split-column", "split", "--train-value", "train", "--out", temp.File("csv.json"));
        ToolResult fromParquet = Run("fit", "--data", parquet, "--template", template, "--split-column", "split", "--train-value", "train", "--out", temp.File("parquet.json"));

        Assert.Equal(0, fromCsv.ExitCode);
        Assert.Equal(0, fromParquet.ExitCode);
        Manifest a = Manifest.Load(temp.File("csv.json")), b = Manifest.Load(temp.File("parquet.json"));
        Assert.Equal(rows.Count(r => r.Split == "train"), b.Fit!.Rows);
        Assert.Equal(WithoutProvenance(a), WithoutProvenance(b));
    }

    [Fact]
    public void Fit_of_a_directory_of_part_files_equals_the_single_file_fit()
    {
        using TempDirectory temp = ToolRunner.Temp();
        List<ProbeRow> rows = Probe(300);
        string single = WriteProbeCsv(temp.File("probe.csv"), rows);
        string parts = Path.Combine(temp.Path, "parts");
        Directory.CreateDirectory(parts);
        WriteProbeCsv(Path.Combine(parts, "part-00000.csv"), rows.Take(137).ToList());
        WriteProbeCsv(Path.Combine(parts, "part-00001.csv"), rows.Skip(137).ToList());
        File.WriteAllText(Path.Combine(parts, "_SUCCESS"), string.Empty);
        string template = WriteTemplate(temp);

        ToolResult one = Run("fit", "--data", single, "--template", template, "--holdout", "0.2", "--seed", "3", "--out", temp.File("one.json"));
        ToolResult many = Run("fit", "--data", parts, "--template", template, "--holdout", "0.2", "--seed", "3", "--out", temp.File("many.json"));

        Assert.Equal(0, one.ExitCode);
        Assert.Equal(0, many.ExitCode);
        Assert.Equal(WithoutProvenance(Manifest.Load(temp.File("one.json"))), WithoutProvenance(Manifest.Load(temp.File("many.json"))));
    }

    [Fact]
    public void Fit_with_previous_increments_the_version_and_summarizes_the_changes()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string template = WriteTemplate(temp);
        string before = WriteProbeCsv(temp.File("before.csv"), Probe(300));
        string after = WriteProbeCsv(temp.File("after.csv"), Probe(300, shiftX: 1.5));
        Assert.Equal(0, Run("fit", "--data", before, "--template", template, "--holdout", "0.2", "--out", temp.File("v1.json")).ExitCode);

        ToolResult result = Run("fit", "--data", after, "--template", template, "--holdout", "0.2", "--previous", temp.File("v1.json"), "--out", temp.File("v2.json"));

        output.WriteLine(result.ToString());
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, Manifest.Load(temp.File("v2.json")).Version);
        Assert.Contains("changes from v1 to v2:", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"x: mean \+1\.\d+ std", result.Output);
    }

    [Fact]
    public void Fit_with_a_template_reproduces_the_committed_scikit_learn_manifest_to_1e_12()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string committed = Golden("golden_sklearn_f64.normguard.json");

        ToolResult result = Run("fit", "--data", Golden("golden_sklearn_f64.train.csv"), "--template", committed, "--out", temp.File("m.json"));

        Assert.Equal(0, result.ExitCode);
        AssertParametersClose(Manifest.Load(committed), Manifest.Load(temp.File("m.json")));
    }

    [Fact]
    public void Fit_with_a_compiled_assembly_reproduces_the_committed_manifest_to_1e_12()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string committed = Golden("golden_onnx.normguard.json");

        ToolResult result = Run("fit", "--data", Golden("golden_onnx.train.csv"), "--assembly", NormGuardTests.AssemblyPath, "--feature-set", "golden_onnx", "--out", temp.File("m.json"));

        output.WriteLine(result.ToString());
        Assert.Equal(0, result.ExitCode);
        Manifest refit = Manifest.Load(temp.File("m.json"));
        Assert.Equal(NormalizationProfile.Onnx, refit.Profile);
        Assert.Equal(ManifestDType.Float32, refit.DType);
        AssertParametersClose(Manifest.Load(committed), refit);
    }

    [Fact]
    public void Fit_with_a_compiled_assembly_handles_integer_one_hot_members()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string committed = Golden("golden_sklearn_f64.normguard.json");

        ToolResult result = Run("fit", "--data", Golden("golden_sklearn_f64.train.csv"), "--assembly", NormGuardTests.AssemblyPath, "--feature-set", "golden_sklearn_f64", "--out", temp.File("m.json"));

        output.WriteLine(result.ToString());
        Assert.Equal(0, result.ExitCode);
        AssertParametersClose(Manifest.Load(committed), Manifest.Load(temp.File("m.json")));
    }

    // ---- show ------------------------------------------------------------------------------------------------------

    [Fact]
    public void Show_prints_the_header_and_one_row_per_feature()
    {
        string path = Golden("golden_sklearn_f64.normguard.json");
        Manifest manifest = Manifest.Load(path);

        ToolResult result = Run("show", path);

        output.WriteLine(result.Output);
        Assert.Equal(0, result.ExitCode);
        foreach (string expected in new[]
        {
            "golden_sklearn_f64", "sklearn", "float64", "train", "1,000", "golden_sklearn_f64.train.csv", "2026-11-26T00:00:00Z",
            "scikit-learn 1.2.1", manifest.Sha256, "log1p → zscore(mean 1.402, std 0.7459)", "minmax(min 5.761, max 97.91 to [-1, 2], clip)",
            "onehot(4: blue, green, red, violet; unknown allZeros)", "blue: 198", "median 5.02",
        })
        {
            Assert.Contains(expected, result.Output, StringComparison.Ordinal);
        }

        foreach (FeatureManifest feature in manifest.Features)
        {
            Assert.Contains(" " + feature.Name + " ", result.Output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("\u001b[", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_json_prints_the_canonical_json_that_the_sha256_covers()
    {
        string path = Golden("golden_sklearn_f32.normguard.json");

        ToolResult result = Run("show", path, "--json");

        Assert.Equal(0, result.ExitCode);
        string json = result.Output.TrimEnd('\r', '\n');
        Assert.StartsWith("{\"dtype\":\"float32\"", json, StringComparison.Ordinal);
        string sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(Manifest.Load(path).Sha256, sha);
    }

    [Fact]
    public void Show_names_a_missing_file_and_the_line_and_column_of_a_broken_manifest()
    {
        using TempDirectory temp = ToolRunner.Temp();
        ToolResult missing = Run("show", temp.File("nope.normguard.json"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("nope.normguard.json: no such file", missing.Error, StringComparison.Ordinal);

        string broken = temp.File("broken.json");
        File.WriteAllText(broken, File.ReadAllText(Golden("golden_sklearn_f64.normguard.json")).Replace("\"op\": \"maxabs\", \"maxabs\": ", "\"op\": \"maxabs\", \"maxabs\": \"x\" + ", StringComparison.Ordinal));
        ToolResult bad = Run("show", broken);
        output.WriteLine(bad.ToString());
        Assert.Equal(1, bad.ExitCode);
        Assert.Matches(@"broken\.json\(\d+,\d+\): ", bad.Error);
    }

    // ---- diff ------------------------------------------------------------------------------------------------------

    [Fact]
    public void Diff_reports_the_shift_in_old_std_and_fails_only_past_max_shift()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string template = WriteTemplate(temp);
        Assert.Equal(0, Run("fit", "--data", WriteProbeCsv(temp.File("a.csv"), Probe(400)), "--template", template, "--holdout", "0.2", "--out", temp.File("a.json")).ExitCode);
        Assert.Equal(0, Run("fit", "--data", WriteProbeCsv(temp.File("b.csv"), Probe(400, shiftX: 2)), "--template", template, "--holdout", "0.2", "--out", temp.File("b.json")).ExitCode);

        ToolResult same = Run("diff", temp.File("a.json"), temp.File("a.json"), "--max-shift", "0");
        ToolResult report = Run("diff", temp.File("a.json"), temp.File("b.json"));
        ToolResult failed = Run("diff", temp.File("a.json"), temp.File("b.json"), "--max-shift", "1");
        ToolResult passed = Run("diff", temp.File("a.json"), temp.File("b.json"), "--max-shift", "5");

        output.WriteLine(report.ToString());
        output.WriteLine(failed.ToString());
        Assert.Equal(0, same.ExitCode);
        Assert.Matches(@"│ x\s+│ same parameters │ \+0 ", same.Output);
        Assert.Matches(@"│ cat\s+│ same categories │", same.Output);
        Assert.Contains("3 features: 0 changed", same.Output, StringComparison.Ordinal);
        Assert.Equal(0, report.ExitCode);
        Assert.Matches(@"│ x\s+│ parameters changed │ \+[12]\.\d+ ", report.Output);
        Assert.Contains("zscore mean", report.Output, StringComparison.Ordinal);
        Assert.Equal(2, failed.ExitCode);
        Assert.Matches(@"check failed: 1 feature\(s\) shifted by more than --max-shift 1 std: x \(\+[12]\.\d+\)", failed.Error);
        Assert.Equal(0, passed.ExitCode);
    }

    [Fact]
    public void Diff_fails_on_structural_changes_only_when_asked()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string data = WriteProbeCsv(temp.File("a.csv"), Probe(200));
        string narrow = temp.File("narrow.json");
        File.WriteAllText(narrow, Template.Replace(",\n    { \"name\": \"cat\", \"steps\": [ { \"op\": \"onehot\" } ] }", string.Empty, StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal));
        Assert.Equal(0, Run("fit", "--data", data, "--template", WriteTemplate(temp), "--holdout", "0.2", "--out", temp.File("wide.json")).ExitCode);
        Assert.Equal(0, Run("fit", "--data", data, "--template", narrow, "--holdout", "0.2", "--out", temp.File("narrow.normguard.json")).ExitCode);
        Assert.Equal(2, Manifest.Load(temp.File("narrow.normguard.json")).Features.Count);

        ToolResult report = Run("diff", temp.File("wide.json"), temp.File("narrow.normguard.json"));
        ToolResult strict = Run("diff", temp.File("wide.json"), temp.File("narrow.normguard.json"), "--fail-on-structure");

        Assert.Equal(0, report.ExitCode);
        Assert.Matches(@"│ cat\s+│ removed", report.Output);
        Assert.Equal(2, strict.ExitCode);
        Assert.Contains("cat (removed)", strict.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_of_two_feature_sets_is_an_input_error()
    {
        ToolResult result = Run("diff", Golden("golden_sklearn_f64.normguard.json"), Golden("golden_sklearn_f32.normguard.json"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'golden_sklearn_f64'", result.Error, StringComparison.Ordinal);
        Assert.Contains("'golden_sklearn_f32'", result.Error, StringComparison.Ordinal);
        Assert.Contains("one feature set", result.Error, StringComparison.Ordinal);
    }

    // ---- verify ----------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("golden_sklearn_f64")]
    [InlineData("golden_sklearn_f32")]
    public void Verify_passes_on_the_committed_scikit_learn_vectors(string name)
    {
        ToolResult result = Run("verify", "--manifest", Golden(name + ".normguard.json"), "--vectors", Golden(name + ".vectors.csv"));

        output.WriteLine(result.ToString());
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"4\d,\d{3} cells compared \(bit for bit\), 0 mismatched", result.Output);
        Assert.Matches(@"\d+ cells skipped: expected ""error""", result.Output);
    }

    [Fact]
    public void Verify_lists_a_tampered_vector_and_exits_2()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string[] lines = File.ReadAllLines(Golden("golden_sklearn_f64.vectors.csv"));
        int column = Array.IndexOf(lines[0].Split(','), "out:M");
        string[] cells = lines[20].Split(',');
        cells[column] = cells[column] == "0.5" ? "0.25" : "0.5";
        lines[20] = string.Join(',', cells);
        File.WriteAllLines(temp.File("v.csv"), lines);

        ToolResult result = Run("verify", "--manifest", Golden("golden_sklearn_f64.normguard.json"), "--vectors", temp.File("v.csv"));

        output.WriteLine(result.ToString());
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(", 1 mismatched", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"│ 20\s+│ 21\s+│ out:M\s+│ 0\.(5|25)\s+│", result.Output);
        Assert.Contains(cells[column] == "0.5" ? "0x3F000000" : "0x3E800000", result.Output, StringComparison.Ordinal);
        Assert.Contains("mismatches per column: out:M 1", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_within_a_tolerance_accepts_an_output_one_ulp_away()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string[] lines = File.ReadAllLines(Golden("golden_sklearn_f32.vectors.csv"));
        int column = Array.IndexOf(lines[0].Split(','), "out:Z");
        string[] cells = lines[30].Split(',');
        float value = float.Parse(cells[column], CultureInfo.InvariantCulture);
        cells[column] = MathF.BitIncrement(value).ToString("R", CultureInfo.InvariantCulture);
        lines[30] = string.Join(',', cells);
        File.WriteAllLines(temp.File("v.csv"), lines);
        string manifest = Golden("golden_sklearn_f32.normguard.json");

        Assert.Equal(2, Run("verify", "--manifest", manifest, "--vectors", temp.File("v.csv")).ExitCode);
        Assert.Equal(0, Run("verify", "--manifest", manifest, "--vectors", temp.File("v.csv"), "--tolerance-ulps", "1").ExitCode);
    }

    [Theory]
    [InlineData("unknown column", "Extra", 1, "Extra", @"v\.csv\(1,39\): column 'Extra' is not a feature of 'golden_sklearn_f64'")]
    [InlineData("non-numeric cell", "Z", 3, "1.5.2", @"v\.csv\(4,1\): column 'Z' holds ""1\.5\.2"", which is not a number")]
    [InlineData("unknown category", "Code", 2, "5", @"v\.csv\(3,15\): column 'Code': feature 'Code' has no category ""5"" \(categories: 3, 7, 11, 42\)")]
    [InlineData("bad expected cell", "out:Z", 2, "n/a", @"v\.csv\(3,17\): column 'out:Z' holds ""n/a"", which is neither a number nor ""error""")]
    public void Verify_names_the_file_line_and_column_of_bad_input(string what, string column, int row, string text, string message)
    {
        using TempDirectory temp = ToolRunner.Temp();
        List<string> lines = File.ReadLines(Golden("golden_sklearn_f64.vectors.csv")).Take(6).ToList();
        if (row == 1)
        {
            lines = lines.Select((l, i) => l + "," + (i == 0 ? column : text)).ToList();
        }
        else
        {
            string[] cells = lines[row].Split(',');
            cells[Array.IndexOf(lines[0].Split(','), column)] = text;
            lines[row] = string.Join(',', cells);
        }

        File.WriteAllLines(temp.File("v.csv"), lines);

        ToolResult result = Run("verify", "--manifest", Golden("golden_sklearn_f64.normguard.json"), "--vectors", temp.File("v.csv"));

        output.WriteLine(what + ": " + result);
        Assert.Equal(1, result.ExitCode);
        Assert.Matches(message, result.Error);
    }

    [Fact]
    public void Verify_of_missing_or_empty_files_and_missing_options_is_an_input_error()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string manifest = Golden("golden_sklearn_f64.normguard.json");
        File.WriteAllText(temp.File("empty.csv"), string.Empty);
        File.WriteAllText(temp.File("header.csv"), File.ReadLines(Golden("golden_sklearn_f64.vectors.csv")).First() + "\n");

        ToolResult noFile = Run("verify", "--manifest", manifest, "--vectors", temp.File("nope.csv"));
        ToolResult empty = Run("verify", "--manifest", manifest, "--vectors", temp.File("empty.csv"));
        ToolResult header = Run("verify", "--manifest", manifest, "--vectors", temp.File("header.csv"));
        ToolResult usage = Run("verify", "--manifest", manifest);

        Assert.Equal(1, noFile.ExitCode);
        Assert.Contains("nope.csv: no such file", noFile.Error, StringComparison.Ordinal);
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("empty.csv: the file is empty", empty.Error, StringComparison.Ordinal);
        Assert.Equal(1, header.ExitCode);
        Assert.Contains("header.csv: no vector rows", header.Error, StringComparison.Ordinal);
        Assert.Equal(1, usage.ExitCode);
        Assert.Contains("--vectors", usage.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_counts_inputs_that_both_sides_reject_as_agreement()
    {
        using TempDirectory temp = ToolRunner.Temp();
        List<string> lines = File.ReadLines(Golden("golden_sklearn_f64.vectors.csv")).Take(4).ToList();
        string[] header = lines[0].Split(',');
        string[] cells = lines[2].Split(',');
        cells[Array.IndexOf(header, "Code")] = "5";
        foreach (string column in new[] { "out:Code=3", "out:Code=7", "out:Code=11", "out:Code=42" })
        {
            cells[Array.IndexOf(header, column)] = "error";
        }

        lines[2] = string.Join(',', cells);
        File.WriteAllLines(temp.File("v.csv"), lines);

        ToolResult result = Run("verify", "--manifest", Golden("golden_sklearn_f64.normguard.json"), "--vectors", temp.File("v.csv"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("4 cells rejected by both", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_reads_empty_cells_as_missing_values_under_each_feature_policy()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string manifest = ToolRunner.Repo("tests", "NormGuard.Tests", "Manifests", "policies.normguard.json");
        const string Header = "Propagated,Filled,Required,Level,Tag,Active,out:Propagated,out:Filled,out:Required,out:Level=Low,out:Level=High,out:Tag=a,out:Tag=b,out:Active\n";
        File.WriteAllText(temp.File("ok.csv"), Header +
            ",,8,,a,true,nan,0.75,1,nan,nan,1,0,1\n" +
            "12,2,-4,High,zzz,false,1,0.5,-0.5,0,1,0,0,0\n");
        File.WriteAllText(temp.File("required.csv"), Header + "12,2,,High,a,false,1,0.5,0,0,1,1,0,0\n");

        ToolResult ok = Run("verify", "--manifest", manifest, "--vectors", temp.File("ok.csv"));
        ToolResult required = Run("verify", "--manifest", manifest, "--vectors", temp.File("required.csv"));

        output.WriteLine(ok.ToString());
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("16 cells compared (bit for bit), 0 mismatched", ok.Output, StringComparison.Ordinal);
        Assert.Equal(1, required.ExitCode);
        Assert.Contains("required.csv(2,3): column 'Required': feature 'Required' is missing, and its missing policy is \"error\"", required.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_counts_nan_as_missing_under_each_policy_and_infinity_as_a_value()
    {
        // sensor: Temperature "error", Pressure (min-max with clip) and Current (robust, clip) "propagate", Vibration
        // and Load fills; as the generated code does for float members.
        using TempDirectory temp = ToolRunner.Temp();
        string manifest = ToolRunner.Repo("tests", "NormGuard.Tests", "Manifests", "sensor.normguard.json");
        const string Header = "Temperature,Pressure,Vibration,Current,Load,out:Temperature,out:Pressure,out:Vibration,out:Current,out:Load\n";
        File.WriteAllText(temp.File("ok.csv"), Header +
            "inf,-inf,0.125,12,2,inf,-1,1,0,2\n" +
            "71.5,nan,nan,nan,nan,0,nan,0.5,nan,1\n" +
            "nan,-inf,0.125,12,2,error,-1,1,0,2\n");
        File.WriteAllText(temp.File("bad.csv"), Header + "nan,-inf,0.125,12,2,0,-1,1,0,2\n");

        ToolResult ok = Run("verify", "--manifest", manifest, "--vectors", temp.File("ok.csv"));
        ToolResult bad = Run("verify", "--manifest", manifest, "--vectors", temp.File("bad.csv"));

        output.WriteLine(ok.ToString());
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains(", 0 mismatched", ok.Output, StringComparison.Ordinal);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("bad.csv(2,1): column 'Temperature': feature 'Temperature' is NaN, which counts as missing, and its missing policy is \"error\"", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_reads_an_integer_category_written_as_a_float()
    {
        using TempDirectory temp = ToolRunner.Temp();
        List<string> lines = File.ReadLines(Golden("golden_sklearn_f64.vectors.csv")).Take(3).ToList();
        int code = Array.IndexOf(lines[0].Split(','), "Code");
        string[] cells = lines[1].Split(',');
        cells[code] += ".0";
        lines[1] = string.Join(',', cells);
        File.WriteAllLines(temp.File("v.csv"), lines);

        ToolResult result = Run("verify", "--manifest", Golden("golden_sklearn_f64.normguard.json"), "--vectors", temp.File("v.csv"));

        Assert.Equal(0, result.ExitCode);
    }

    // ---- help and usage --------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("", "fit|show|diff|verify|import")]
    [InlineData("import", "sklearn|onnx|mlnet|spark")]
    [InlineData("fit", "--data|--template|--assembly|--feature-set|--split-column|--train-value|--split-file|--holdout|--seed|--profile|--version|--previous|--out|--fitted-at|--exact-limit")]
    [InlineData("show", "<manifest>|--json")]
    [InlineData("diff", "<old>|<new>|--max-shift|--fail-on-structure")]
    [InlineData("verify", "--manifest|--vectors|--tolerance-ulps")]
    public void Help_on_every_command_lists_its_options(string command, string mentions)
    {
        string[] args = command.Length == 0 ? ["--help"] : [command, "--help"];

        ToolResult result = Run(args);

        Assert.Equal(0, result.ExitCode);
        foreach (string mention in mentions.Split('|'))
        {
            Assert.Contains(mention, result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_unknown_command_or_option_is_a_usage_error()
    {
        Assert.Equal(1, Run("frobnicate").ExitCode);
        Assert.Equal(1, Run("show", Golden("golden_sklearn_f64.normguard.json"), "--colour").ExitCode);
        Assert.Equal(1, Run("diff", Golden("golden_sklearn_f64.normguard.json")).ExitCode);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    internal static string Golden(string name) => ToolRunner.Repo("tests", "NormGuard.Tests", "Golden", name);

    private ToolResult Run(params string[] args)
    {
        ToolResult result = ToolRunner.Run(args);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        return result;
    }

    private static string WriteTemplate(TempDirectory temp)
    {
        string path = temp.File("probe.template.json");
        File.WriteAllText(path, Template);
        return path;
    }

    private sealed record ProbeRow(int Id, double X, double Y, string Cat, string Split);

    /// <summary>Deterministic rows: x about N(10, 3) (+ shiftX std), y positive and skewed, three categories, a 75/25 split.</summary>
    private static List<ProbeRow> Probe(int count, double shiftX = 0)
    {
        var random = new Random(12345);
        var rows = new List<ProbeRow>(count);
        for (int i = 0; i < count; i++)
        {
            double normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            double x = 10 + (3 * (normal + shiftX));
            double y = Math.Exp(random.NextDouble() * 4) - 0.5;
            string cat = (i % 7) switch { 0 or 1 or 2 => "a", 3 or 4 => "b", _ => "c" };
            rows.Add(new ProbeRow(i, x, y, cat, random.NextDouble() < 0.75 ? "train" : "test"));
        }

        return rows;
    }

    private static string WriteProbeCsv(string path, List<ProbeRow> rows, Func<int, string, string, string>? edit = null)
    {
        edit ??= (_, _, text) => text;
        var csv = new StringBuilder("id,x,y,cat,split\n");
        for (int i = 0; i < rows.Count; i++)
        {
            ProbeRow r = rows[i];
            csv.Append(edit(i, "id", r.Id.ToString(CultureInfo.InvariantCulture))).Append(',')
                .Append(edit(i, "x", r.X.ToString("R", CultureInfo.InvariantCulture))).Append(',')
                .Append(edit(i, "y", r.Y.ToString("R", CultureInfo.InvariantCulture))).Append(',')
                .Append(edit(i, "cat", r.Cat)).Append(',')
                .Append(edit(i, "split", r.Split)).Append('\n');
        }

        File.WriteAllText(path, csv.ToString());
        return path;
    }

    private static async Task WriteProbeParquet(string path, List<ProbeRow> rows)
    {
        var id = new DataField<long>("id");
        var x = new DataField<double>("x");
        var y = new DataField<double>("y");
        var cat = new DataField<string>("cat");
        var split = new DataField<string>("split");
        await using FileStream stream = File.Create(path);
        await using ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, x, y, cat, split), stream);

        // Two row groups, so that the reader crosses a group boundary.
        foreach (List<ProbeRow> group in new[] { rows.Take(rows.Count / 2).ToList(), rows.Skip(rows.Count / 2).ToList() })
        {
            using ParquetRowGroupWriter rowGroup = writer.CreateRowGroup();
            await rowGroup.WriteAsync<long>(id, group.Select(r => (long)r.Id).ToArray().AsMemory());
            await rowGroup.WriteAsync<double>(x, group.Select(r => r.X).ToArray().AsMemory());
            await rowGroup.WriteAsync<double>(y, group.Select(r => r.Y).ToArray().AsMemory());
            await rowGroup.WriteAsync(cat, group.Select(r => r.Cat).ToArray());
            await rowGroup.WriteAsync(split, group.Select(r => r.Split).ToArray());
        }
    }

    /// <summary>The canonical JSON of a manifest's content without its provenance (source path and hash differ by design).</summary>
    private static string WithoutProvenance(Manifest manifest) =>
        new Manifest { FeatureSet = manifest.FeatureSet, Version = manifest.Version, Profile = manifest.Profile, DType = manifest.DType, Features = manifest.Features }.ToCanonicalJson();

    private void AssertParametersClose(Manifest expected, Manifest actual)
    {
        Assert.Equal(expected.Features.Select(f => f.Name), actual.Features.Select(f => f.Name));
        double worst = 0;
        for (int f = 0; f < expected.Features.Count; f++)
        {
            string name = expected.Features[f].Name;
            Assert.Equal(expected.Features[f].Steps.Count, actual.Features[f].Steps.Count);
            for (int s = 0; s < expected.Features[f].Steps.Count; s++)
            {
                (double Want, double Got)[] pairs = (expected.Features[f].Steps[s], actual.Features[f].Steps[s]) switch
                {
                    (ZScoreStep a, ZScoreStep b) => [(a.Mean, b.Mean), (a.Std, b.Std)],
                    (MinMaxStep a, MinMaxStep b) => [(a.Min, b.Min), (a.Max, b.Max), (a.Low, b.Low), (a.High, b.High)],
                    (MaxAbsStep a, MaxAbsStep b) => [(a.MaxAbs, b.MaxAbs)],
                    (RobustStep a, RobustStep b) => [(a.Center, b.Center), (a.Scale, b.Scale), (a.Lower, b.Lower), (a.Upper, b.Upper)],
                    (ClipStep a, ClipStep b) => [(a.Min, b.Min), (a.Max, b.Max)],
                    (OneHotStep a, OneHotStep b) when a.Categories.SequenceEqual(b.Categories) => [],
                    (Log1pStep, Log1pStep) or (LogStep, LogStep) or (PassthroughStep, PassthroughStep) => [],
                    var other => throw new Xunit.Sdk.XunitException($"{name}: {other.Item1} vs {other.Item2}"),
                };
                foreach ((double want, double got) in pairs)
                {
                    double relative = want == got ? 0 : Math.Abs(want - got) / Math.Max(Math.Abs(want), Math.Abs(got));
                    worst = Math.Max(worst, relative);
                    Assert.True(relative <= 1e-12, $"{name}: {want:R} vs {got:R}");
                }
            }
        }

        output.WriteLine($"largest relative difference: {worst:E2}");
    }
}

/// <summary>
/// The reference interpreter behind <c>normguard verify</c> against the ground truth: scikit-learn's committed golden
/// vectors, and the code the NormGuard generator emitted for every feature set of NormGuard.Tests (all five profiles,
/// float32 and float64, every op, missing-value and unknown-category policies).
/// </summary>
public sealed class ManifestInterpreterTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("golden_sklearn_f64")]
    [InlineData("golden_sklearn_f32")]
    public void Reproduces_the_scikit_learn_golden_vectors_bit_for_bit(string name)
    {
        var interpreter = new ManifestInterpreter(Manifest.Load(CliTests.Golden(name + ".normguard.json")));
        string[] lines = File.ReadAllLines(CliTests.Golden(name + ".vectors.csv"));
        string[] header = lines[0].Split(',');
        int compared = 0, rejected = 0;
        var got = new float[interpreter.Width];
        var mismatches = new List<string>();
        foreach (string line in lines.Skip(1))
        {
            string[] cells = line.Split(',');
            foreach (FeatureProgram feature in interpreter.Features)
            {
                string input = cells[Array.IndexOf(header, feature.Name)];
                FeatureValue value = feature.Kind == FeatureKind.OneHot
                    ? FeatureValue.Of(input)
                    : FeatureValue.Of(interpreter.Float32Data ? ParseFloat(input) : ParseDouble(input));
                interpreter.Normalize(feature, value, got.AsSpan(feature.Offset, feature.Width));
            }

            for (int o = 0; o < interpreter.Width; o++)
            {
                string text = cells[Array.IndexOf(header, "out:" + interpreter.OutputColumns[o])];
                if (text == "error")
                {
                    rejected++;
                    continue;
                }

                compared++;
                float want = interpreter.Float32Data ? ParseFloat(text) : (float)ParseDouble(text);
                if (!(BitConverter.SingleToInt32Bits(want) == BitConverter.SingleToInt32Bits(got[o]) || (float.IsNaN(want) && float.IsNaN(got[o]))))
                {
                    mismatches.Add($"{interpreter.OutputColumns[o]}: {line} expected {want:R} got {got[o]:R}");
                }
            }
        }

        output.WriteLine($"{name}: {compared} cells compared, {rejected} rejected by scikit-learn, {mismatches.Count} mismatched");
        Assert.True(compared > 40_000, $"only {compared} cells compared");
        Assert.Empty(mismatches.Take(10));
    }

    [Fact]
    public void Matches_the_generated_code_of_every_feature_set_in_NormGuard_Tests()
    {
        var checkedSets = new List<string>();
        var vectorSets = new List<string>();
        long cells = 0, rejections = 0;
        foreach (Type type in NormGuardTests.FeatureRecords())
        {
            FeatureSetInfo info;
            try
            {
                info = (FeatureSetInfo)type.GetProperty("FeatureSet", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            }
            catch (TargetInvocationException)
            {
                continue; // a record without a manifest (it only fits)
            }

            var interpreter = new ManifestInterpreter(info.Manifest);
            Assert.Equal(info.OutputColumns, interpreter.OutputColumns);
            MethodInfo normalize = typeof(ManifestInterpreterTests).GetMethod(nameof(NormalizeOne), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type);
            List<(FeatureProgram Feature, MemberInfo Member, List<object?> Values)> inputs = interpreter.Features
                .Select(f => (f, Member(type, f.Name), new List<object?>()))
                .ToList();
            foreach ((FeatureProgram feature, MemberInfo member, List<object?> values) in inputs)
            {
                values.AddRange(Values(feature, member, info.Manifest.Features.First(f => f.Name == feature.Name)));
            }

            int rows = Math.Max(inputs.Max(i => i.Values.Count) * 3, 2000);
            var expected = new float[interpreter.Width];
            for (int r = 0; r < rows; r++)
            {
                object row = Activator.CreateInstance(type)!;
                var chosen = new object?[inputs.Count];
                for (int f = 0; f < inputs.Count; f++)
                {
                    chosen[f] = inputs[f].Values[((r * (f + 1)) + (f * 7)) % inputs[f].Values.Count];
                    Set(inputs[f].Member, row, chosen[f]);
                }

                float[]? actual;
                string? thrownBy;
                try
                {
                    actual = (float[])normalize.Invoke(null, [row])!;
                    thrownBy = null;
                }
                catch (TargetInvocationException exception) when (exception.InnerException is NormalizationException thrown)
                {
                    actual = null;
                    thrownBy = thrown.Feature;
                }

                string? rejectedBy = null;
                for (int f = 0; f < inputs.Count && rejectedBy is null; f++)
                {
                    FeatureProgram feature = inputs[f].Feature;
                    try
                    {
                        interpreter.Normalize(feature, ToValue(feature, chosen[f]), expected.AsSpan(feature.Offset, feature.Width));
                    }
                    catch (InterpreterRejection)
                    {
                        rejectedBy = feature.Name;
                    }
                }

                string described = string.Join(", ", inputs.Select((input, f) => input.Feature.Name + "=" + Describe(chosen[f])));
                Assert.True(thrownBy == rejectedBy, $"{info.Name} [{described}]: generated code threw for {thrownBy ?? "nothing"}, the interpreter for {rejectedBy ?? "nothing"}");
                if (actual is null)
                {
                    rejections++;
                    continue;
                }

                for (int o = 0; o < expected.Length; o++)
                {
                    bool same = BitConverter.SingleToInt32Bits(expected[o]) == BitConverter.SingleToInt32Bits(actual[o]) || (float.IsNaN(expected[o]) && float.IsNaN(actual[o]));
                    Assert.True(same, $"{info.Name} {info.OutputColumns[o]} [{described}]: generated {actual[o]:R} (0x{BitConverter.SingleToInt32Bits(actual[o]):X8}), interpreter {expected[o]:R} (0x{BitConverter.SingleToInt32Bits(expected[o]):X8})");
                    cells++;
                }
            }

            checkedSets.Add($"{info.Name} ({interpreter.ProfileName}, {(interpreter.Float32Data ? "float32" : "float64")}, {interpreter.Precision}, {rows} rows)");
            if (interpreter.Features.Any(f => f.Kind == FeatureKind.Vector))
            {
                vectorSets.Add(info.Name);
            }
        }

        output.WriteLine($"{cells} cells equal, {rejections} rows rejected by both, feature sets: {string.Join("; ", checkedSets)}");
        Assert.True(checkedSets.Count >= 7, "feature sets checked: " + string.Join("; ", checkedSets));

        // Every vector step and both missing policies: the records of tests/NormGuard.Tests/Vectors/GeneratedVectorRecords.cs.
        foreach (string set in new[] { "golden_vec_zscore_sklearn", "golden_vec_zscore_normguard", "golden_vec_center_sklearn", "golden_vec_l2", "golden_vec_l2_torch", "golden_vec_truncate_l2", "golden_vec_pca_whiten", "embedded_docs", "wide_vectors" })
        {
            Assert.Contains(set, vectorSets);
        }
        foreach (string profile in new[] { "normguard", "sklearn", "onnx", "mlnet", "spark" })
        {
            Assert.Contains(checkedSets, s => s.Contains("(" + profile + ",", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(0d, "0")]
    [InlineData(3d, "3")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(1.5e-10, "1.5e-10")]
    [InlineData(123456789012345680000d, "123456789012345680000")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1.25e300, "1.25e+300")]
    public void Writes_numbers_as_the_canonical_manifest_form(double value, string expected) =>
        Assert.Equal(expected, ManifestInterpreter.CanonicalNumber(value));

    private static float[] NormalizeOne<T>(T row)
        where T : INormalizable<T>
    {
        var destination = new float[T.Width];
        Normalizer.Normalize(in row, destination);
        return destination;
    }

    private static MemberInfo Member(Type type, string feature)
    {
        const BindingFlags Instance = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;
        IEnumerable<MemberInfo> members = type.GetProperties(Instance).Cast<MemberInfo>().Concat(type.GetFields(Instance));
        return members.First(m => (m.GetCustomAttribute<FeatureNameAttribute>()?.Name ?? m.Name) == feature && m is PropertyInfo { CanWrite: true } or FieldInfo);
    }

    private static void Set(MemberInfo member, object row, object? value)
    {
        if (member is PropertyInfo property)
        {
            property.SetValue(row, value);
        }
        else
        {
            ((FieldInfo)member).SetValue(row, value);
        }
    }

    private static Type TypeOf(MemberInfo member) => member is PropertyInfo p ? p.PropertyType : ((FieldInfo)member).FieldType;

    private static bool MayBeNull(MemberInfo member)
    {
        Type type = TypeOf(member);
        if (Nullable.GetUnderlyingType(type) is not null)
        {
            return true;
        }

        if (type.IsValueType)
        {
            return false;
        }

        var context = new NullabilityInfoContext();
        NullabilityInfo info = member is PropertyInfo p ? context.Create(p) : context.Create((FieldInfo)member);
        return info.WriteState == NullabilityState.Nullable;
    }

    /// <summary>Inputs for one member: edge values, the baseline's quantiles and a spread around it, categories and unknown ones, null.</summary>
    private static IEnumerable<object?> Values(FeatureProgram feature, MemberInfo member, FeatureManifest manifest)
    {
        Type type = Nullable.GetUnderlyingType(TypeOf(member)) ?? TypeOf(member);
        var values = new List<object?>();
        if (MayBeNull(member))
        {
            values.Add(null);
        }

        if (feature.Kind == FeatureKind.Vector)
        {
            values.AddRange(VectorValues(feature, manifest).Select(v => AsMember(type, v)));
            if (type != typeof(float[]))
            {
                values.Add(AsMember(type, [])); // an empty memory is a missing vector
            }

            return values;
        }

        if (feature.Kind == FeatureKind.OneHot)
        {
            if (type.IsEnum)
            {
                values.AddRange(Enum.GetValues(type).Cast<object>());
                values.Add(Enum.ToObject(type, 99));
            }
            else if (type == typeof(string))
            {
                values.AddRange(feature.Categories);
                values.Add("not-a-category");
            }
            else
            {
                values.AddRange(feature.Categories.Select(c => Convert.ChangeType(long.Parse(c, CultureInfo.InvariantCulture), type, CultureInfo.InvariantCulture)));
                values.Add(Convert.ChangeType(99, type, CultureInfo.InvariantCulture));
            }

            return values;
        }

        if (type == typeof(bool))
        {
            values.Add(true);
            values.Add(false);
            return values;
        }

        var numbers = new List<double> { 0, -0d, 1, -1, 0.5, -0.5, 2, 3, 100, -100, 1e-30, -1e-30, 1e30, 1e-300, 1e300, double.Epsilon, -0.9999999, -1.0000001 };
        if (type == typeof(double) || type == typeof(float))
        {
            numbers.AddRange([double.NaN, double.PositiveInfinity, double.NegativeInfinity]);
        }

        FeatureStats? stats = manifest.Stats;
        if (stats is not null)
        {
            numbers.AddRange(stats.Quantiles);
            numbers.AddRange(new[] { stats.Min, stats.Max }.Where(v => v is not null).Select(v => v!.Value));
            double mean = stats.Mean ?? 0, std = stats.Std is > 0 ? stats.Std.Value : 1;
            var random = new Random(feature.Name.Length * 31);
            for (int i = 0; i < 60; i++)
            {
                numbers.Add(mean + (std * ((random.NextDouble() * 12) - 6)));
            }
        }

        foreach (NormalizationStep step in manifest.Steps)
        {
            numbers.AddRange(step switch
            {
                MinMaxStep m => [m.Min, m.Max, m.Min - 1, m.Max + 1],
                ClipStep c => [c.Min, c.Max],
                _ => Array.Empty<double>(),
            });
        }

        foreach (double number in numbers)
        {
            if (type == typeof(double))
            {
                values.Add(number);
            }
            else if (type == typeof(float))
            {
                values.Add((float)number);
            }
            else if (type == typeof(decimal))
            {
                if (double.IsFinite(number) && Math.Abs(number) < 7.9e28)
                {
                    values.Add((decimal)number);
                }
            }
            else if (double.IsFinite(number) && Math.Abs(number) < 1e9)
            {
                values.Add(Convert.ChangeType(Math.Round(number), type, CultureInfo.InvariantCulture));
            }
        }

        return values;
    }

    /// <summary>
    /// Vectors of the native dimension: edge rows (zeros, −0, one nonzero, tiny, subnormal, under and over the
    /// scikit-learn norm floor, huge, norms that overflow float32, a unit vector), the fitted mean exactly and spread
    /// around it, uniform rows; then NaN and infinities inside a vector, and the wrong lengths (one short, one long, empty).
    /// </summary>
    private static IEnumerable<float[]> VectorValues(FeatureProgram feature, FeatureManifest manifest)
    {
        int d = feature.InputWidth;
        float[] Filled(float value) => Enumerable.Repeat(value, d).ToArray();
        float[] With(float[] vector, int index, float value)
        {
            vector[index] = value;
            return vector;
        }

        var random = new Random(d + feature.Name.Length);
        IReadOnlyList<double> mean = manifest.Steps.Select(step => step switch
        {
            CenterStep c => c.Mean,
            VectorZScoreStep z => z.Mean,
            PcaStep p => p.Mean,
            _ => null,
        }).FirstOrDefault(m => m is not null) ?? manifest.Stats?.MeanVector ?? Array.Empty<double>();
        if (mean.Count != d)
        {
            mean = new double[d];
        }

        float[] Around(double spread) => Enumerable.Range(0, d).Select(i => (float)(mean[i] + (spread * ((random.NextDouble() * 2) - 1)))).ToArray();

        yield return Filled(0f);
        yield return Filled(-0f);
        yield return With(Filled(0f), d / 2, 3f);
        yield return Filled(1e-30f);
        yield return Filled(float.Epsilon);
        yield return Filled(1e-7f);
        yield return Filled(1e-6f);
        yield return Filled(1e30f);
        yield return Filled(3e37f);
        yield return With(Filled(0f), 0, 1f);
        yield return mean.Select(m => (float)m).ToArray();
        for (int i = 0; i < 12; i++)
        {
            yield return Around(0.05 * (i + 1));
        }

        for (int i = 0; i < 6; i++)
        {
            yield return Enumerable.Range(0, d).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        }

        yield return With(Around(0.1), Math.Min(5, d - 1), float.NaN);
        yield return With(Around(0.1), 0, float.PositiveInfinity);
        yield return With(Around(0.1), d - 1, float.NegativeInfinity);
        yield return Around(0.1)[..(d - 1)];
        yield return [.. Around(0.1), 0.5f];
        yield return [];
    }

    // Boxed per branch: a conditional expression would convert the array to the memories' common type.
    private static object AsMember(Type type, float[] vector)
    {
        if (type == typeof(float[]))
        {
            return vector;
        }

        if (type == typeof(ReadOnlyMemory<float>))
        {
            return new ReadOnlyMemory<float>(vector);
        }

        return type == typeof(Memory<float>) ? new Memory<float>(vector) : throw new NotSupportedException($"no test vectors for a member of type {type}");
    }

    private static FeatureValue ToValue(FeatureProgram feature, object? value) => value switch
    {
        null => FeatureValue.MissingValue,
        float[] vector => FeatureValue.Of(vector),
        ReadOnlyMemory<float> memory => memory.IsEmpty ? FeatureValue.MissingValue : FeatureValue.Of(memory.ToArray()),
        Memory<float> memory => memory.IsEmpty ? FeatureValue.MissingValue : FeatureValue.Of(memory.ToArray()),
        string text => FeatureValue.Of(text),
        Enum member => FeatureValue.Of(member.ToString()),
        bool flag => FeatureValue.Of(flag ? 1d : 0d),
        double d => FeatureValue.Of(d),
        float f => FeatureValue.Of(f),
        _ when feature.Kind == FeatureKind.OneHot => FeatureValue.Of(Convert.ToString(value, CultureInfo.InvariantCulture)!),
        _ => FeatureValue.Of(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
    };

    private static string Describe(object? value) => value switch
    {
        null => "null",
        float[] vector => DescribeVector(vector),
        ReadOnlyMemory<float> memory => DescribeVector(memory.ToArray()),
        Memory<float> memory => DescribeVector(memory.ToArray()),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture) + "f",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "?",
    };

    private static string DescribeVector(float[] vector) =>
        $"float[{vector.Length}] {{{string.Join(", ", vector.Take(3).Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}{(vector.Length > 3 ? ", …" : string.Empty)}}}";

    private static double ParseDouble(string text) => text switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static float ParseFloat(string text) => text switch
    {
        "nan" => float.NaN,
        "inf" => float.PositiveInfinity,
        "-inf" => float.NegativeInfinity,
        _ => float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}

/// <summary>NormGuard.Tests.dll (built before this project: see the ProjectReference without an output assembly) and its feature records.</summary>
internal static class NormGuardTests
{
    public static string AssemblyPath { get; } = Find();

    private static readonly Lazy<Assembly> Loaded = new(() => new SharingContext(AssemblyPath).LoadFromAssemblyPath(AssemblyPath));

    /// <summary>The records the generator bound to a manifest (they have a static FeatureSet and implement INormalizable).</summary>
    public static IEnumerable<Type> FeatureRecords()
    {
        Type[] types;
        try
        {
            types = Loaded.Value.GetTypes();
        }
        catch (ReflectionTypeLoadException partial)
        {
            types = partial.Types.Where(t => t is not null).ToArray()!;
        }

        return types
            .Where(t => t.GetCustomAttribute<FeatureSetAttribute>() is not null && !t.IsGenericTypeDefinition)
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(INormalizable<>)))
            .Where(t => t.GetProperty("FeatureSet", BindingFlags.Public | BindingFlags.Static)?.PropertyType == typeof(FeatureSetInfo))
            .Where(t => t.IsValueType || t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
    }

    private static string Find()
    {
        string configuration = typeof(NormGuardTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;
        string[] candidates = new[] { configuration, "Debug", "Release" }
            .Distinct()
            .Select(c => ToolRunner.Repo("tests", "NormGuard.Tests", "bin", c, "net10.0", "NormGuard.Tests.dll"))
            .ToArray();
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("NormGuard.Tests.dll not found (build tests/NormGuard.Tests first); looked at " + string.Join(", ", candidates));
    }

    /// <summary>Loads the test assembly beside its dependencies, sharing NormGuard (and what this process already has) with the tests.</summary>
    private sealed class SharingContext(string path) : AssemblyLoadContext("normguard-tests-records")
    {
        private readonly AssemblyDependencyResolver _resolver = new(path);

        protected override Assembly? Load(AssemblyName name)
        {
            if (AssemblyLoadContext.Default.Assemblies.Any(a => a.GetName().Name == name.Name))
            {
                return null;
            }

            string? resolved = _resolver.ResolveAssemblyToPath(name);
            return resolved is null ? null : LoadFromAssemblyPath(resolved);
        }
    }
}
