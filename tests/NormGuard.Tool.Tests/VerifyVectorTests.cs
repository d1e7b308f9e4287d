using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tool.Tests;

/// <summary>
/// <c>normguard verify</c> on vector (embedding) features: the verify files that
/// tests/NormGuard.Tests/Golden/Vectors/make_verify_csvs.py wrote from scikit-learn's own outputs, a tampered copy, and
/// the input errors of the element-per-column format. The expected outcomes were written in that script's docstring
/// (and here) before the command first ran on these files; before this change verify refused every vector manifest.
/// </summary>
public sealed class VerifyVectorTests(ITestOutputHelper output)
{
    private static string Verify(string name) => ToolRunner.Repo("tests", "NormGuard.Tests", "Golden", "Vectors", "verify", name);

    private static string VectorManifest(string name) => ToolRunner.Repo("tests", "NormGuard.Tests", "Manifests", "Vectors", name + ".normguard.json");

    private static int DataRows(string csv) => File.ReadLines(csv).Count() - 1;

    // Element-wise steps: scikit-learn's StandardScaler on float32 is reproduced bit for bit (docs/vector-arithmetic.md).
    [Theory]
    [InlineData("center_sklearn_384.vectors.csv", "golden_vec_center_sklearn")]
    [InlineData("zscore_sklearn_384.vectors.csv", "golden_vec_zscore_sklearn")]
    public void Scikit_learn_standard_scaler_outputs_verify_bit_for_bit(string vectors, string manifest)
    {
        ToolResult verify = ToolRunner.Run("verify", "--manifest", VectorManifest(manifest), "--vectors", Verify(vectors));
        output.WriteLine(verify.ToString());

        Assert.True(verify.ExitCode == 0, verify.ToString());
        long cells = DataRows(Verify(vectors)) * 384L;
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{cells:N0} cells compared (bit for bit), 0 mismatched"), verify.Output, StringComparison.Ordinal);
        Assert.Contains("ok: every compared output matches", verify.Output, StringComparison.Ordinal);
    }

    // normalize(norm="l2") takes a float32 einsum norm, which differs from NormGuard's in the last bit on part of the
    // rows: not bit-exact, within the ulps docs/vector-arithmetic.md states (2 for d = 384 and truncate(128), 3 for 1,536).
    [Theory]
    [InlineData("l2_384.vectors.csv", "golden_vec_l2", 384, 2u)]
    [InlineData("truncate_l2_384.vectors.csv", "golden_vec_truncate_l2", 128, 2u)]
    [InlineData("l2_1536.vectors.csv", null, 1536, 3u)]
    public void Scikit_learn_normalize_fails_bit_for_bit_and_passes_within_the_documented_ulps(string vectors, string? manifest, int outputs, uint ulps)
    {
        string manifestPath = manifest is null ? Verify("l2_1536.manifest.json") : VectorManifest(manifest);
        long cells = DataRows(Verify(vectors)) * (long)outputs;

        ToolResult exact = ToolRunner.Run("verify", "--manifest", manifestPath, "--vectors", Verify(vectors));
        output.WriteLine(exact.Output);
        Assert.True(exact.ExitCode == 2, exact.ToString());
        Assert.Contains("FAILED: the outputs differ from the expected vectors", exact.Output, StringComparison.Ordinal);
        Assert.Matches(@"│ row\s*│ line\s*│ column\s*│ element\s*│ expected\s*│ got", exact.Output);

        ToolResult within = ToolRunner.Run("verify", "--manifest", manifestPath, "--vectors", Verify(vectors), "--tolerance-ulps", ulps.ToString(CultureInfo.InvariantCulture));
        output.WriteLine(within.Output);
        Assert.True(within.ExitCode == 0, within.ToString());
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{cells:N0} cells compared (within {ulps} ulp), 0 mismatched"), within.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_perturbed_expected_element_fails_naming_row_line_column_and_element()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string[] lines = File.ReadAllLines(Verify("center_sklearn_384.vectors.csv"));
        string[] header = lines[0].Split(',');
        int cell = Array.IndexOf(header, "out:X[17]");
        const int Row = 20; // data row 20 is file line 21
        string[] cells = lines[Row].Split(',');
        float original = float.Parse(cells[cell], CultureInfo.InvariantCulture);
        string tampered = (original + 0.5f).ToString("R", CultureInfo.InvariantCulture);
        cells[cell] = tampered;
        lines[Row] = string.Join(",", cells);
        File.WriteAllLines(temp.File("tampered.csv"), lines);

        ToolResult verify = ToolRunner.Run("verify", "--manifest", VectorManifest("golden_vec_center_sklearn"), "--vectors", temp.File("tampered.csv"));
        output.WriteLine(verify.ToString());

        Assert.True(verify.ExitCode == 2, verify.ToString());
        Assert.Contains(", 1 mismatched", verify.Output, StringComparison.Ordinal);
        Assert.Matches($@"│ 20\s*│ 21\s*│ out:X\[17\]\s*│ 17\s*│ {Regex.Escape(tampered)}\s*│ {Regex.Escape(original.ToString("R", CultureInfo.InvariantCulture))}\s*│ 0x{BitConverter.SingleToInt32Bits(float.Parse(tampered, CultureInfo.InvariantCulture)):X8}\s*│ 0x{BitConverter.SingleToInt32Bits(original):X8}\s*│", verify.Output);
        Assert.Contains("mismatches per column: out:X[17] 1", verify.Output, StringComparison.Ordinal);
    }

