using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using NormGuard.Tool.Verification;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tool.Tests;

/// <summary>
/// <c>normguard import onnx</c> against ONNX Runtime: the imported manifest's arithmetic (the verify interpreter, which
/// is the generated code's) must write the same floats ORT writes, for the committed golden Scaler → Add model and for
/// generated Scaler and skl2onnx Mul → Add models with random parameters.
/// </summary>
public sealed class ImportOnnxTests(ITestOutputHelper output)
{
    private static readonly string[] GoldenNames = ["S1", "S2", "M1", "A1", "R1", "R2"];

    [Theory]
    [InlineData(null)]
    [InlineData("zscore,zscore,minmax,maxabs,robust,robust")]
    public void Golden_scaler_model_imports_and_matches_onnx_runtime_bit_for_bit(string? labels)
    {
        using TempDirectory temp = ToolRunner.Temp();
        string[] args = ["onnx", ImportTestSupport.Golden("onnx_scaler.onnx"), "--names", string.Join(",", GoldenNames), .. labels is null ? Array.Empty<string>() : ["--as", labels]];
        Manifest manifest = ImportTestSupport.Import(output.WriteLine, temp.File("golden.json"), args);
        Assert.Equal(NormalizationProfile.Onnx, manifest.Profile);
        Assert.Equal(ManifestDType.Float32, manifest.DType);
        Assert.Equal(GoldenNames, manifest.Features.Select(f => f.Name));
        Assert.Equal("normguard import onnx from onnx_scaler.onnx", manifest.Fit!.Tool);
        Assert.Equal(Importers.ImportSupport.Sha256(ImportTestSupport.Golden("onnx_scaler.onnx")), manifest.Fit.SourceSha256);
        Assert.IsType<MinMaxStep>(manifest.Features[2].Steps[0]);

        // ai.onnx.ml.Scaler passes NaN through, and NaN counts as missing: the import declares "propagate".
        Assert.All(manifest.Features, f => Assert.Equal(MissingValuePolicy.Propagate, f.Missing));
        if (labels is not null)
        {
            Assert.IsType<MaxAbsStep>(manifest.Features[3].Steps[0]);
            Assert.IsType<RobustStep>(manifest.Features[4].Steps[0]);
        }

        // the golden inputs: in and far out of range, exact min/max, ±0, NaN, ±inf, float max, subnormals
        List<Dictionary<string, string>> rows = ImportTestSupport.ReadCsv(ImportTestSupport.Golden("golden_onnx.inputs.csv"));
        float[] inputs = rows.SelectMany(r => GoldenNames.Select(n => (float)ImportTestSupport.ParseDouble(r[n]))).ToArray();
        int mismatched = Compare(ImportTestSupport.Golden("onnx_scaler.onnx"), manifest, inputs, 6, requireNegativeZero: true);
        Assert.Equal(0, mismatched);
    }

