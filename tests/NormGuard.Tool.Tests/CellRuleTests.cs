using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tool.Tests;

/// <summary>
/// One rule for reading a cell, in every command: <c>fit</c>, <c>drift</c> and <c>verify</c> read the same texts as the same
/// values, the same missing values, and refuse the same texts with the same message (docs/cli.md, "How cells are read").
/// </summary>
public sealed class CellRuleTests(ITestOutputHelper output)
{
    // Two passthrough features: "level" (missing → propagate, as a double? member) and "on" (a bool member; missing → error).
    private const string Template = """
        {
          "format": "normguard.manifest/1",
          "featureSet": "cells",
          "profile": "sklearn",
          "features": [
            { "name": "level", "steps": [ { "op": "passthrough" } ], "missing": "propagate" },
            { "name": "on", "steps": [ { "op": "passthrough" } ] }
          ]
        }
        """;

    // level: four numbers and one text of each missing kind the rule names; on: booleans in the casings people write.
    private static readonly string[] Levels = ["1.5", " 2 ", "-3e0", "4", "", "NA", "n/a", "#N/A", "null", "None", "nan", "-NaN", "<NA>"];
    private static readonly string[] Flags = ["true", "False", "TRUE", "false", " True ", "true", "false", "true", "FALSE", "true", "false", "true", "false"];

    // What verify must compute for them: a number passes through, a missing level propagates as NaN.
    private static readonly string[] LevelOutputs = ["1.5", "2", "-3", "4", "nan", "nan", "nan", "nan", "nan", "nan", "nan", "nan", "nan"];
    private static readonly string[] FlagOutputs = ["1", "0", "1", "0", "1", "1", "0", "1", "0", "1", "0", "1", "0"];

    [Fact]
    public void Fit_drift_and_verify_read_booleans_numbers_and_missing_markers_alike()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string data = temp.File("cells.csv");
        File.WriteAllLines(data, new[] { "level,on" }.Concat(Levels.Select((level, i) => level + "," + Flags[i])));
        File.WriteAllText(temp.File("t.json"), Template);

        // Expected, from the rule: level has 4 values (1.5, 2, -3, 4) and 9 missing; on has 13 values, 7 of them true.
        ToolResult fit = ToolRunner.Run("fit", "--data", data, "--template", temp.File("t.json"), "--out", temp.File("m.json"));
        output.WriteLine(fit.ToString());
        Assert.Equal(0, fit.ExitCode);
        Manifest manifest = Manifest.Load(temp.File("m.json"));
        FeatureStats level = manifest.Features[0].Stats!, on = manifest.Features[1].Stats!;
        Assert.Equal([4L, 9L], [level.Count, level.Missing]);
        Assert.Equal([-3d, 4d, 1.125], [level.Min!.Value, level.Max!.Value, level.Mean!.Value]);
        Assert.Equal([13L, 0L], [on.Count, on.Missing]);
        Assert.Equal([0d, 1d], [on.Min!.Value, on.Max!.Value]);
        Assert.Equal(7d / 13, on.Mean!.Value, 15);

        // drift counts the same 9 of 13 level cells as missing, and reads every flag. (13 rows are fewer than any drift
        // test needs, so its verdict is "none" and its exit code 3; what matters here is what it counted.)
        ToolResult drift = ToolRunner.Run("drift", "--manifest", temp.File("m.json"), "--data", data, "--json");
        output.WriteLine(drift.ToString());
        Assert.Equal(Cli.NoVerdict, drift.ExitCode);
        using JsonDocument report = JsonDocument.Parse(drift.Output);
        JsonElement[] features = report.RootElement.GetProperty("features").EnumerateArray().ToArray();
        Assert.Equal(9d / 13, features.Single(f => f.GetProperty("name").GetString() == "level").GetProperty("missingRate").GetDouble(), 15);
        Assert.Equal(0d, features.Single(f => f.GetProperty("name").GetString() == "on").GetProperty("missingRate").GetDouble());

        // verify: the same cells as inputs; a missing level propagates (NaN out), a number passes through, a flag is 1 or 0.
        string vectors = temp.File("v.csv");
        File.WriteAllLines(vectors, new[] { "level,on,out:level,out:on" }.Concat(Levels.Select((text, i) => $"{text},{Flags[i]},{LevelOutputs[i]},{FlagOutputs[i]}")));
        ToolResult verify = ToolRunner.Run("verify", "--manifest", temp.File("m.json"), "--vectors", vectors);
        output.WriteLine(verify.ToString());
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("26 cells compared (bit for bit), 0 mismatched", verify.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true", " (true/false is read only for a passthrough feature")]
    [InlineData("12.5kg", "")]
    [InlineData("1,5", "")]
    public void Fit_drift_and_verify_refuse_the_same_text_in_a_numeric_feature_with_the_same_message(string text, string hint)
    {
        using TempDirectory temp = ToolRunner.Temp();
        File.WriteAllText(temp.File("t.json"), """
            { "format": "normguard.manifest/1", "featureSet": "z", "profile": "sklearn",
              "features": [ { "name": "id", "steps": [ { "op": "passthrough" } ] }, { "name": "z", "steps": [ { "op": "zscore" } ] } ] }
            """);
        File.WriteAllText(temp.File("good.csv"), "id,z\n1,1\n2,2\n3,4\n");
        string bad = temp.File("bad.csv");
        File.WriteAllText(bad, $"id,z\n1,1\n2,\"{text}\"\n3,4\n");
        Assert.Equal(0, ToolRunner.Run("fit", "--data", temp.File("good.csv"), "--template", temp.File("t.json"), "--out", temp.File("m.json")).ExitCode);
        File.WriteAllText(temp.File("v.csv"), $"id,z,out:id,out:z\n1,1,1,0\n2,\"{text}\",2,0\n");

        // Line 3, column 2 of both files; the shared rule words the message.
        string expected = $"(3,2): column 'z' holds \"{text}\", which is not a number{hint}";
        ToolResult fit = ToolRunner.Run("fit", "--data", bad, "--template", temp.File("t.json"), "--out", temp.File("m2.json"));
        ToolResult drift = ToolRunner.Run("drift", "--manifest", temp.File("m.json"), "--data", bad);
        ToolResult verify = ToolRunner.Run("verify", "--manifest", temp.File("m.json"), "--vectors", temp.File("v.csv"));

        foreach ((string command, ToolResult result, string file) in new[] { ("fit", fit, bad), ("drift", drift, bad), ("verify", verify, temp.File("v.csv")) })
        {
            output.WriteLine(command + ": " + result);
            Assert.Equal(Cli.InputError, result.ExitCode);
            Assert.Contains("error: " + file + expected, result.Error, StringComparison.Ordinal);
        }
    }
}