    // A 4-dimension manifest whose outputs are computed by hand: center by (1, 2, 3, 4), then l2.
    //   (2, 2, 3, 4) → (1, 0, 0, 0) → (1, 0, 0, 0);  (4, 6, 3, 4) → (3, 4, 0, 0) → (0.6, 0.8, 0, 0) (3f/5f and 4f/5f are
    //   the floats nearest 0.6 and 0.8, which the text reads as).
    private static string SmallManifest(TempDirectory temp, string missing, string profile = "normguard")
    {
        string path = temp.File("small.normguard.json");
        File.WriteAllText(path, """
            {"format": "normguard.manifest/1", "featureSet": "small", "version": 1, "profile": "PROFILE", "dtype": "float32",
             "features": [{"name": "Clicks", "steps": [{"op": "zscore", "mean": 3, "std": 2}]},
                          {"name": "E", "space": {"name": "small-4", "model": "m/small", "nativeDimension": 4, "dimension": 4},
                           "steps": [{"op": "center", "mean": [1, 2, 3, 4]}, {"op": "l2"}], "missing": "MISSING"}]}
            """.Replace("MISSING", missing, StringComparison.Ordinal).Replace("PROFILE", profile, StringComparison.Ordinal));
        Assert.Equal(0, ToolRunner.Run("seal", path, "--reason", "test manifest").ExitCode);
        return path;
    }

    private const string SmallHeader = "Clicks,E[0],E[1],E[2],E[3],out:Clicks,out:E[0],out:E[1],out:E[2],out:E[3]";

    private static ToolResult RunSmall(TempDirectory temp, string missing, params string[] lines)
    {
        File.WriteAllLines(temp.File("small.csv"), lines);
        return ToolRunner.Run("verify", "--manifest", SmallManifest(temp, missing), "--vectors", temp.File("small.csv"));
    }