    [Fact]
    public void Golden_import_gives_the_parameters_scikit_learn_fitted_where_they_are_recoverable()
    {
        // the committed golden manifest holds scikit-learn's own parameters; the import recovers parameters with the same
        // onnx derivation (offset, scale, add), not necessarily the same decimal digits
        using TempDirectory temp = ToolRunner.Temp();
        Manifest imported = ImportTestSupport.Import(output.WriteLine, temp.File("golden.json"), "onnx", ImportTestSupport.Golden("onnx_scaler.onnx"), "--names", string.Join(",", GoldenNames));
        Manifest fitted = Manifest.Load(ImportTestSupport.Golden("golden_onnx.normguard.json"));
        var importedPrograms = new ManifestInterpreter(imported).Features;
        var fittedPrograms = new ManifestInterpreter(fitted).Features;
        for (int i = 0; i < GoldenNames.Length; i++)
        {
            output.WriteLine($"{GoldenNames[i]}: fitted {string.Join(" ", fittedPrograms[i].Ops)} | imported {string.Join(" ", importedPrograms[i].Ops)}");
            Assert.Equal(fittedPrograms[i].Ops, importedPrograms[i].Ops);
        }

        // M1 is scikit-learn's MinMaxScaler: its (float32) data_min_ comes back exactly
        Assert.Equal((float)((MinMaxStep)fitted.Features[2].Steps[0]).Min, (float)((MinMaxStep)imported.Features[2].Steps[0]).Min);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_scaler_and_skl2onnx_minmax_models_match_onnx_runtime(int seed)
    {
        using TempDirectory temp = ToolRunner.Temp();
        var random = new Random(seed);
        const int Width = 16;
        float Magnitude() => (float)Math.Pow(10, random.Next(-6, 7));
        float[] offset = Enumerable.Range(0, Width).Select(_ => (float)(random.NextDouble() - 0.5) * Magnitude()).ToArray();
        float[] scale = Enumerable.Range(0, Width).Select(_ => (float)(random.NextDouble() + 0.01) * Magnitude() * (random.Next(5) == 0 ? -1 : 1)).ToArray();
        float[] add = Enumerable.Range(0, Width).Select(_ => (float)(random.NextDouble() - 0.5) * Magnitude()).ToArray();
        add[0] = 0f;
        offset[1] = 0f;

        // a Scaler (zscore lanes) and skl2onnx's MinMaxScaler graph, Mul then Add (minmax lanes)
        string scaler = new OnnxModelWriter(Width).Scaler("X", "Y", offset, scale).Save(temp.File("scaler.onnx"));
        string minmax = new OnnxModelWriter(Width).Binary("Mul", "X", "S", "T", scale).Binary("Add", "T", "B", "Y", add).Declare("T").Save(temp.File("minmax.onnx"));
        float[] inputs = Enumerable.Range(0, Width).Select(c => ImportTestSupport.Inputs(random, 400, offset[c], 1f / Math.Abs(scale[c]))).SelectMany((column, c) => column.Select((v, r) => (v, r, c))).OrderBy(t => (t.r, t.c)).Select(t => t.v).ToArray();

        foreach ((string model, Type expected) in new[] { (scaler, typeof(ZScoreStep)), (minmax, typeof(MinMaxStep)) })
        {
            Manifest manifest = ImportTestSupport.Import(output.WriteLine, temp.File(expected.Name + ".json"), "onnx", model, "--split", "train");
            Assert.All(manifest.Features, f => Assert.IsType(expected, f.Steps[0]));
            Assert.Equal(Enumerable.Range(0, Width).Select(i => "X_" + i), manifest.Features.Select(f => f.Name));
            Assert.Equal(0, Compare(model, manifest, inputs, Width));
        }
    }

    // skl2onnx ≥ 1.10 writes MinMaxScaler as Cast(to float) → Mul → Add; hand-written exporters put an Identity first.
    [Theory]
    [InlineData("Cast")]
    [InlineData("Identity")]
    public void A_minmax_graph_behind_a_float_cast_or_an_identity_matches_onnx_runtime(string first)
    {
        using TempDirectory temp = ToolRunner.Temp();
        var random = new Random(7);
        const int Width = 8;
        float[] scale = Enumerable.Range(0, Width).Select(_ => (float)(random.NextDouble() + 0.01) * 3f).ToArray();
        float[] add = Enumerable.Range(0, Width).Select(_ => (float)(random.NextDouble() - 0.5) * 5f).ToArray();
        OnnxModelWriter writer = new OnnxModelWriter(Width);
        writer = first == "Cast" ? writer.Cast("X", "C", to: 1) : writer.Identity("X", "C");
        string model = writer.Binary("Mul", "C", "S", "T", scale).Binary("Add", "T", "B", "Y", add).Declare("C").Declare("T").Save(temp.File("minmax.onnx"));
        float[] inputs = Enumerable.Range(0, Width).Select(c => ImportTestSupport.Inputs(random, 300, -add[c] / scale[c], 1f / scale[c]))
            .SelectMany((column, c) => column.Select((v, r) => (v, r, c))).OrderBy(t => (t.r, t.c)).Select(t => t.v).ToArray();

        Manifest manifest = ImportTestSupport.Import(output.WriteLine, temp.File("m.json"), "onnx", model, "--split", "train");
        Assert.All(manifest.Features, f => Assert.IsType<MinMaxStep>(f.Steps[0]));
        Assert.Equal(Enumerable.Range(0, Width).Select(i => "X_" + i), manifest.Features.Select(f => f.Name));
        Assert.Equal(0, Compare(model, manifest, inputs, Width));
    }

    [Fact]
    public void Scaler_with_one_value_for_all_lanes_takes_the_width_from_the_input_shape()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string model = new OnnxModelWriter(3).Scaler("X", "Y", [1.5f], [0.25f]).Save(temp.File("broadcast.onnx"));
        Manifest manifest = ImportTestSupport.Import(output.WriteLine, temp.File("m.json"), "onnx", model, "--names", "a,b,c");
        Assert.Equal(["a", "b", "c"], manifest.Features.Select(f => f.Name));
        Assert.All(manifest.Features, f => Assert.Equal(new ZScoreStep(1.5, 4), f.Steps[0]));
        float[] inputs = ImportTestSupport.Inputs(new Random(4), 300, 1.5f, 4f);
        Assert.Equal(0, Compare(model, manifest, inputs, 3));
    }