    [Fact]
    public void Hand_computed_vectors_verify_and_a_missing_vector_follows_the_policy()
    {
        using TempDirectory temp = ToolRunner.Temp();
        ToolResult propagate = RunSmall(temp, "propagate", SmallHeader,
            "5,2,2,3,4,1,1,0,0,0",
            "1,4,6,3,4,-1,0.6,0.8,0,0",
            "3,,,,,0,nan,nan,nan,nan");
        Assert.True(propagate.ExitCode == 0, propagate.ToString());
        Assert.Contains("15 cells compared (bit for bit), 0 mismatched", propagate.Output, StringComparison.Ordinal);

        // Under "error" a missing vector is rejected; with every expected cell "error" both sides agree.
        ToolResult error = RunSmall(temp, "error", SmallHeader, "5,2,2,3,4,1,1,0,0,0", "3,,,,,0,error,error,error,error");
        Assert.True(error.ExitCode == 0, error.ToString());
        Assert.Contains("4 cells rejected by both", error.Output, StringComparison.Ordinal);

        ToolResult unexpected = RunSmall(temp, "error", SmallHeader, "3,,,,,0,nan,nan,nan,nan");
        Assert.Equal(1, unexpected.ExitCode);
        Assert.Contains("small.csv(2,2): column 'E[0]': feature 'E' (embedding space 'small-4'): the vector is missing, and its missing policy is \"error\"", unexpected.Error, StringComparison.Ordinal);

        ToolResult nonFinite = RunSmall(temp, "error", SmallHeader, "3,2,2,inf,4,0,1,0,0,0");
        Assert.Equal(1, nonFinite.ExitCode);
        Assert.Contains("small.csv(2,4): column 'E[2]': feature 'E' (embedding space 'small-4'): element 2 is Infinity, not a finite number", nonFinite.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Clicks,E[0],E[1],E[2],out:Clicks,out:E[0],out:E[1],out:E[2],out:E[3]", "5,2,2,3,1,1,0,0,0",
        "small.csv(1): no column 'E[3]' for element 3 of vector feature 'E' (native dimension 4: E[0] … E[3])")]
    [InlineData("Clicks,E[0],E[1],E[2],E[3],E[4],out:Clicks,out:E[0],out:E[1],out:E[2],out:E[3]", "5,2,2,3,4,0,1,1,0,0,0",
        "small.csv(1,6): column 'E[4]' is not an element of vector feature 'E', whose native dimension is 4 (E[0] … E[3])")]
    [InlineData("Clicks,E,out:Clicks,out:E[0],out:E[1],out:E[2],out:E[3]", "5,2,1,1,0,0,0",
        "small.csv(1,2): column 'E': feature 'E' is a vector of 4 values; give one column per element, E[0] … E[3]")]
    [InlineData(SmallHeader, "5,2,2,x3,4,1,1,0,0,0",
        "small.csv(2,4): column 'E[2]' (element 2 of vector feature 'E') holds \"x3\", which is not a number")]
    [InlineData(SmallHeader, "5,2,,3,4,1,1,0,0,0",
        "small.csv(2,3): column 'E[1]' (element 1 of vector feature 'E') is empty, but 3 of the vector's 4 elements are given (element 0 first); a vector is missing only when all its cells are empty")]
    [InlineData(SmallHeader, "5,2,2,3,4,1,1,zero,0,0",
        "small.csv(2,8): column 'out:E[1]' holds \"zero\", which is neither a number nor \"error\"")]
    public void Bad_vector_columns_and_cells_are_named_by_line_column_and_element(string header, string row, string message)
    {
        using TempDirectory temp = ToolRunner.Temp();
        ToolResult verify = RunSmall(temp, "error", header, row);

        Assert.True(verify.ExitCode == 1, verify.ToString());
        Assert.Contains(message, verify.Error, StringComparison.Ordinal);
    }

    // The generator emits no vector code under onnx, mlnet or spark (NG0019): nothing to reproduce, so no pass either.
    [Fact]
    public void A_vector_manifest_under_a_profile_without_vector_arithmetic_is_refused()
    {
        using TempDirectory temp = ToolRunner.Temp();
        File.WriteAllLines(temp.File("small.csv"), [SmallHeader, "5,2,2,3,4,1,1,0,0,0"]);

        ToolResult verify = ToolRunner.Run("verify", "--manifest", SmallManifest(temp, "error", "onnx"), "--vectors", temp.File("small.csv"));

        Assert.True(verify.ExitCode == 1, verify.ToString());
        Assert.Contains("small.normguard.json: feature 'E' is a vector (embedding) feature, which needs dtype float32 and profile normguard or sklearn; this manifest has float32 and onnx (NG0019)", verify.Error, StringComparison.Ordinal);
    }
}