    [Fact]
    public void A_lane_with_both_an_offset_and_an_add_is_reported_by_feature()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string model = new OnnxModelWriter(2).Scaler("X", "T", [0f, 3f], [2f, 2f]).Binary("Add", "T", "B", "Y", [1f, 1f]).Declare("T").Save(temp.File("both.onnx"));
        ToolResult result = ToolRunner.Run("import", "onnx", model, "--names", "first,second", "--out", temp.File("m.json"));
        output.WriteLine(result.ToString());
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("feature 'second'", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("feature 'first'", result.Error, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(temp.File("m.json")));
    }

    [Fact]
    public void Bad_input_is_an_input_error_naming_the_file()
    {
        using TempDirectory temp = ToolRunner.Temp();
        System.IO.File.WriteAllBytes(temp.File("junk.onnx"), [0x0a, 0xff, 0xff, 0xff, 0x0f, 1, 2]);
        string doubles = new OnnxModelWriter(2, inputElementType: 11).Scaler("X", "Y", [0f, 0f], [1f, 2f]).Save(temp.File("double.onnx"));
        string noScaler = new OnnxModelWriter(2).Binary("Add", "X", "B", "Y", [1f, 2f]).Save(temp.File("add.onnx"));
        string scaler = new OnnxModelWriter(2).Scaler("X", "Y", [0f, 0f], [1f, 2f]).Save(temp.File("ok.onnx"));

        (string[] Args, string Expected)[] cases =
        [
            (["onnx", temp.File("junk.onnx")], "junk.onnx: not a readable ONNX model"),
            (["onnx", temp.File("missing.onnx")], "missing.onnx: no such file"),
            (["onnx", doubles], "element type 11 (double)"),
            (["onnx", noScaler], "no ai.onnx.ml Scaler node"),
            (["onnx", scaler, "--names", "a,b,c"], "--names gives 3 names, but"),
            (["onnx", scaler, "--names", "a,a"], "two features would be named 'a'"),
            (["onnx", scaler, "--as", "minmax"], "not skl2onnx's min-max form"),
            (["onnx", scaler, "--as", "zscore,banana"], "unknown op 'banana'"),
            (["onnx", scaler, "--version", "0"], "--version must be a positive integer"),
        ];
        foreach ((string[] args, string expected) in cases)
        {
            ToolResult result = ToolRunner.Run(["import", .. args, "--out", temp.File("m.json")]);
            output.WriteLine(string.Join(" ", args) + " -> " + result);
            Assert.Equal(1, result.ExitCode);
            Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_import_command_has_help()
    {
        ToolResult import = ToolRunner.Run("import", "--help");
        Assert.Equal(0, import.ExitCode);
        foreach (string kind in new[] { "sklearn", "onnx", "mlnet", "spark" })
        {
            Assert.Contains(kind + " <model>", import.Output, StringComparison.Ordinal);
            ToolResult result = ToolRunner.Run("import", kind, "--help");
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("--out", result.Output, StringComparison.Ordinal);
            Assert.Contains("--split", result.Output, StringComparison.Ordinal);
        }

        Assert.Contains("--python", ToolRunner.Run("import", "sklearn", "--help").Output, StringComparison.Ordinal);
        Assert.Contains("--as", ToolRunner.Run("import", "mlnet", "--help").Output, StringComparison.Ordinal);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Fixtures written by the real ONNX writer (Data/onnx/make_onnx_fixtures.py, onnx 1.12 from Debian), each in a
    // shape a converter writes today. The expected op of each feature and the expected missing policy are the ones the
    // script's comments derive; the arithmetic is judged only by ONNX Runtime on the same file.
    // ------------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("minmax_cast_mul_add", "minmax", null)]
    [InlineData("standard_scaler", "zscore", null)]
    [InlineData("standard_sub_div_pow2", "zscore", null)]
    [InlineData("sub_mul", "zscore", null)]
    [InlineData("add_mul_signed_zero", "zscore", null)]
    [InlineData("scaler_signed_zero_offset", "zscore", null)]
    [InlineData("mul_add_scalar_constants", "minmax", null)]
    [InlineData("imputer_scaler", "zscore", "1700000128,0,-0,5")]
    [InlineData("imputer_cast_mul_add", "minmax", "-1,-1,-1,-1")]
    public void Fixture_from_the_onnx_writer_imports_and_matches_onnx_runtime_bit_for_bit(string fixture, string op, string? fills)
    {
        using TempDirectory temp = ToolRunner.Temp();
        string model = OnnxFixture(fixture);
        Manifest manifest = ImportTestSupport.Import(output.WriteLine, temp.File("m.json"), "onnx", model, "--split", "train");
        Assert.Equal(["X_0", "X_1", "X_2", "X_3"], manifest.Features.Select(f => f.Name));
        Assert.All(manifest.Features, f => Assert.Equal(op, f.Steps.Single().Op));
        if (fills is null)
        {
            Assert.All(manifest.Features, f => Assert.Equal(MissingValuePolicy.Propagate, f.Missing));
        }
        else
        {
            // the Imputer's float32 values, sign of zero included (the manifest holds the shortest decimal of each float32,
            // which the float32 profile reads back as that float32)
            float[] expected = fills.Split(',').Select(t => float.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.All(manifest.Features, f => Assert.Equal(MissingValueKind.Fill, f.Missing.Kind));
            Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), manifest.Features.Select(f => BitConverter.SingleToInt32Bits((float)f.Missing.FillValue)));
        }

        Assert.Equal(0, Compare(model, manifest, FixtureInputs(manifest, new Random(fixture.Length)), 4));
    }

    // x + 0 and x − (−0) turn the input −0 into +0; x − 0 keeps it. ONNX Runtime shows the difference, so the manifest
    // keeps an offset of −0 as a mean of −0, written "-0", read back as −0.
    // The expected output for the input −0 in those lanes is (+0)·scale: +0 for a positive scale, −0 for a negative one
    // (an offset of +0 would give the opposite signs).
    [Theory]
    [InlineData("add_mul_signed_zero", "1,2", "+0,-0")]
    [InlineData("scaler_signed_zero_offset", "0,1,3", "+0,-0,+0")]
    public void A_signed_zero_offset_stays_minus_zero_in_the_manifest_and_matches_onnx_runtime_on_minus_zero(string fixture, string negativeZeroLanes, string outputsForMinusZero)
    {
        using TempDirectory temp = ToolRunner.Temp();
        string model = OnnxFixture(fixture);
        Manifest manifest = ImportTestSupport.Import(output.WriteLine, temp.File("m.json"), "onnx", model);
        int[] lanes = negativeZeroLanes.Split(',').Select(int.Parse).ToArray();
        for (int i = 0; i < 4; i++)
        {
            double mean = ((ZScoreStep)manifest.Features[i].Steps[0]).Mean;
            Assert.Equal(lanes.Contains(i), BitConverter.DoubleToInt64Bits(mean) == BitConverter.DoubleToInt64Bits(-0d));
        }

        string json = System.IO.File.ReadAllText(temp.File("m.json"));
        Assert.Contains("\"mean\": -0,", json, StringComparison.Ordinal);

        // the input −0 in every lane: ORT writes +0·scale there (the sign of the scale), never −0·scale
        float[] inputs = [-0f, -0f, -0f, -0f, 0f, 0f, 0f, 0f, float.NaN, 1f, -float.Epsilon, float.Epsilon];
        float[] ort = RunOnnx(model, inputs, 4);
        string[] signs = outputsForMinusZero.Split(',');
        for (int k = 0; k < lanes.Length; k++)
        {
            Assert.Equal(signs[k] == "-0" ? unchecked((int)0x80000000) : 0, BitConverter.SingleToInt32Bits(ort[lanes[k]]));
        }

        Assert.Equal(0, Compare(model, manifest, inputs, 4, requireNegativeZero: false));
        Assert.Equal(0, Compare(model, manifest, FixtureInputs(manifest, new Random(5)), 4, requireNegativeZero: true));
    }

    [Theory]
    [InlineData("refuse_sub_div", "Div 'culprit'", "division by 2500000 differs from NormGuard's onnx arithmetic")]
    [InlineData("refuse_relu_after_add", "Relu 'culprit'", "consumes the scaled")]
    [InlineData("refuse_mul_by_input", "Mul 'culprit'", "is not a constant")]
    [InlineData("refuse_imputer_of_zero", "Imputer 'culprit'", "replaces 0, not NaN")]
    [InlineData("refuse_div_cast", "Cast 'culprit'", "float32 arithmetic")]
    public void A_graph_the_manifest_cannot_reproduce_is_refused_naming_the_node(string fixture, string node, string reason)
    {
        using TempDirectory temp = ToolRunner.Temp();
        ToolResult result = ToolRunner.Run("import", "onnx", OnnxFixture(fixture), "--out", temp.File("m.json"));
        output.WriteLine(result.ToString());
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(fixture + ".onnx", result.Error, StringComparison.Ordinal);
        Assert.Contains(node, result.Error, StringComparison.Ordinal);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(temp.File("m.json")));
    }

    // Expected: X's Mul → Add imports as four minmax features; Z's Cast to double scales nothing, so it is only noted.
    [Fact]
    public void A_cast_to_double_that_scales_nothing_is_noted_not_refused()
    {
        using TempDirectory temp = ToolRunner.Temp();
        ToolResult result = ToolRunner.Run("import", "onnx", OnnxFixture("second_input_cast_to_double"), "--out", temp.File("m.json"));
        output.WriteLine(result.ToString());
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("other nodes are not part of the manifest: Cast 'CastZ'", result.Error, StringComparison.Ordinal);
        Manifest manifest = Manifest.Load(temp.File("m.json"));
        Assert.Equal(["X_0", "X_1", "X_2", "X_3"], manifest.Features.Select(f => f.Name));
        Assert.All(manifest.Features, f => Assert.IsType<MinMaxStep>(f.Steps[0]));
    }

    // x / s equals x · f32(1/s) for every float32 x when s is a power of two (1/s exact); for 10 it does not (9/10 = 0.9,
    // 9 · f32(0.1) = 0.90000004), and the exhaustive check must find such an x.
    [Theory]
    [InlineData(2f, true)]
    [InlineData(1f, true)]
    [InlineData(0.0009765625f, true)]
    [InlineData(-1024f, true)]
    [InlineData(10f, false)]
    [InlineData(3f, false)]
    [InlineData(2.5e6f, false)]
    public void Division_is_imported_only_where_it_equals_the_profile_multiplication(float divisor, bool exact)
    {
        float multiplier = 1f / divisor;
        float? x = Importers.OnnxDivision.Counterexample(divisor, multiplier);
        Assert.Equal(exact, x is null);
        if (x is { } found)
        {
            Assert.NotEqual(BitConverter.SingleToInt32Bits(found / divisor), BitConverter.SingleToInt32Bits(found * multiplier));
        }
    }

    [Fact]
    public void Truncated_or_graphless_files_are_input_errors_naming_the_file()
    {
        using TempDirectory temp = ToolRunner.Temp();
        byte[] good = System.IO.File.ReadAllBytes(OnnxFixture("standard_scaler"));
        System.IO.File.WriteAllBytes(temp.File("truncated.onnx"), good[..(good.Length / 2)]);
        System.IO.File.WriteAllBytes(temp.File("nograph.onnx"), [0x08, 0x08]); // ModelProto.ir_version = 8 and nothing else
        System.IO.File.WriteAllBytes(temp.File("empty.onnx"), []);
        foreach ((string file, string expected) in new[] { ("truncated.onnx", "not a readable ONNX model"), ("nograph.onnx", "has no graph"), ("empty.onnx", "has no graph") })
        {
            ToolResult result = ToolRunner.Run("import", "onnx", temp.File(file), "--out", temp.File("m.json"));
            output.WriteLine(file + " -> " + result);
            Assert.Equal(1, result.ExitCode);
            Assert.Contains(file + ": ", result.Error, StringComparison.Ordinal);
            Assert.Contains(expected, result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        }
    }

    private static string OnnxFixture(string name) => ImportTestSupport.Data("onnx", name + ".onnx");

    /// <summary>Per lane: the specials (NaN, ±0, ±∞, float max, subnormals, 1e±30) and random values around the feature's own center and far away, row-major.</summary>
    private static float[] FixtureInputs(Manifest manifest, Random random)
    {
        float[][] columns = manifest.Features.Select(f => f.Steps[0] switch
        {
            ZScoreStep z => ImportTestSupport.Inputs(random, 1000, (float)z.Mean, (float)Math.Abs(z.Std)),
            MinMaxStep m => ImportTestSupport.Inputs(random, 1000, (float)m.Min, (float)Math.Max(m.Max - m.Min, 1e-30)),
            _ => ImportTestSupport.Inputs(random, 1000, 0f, 1f),
        }).Select(c => c.Concat([1e-40f, -1e-40f, 1e-45f * 3, 3e38f, -3e38f, 1e20f, -1e-20f]).ToArray()).ToArray();
        return Enumerable.Range(0, columns[0].Length).SelectMany(r => columns.Select(c => c[r])).ToArray();
    }

    /// <summary>Runs ORT on the rows and compares every output with the manifest's arithmetic; returns the count of differing cells.</summary>
    private int Compare(string model, Manifest manifest, float[] inputs, int width, bool requireNegativeZero = false)
    {
        float[] expected = RunOnnx(model, inputs, width);
        var interpreter = new ManifestInterpreter(manifest);
        Assert.Equal(width, interpreter.Width);
        int mismatched = 0, nan = 0, negativeZero = 0;
        for (int i = 0; i < inputs.Length; i++)
        {
            float got = ImportTestSupport.Normalize(interpreter, i % width, inputs[i]);
            nan += float.IsNaN(inputs[i]) ? 1 : 0;
            negativeZero += BitConverter.SingleToInt32Bits(expected[i]) == unchecked((int)0x80000000) ? 1 : 0;
            if (!ImportTestSupport.SameFloat(expected[i], got) && ++mismatched <= 10)
            {
                output.WriteLine($"row {i / width} {manifest.Features[i % width].Name}: input {ImportTestSupport.Bits(inputs[i])}, ORT {ImportTestSupport.Bits(expected[i])}, manifest {ImportTestSupport.Bits(got)} ({string.Join(" ", interpreter.Features[i % width].Ops)})");
            }
        }

        output.WriteLine($"{System.IO.Path.GetFileName(model)}: {inputs.Length} cells against ONNX Runtime {OrtEnv.Instance().GetVersionString()} ({nan} NaN, {negativeZero} -0): {mismatched} differ");
        Assert.True(nan > 0 && (negativeZero > 0 || !requireNegativeZero), "the inputs lost their special values");
        return mismatched;
    }

    private static float[] RunOnnx(string model, float[] inputs, int width)
    {
        using var session = new InferenceSession(model);
        using OrtValue x = OrtValue.CreateTensorValueFromMemory(inputs, [inputs.Length / width, width]);
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> results = session.Run(runOptions, ["X"], [x], ["Y"]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
