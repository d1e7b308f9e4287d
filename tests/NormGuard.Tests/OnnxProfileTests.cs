using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tests;

/// <summary>
/// Profile <c>onnx</c> against ONNX Runtime itself: Golden/onnx_scaler.onnx (made by Golden/make_onnx_scaler.py) is
/// the graph skl2onnx emits for the golden_onnx scalers, X → ai.onnx.ml Scaler(offset, scale) → Add(B) → Y
/// (MinMax as Mul(scale_) + Add(min_)), and ORT runs it on every committed input row at test time.
/// <see cref="OnnxRow"/> is six float32 fields, so <c>NormalizeBatch</c> runs the SIMD stream kernel
/// (StreamKernels.AffineFloat32) and <c>Normalize</c> the scalar per-row code: both must equal ORT bit for bit.
/// </summary>
public sealed class OnnxProfileTests(ITestOutputHelper output)
{
    private static readonly string[] Columns = ["S1", "S2", "M1", "A1", "R1", "R2"];

    [Fact]
    public void Golden_model_is_the_skl2onnx_graph_shape()
    {
        using var session = new InferenceSession(GoldenFiles.PathOf("onnx_scaler.onnx"));
        Assert.Equal(["X"], session.InputNames);
        Assert.Equal(["Y"], session.OutputNames);
        Assert.Equal(OnnxProfileTests.Columns, OnnxRow.FeatureSet.OutputColumns);
        Assert.Equal(NormalizationProfile.Onnx, OnnxRow.FeatureSet.Profile);
        Assert.Equal(6, OnnxRow.Width);
    }

    [Fact]
    public void NormalizeBatch_and_Normalize_match_onnx_runtime_bit_for_bit()
    {
        (OnnxRow[] rows, float[] inputs) = ReadInputs();
        float[] expected = RunOnnx(inputs, rows.Length);

        float[] batch = new float[rows.Length * OnnxRow.Width];
        OnnxRow.NormalizeBatch(rows, batch);
        float[] generic = Normalizer.NormalizeBatch<OnnxRow>(rows);

        var single = new float[OnnxRow.Width];
        var batchMismatches = new int[OnnxRow.Width];
        var rowMismatches = new int[OnnxRow.Width];
        int nan = 0, negativeZero = 0, infinite = 0;
        for (int r = 0; r < rows.Length; r++)
        {
            rows[r].Normalize(single);
            for (int c = 0; c < OnnxRow.Width; c++)
            {
                int i = (r * OnnxRow.Width) + c;
                float want = expected[i];
                nan += float.IsNaN(want) ? 1 : 0;
                infinite += float.IsInfinity(want) ? 1 : 0;
                negativeZero += BitConverter.SingleToInt32Bits(want) == unchecked((int)0x80000000) ? 1 : 0;
                Assert.True(GoldenFiles.SameFloat(batch[i], generic[i]), $"row {r} {Columns[c]}: Normalizer.NormalizeBatch differs from OnnxRow.NormalizeBatch");
                if (!GoldenFiles.SameFloat(want, batch[i]))
                {
                    if (++batchMismatches[c] <= 3)
                    {
                        output.WriteLine($"NormalizeBatch row {r} {Columns[c]}: input {inputs[i]:R}, ORT {Bits(want)}, NormGuard {Bits(batch[i])}");
                    }
                }

                if (!GoldenFiles.SameFloat(want, single[c]))
                {
                    if (++rowMismatches[c] <= 3)
                    {
                        output.WriteLine($"Normalize row {r} {Columns[c]}: input {inputs[i]:R}, ORT {Bits(want)}, NormGuard {Bits(single[c])}");
                    }
                }
            }
        }

        output.WriteLine($"golden_onnx: {rows.Length} rows x {OnnxRow.Width} = {expected.Length} cells against ONNX Runtime {OrtVersion()}");
        output.WriteLine($"  ORT outputs include {nan} NaN, {infinite} ±inf, {negativeZero} -0");
        output.WriteLine($"  NormalizeBatch (SIMD stream) mismatched: {Describe(batchMismatches)}");
        output.WriteLine($"  Normalize (per row) mismatched:          {Describe(rowMismatches)}");
        Assert.True(nan > 0 && negativeZero > 0 && infinite > 0, "the inputs lost their special values");
        Assert.All(batchMismatches, count => Assert.Equal(0, count));
        Assert.All(rowMismatches, count => Assert.Equal(0, count));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void Short_batches_hit_the_kernel_tails_and_still_match_onnx_runtime(int length)
    {
        (OnnxRow[] rows, float[] inputs) = ReadInputs();
        float[] expected = RunOnnx(inputs, rows.Length);

        // every start row among the first 64 (so the specials at the top of the file are in every window),
        // then windows spread over the whole file
        IEnumerable<int> starts = Enumerable.Range(0, 64).Concat(Enumerable.Range(0, 97).Select(k => (k * 20) + (k % 7)));
        int windows = 0, cells = 0, mismatched = 0;
        foreach (int start in starts.Where(s => s + length <= rows.Length).Distinct())
        {
            ReadOnlySpan<OnnxRow> window = rows.AsSpan(start, length);

            // the destination is larger than needed: the kernel must write exactly length * Width floats
            float[] destination = new float[(length * OnnxRow.Width) + 5];
            destination.AsSpan().Fill(float.MaxValue);
            OnnxRow.NormalizeBatch(window, destination);
            Assert.All(destination.Skip(length * OnnxRow.Width), v => Assert.Equal(float.MaxValue, v));

            // ORT on exactly this window, too (a batch of `length` rows through the runtime)
            float[] windowInputs = inputs.AsSpan(start * OnnxRow.Width, length * OnnxRow.Width).ToArray();
            float[] windowOrt = RunOnnx(windowInputs, length);
            for (int i = 0; i < length * OnnxRow.Width; i++)
            {
                float want = expected[(start * OnnxRow.Width) + i];
                Assert.True(GoldenFiles.SameFloat(want, windowOrt[i]), $"ORT is not row-independent at row {start + (i / OnnxRow.Width)}");
                cells++;
                if (!GoldenFiles.SameFloat(want, destination[i]))
                {
                    if (++mismatched <= 5)
                    {
                        output.WriteLine($"{length}-row batch at row {start}, row {start + (i / OnnxRow.Width)} {Columns[i % OnnxRow.Width]}: input {windowInputs[i]:R}, ORT {Bits(want)}, NormGuard {Bits(destination[i])}");
                    }
                }
            }

            windows++;
        }

        output.WriteLine($"{length}-row batches: {windows} windows, {cells} cells, {mismatched} mismatched against ONNX Runtime");
        Assert.True(windows >= 100);
        Assert.Equal(0, mismatched);
    }

    [Fact]
    public void NormalizeBatch_throws_before_writing_when_destination_is_short()
    {
        (OnnxRow[] rows, _) = ReadInputs();
        float[] destination = new float[(7 * OnnxRow.Width) - 1];
        destination.AsSpan().Fill(42f);
        Assert.Throws<ArgumentException>(() => OnnxRow.NormalizeBatch(rows.AsSpan(0, 7), destination));
        Assert.All(destination, v => Assert.Equal(42f, v));
    }

    private static (OnnxRow[] Rows, float[] Inputs) ReadInputs()
    {
        List<Dictionary<string, string>> csv = GoldenFiles.ReadCsv("golden_onnx.inputs.csv");
        var rows = new OnnxRow[csv.Count];
        var inputs = new float[csv.Count * OnnxRow.Width];
        for (int r = 0; r < csv.Count; r++)
        {
            for (int c = 0; c < OnnxRow.Width; c++)
            {
                inputs[(r * OnnxRow.Width) + c] = GoldenFiles.ParseFloat(csv[r][Columns[c]]);
            }

            ReadOnlySpan<float> v = inputs.AsSpan(r * OnnxRow.Width, OnnxRow.Width);
            rows[r] = new OnnxRow { S1 = v[0], S2 = v[1], M1 = v[2], A1 = v[3], R1 = v[4], R2 = v[5] };
        }

        Assert.Equal(2000, rows.Length);
        return (rows, inputs);
    }

    // one session for the whole class (InferenceSession.Run is thread-safe); lives as long as the test process
    private static readonly Lazy<InferenceSession> Session = new(() => new InferenceSession(GoldenFiles.PathOf("onnx_scaler.onnx")));

    private static float[] RunOnnx(float[] inputs, int rowCount)
    {
        InferenceSession session = Session.Value;
        using OrtValue x = OrtValue.CreateTensorValueFromMemory(inputs, [rowCount, OnnxRow.Width]);
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> results = session.Run(runOptions, ["X"], [x], ["Y"]);
        OrtValue y = results[0];
        OrtTensorTypeAndShapeInfo info = y.GetTensorTypeAndShape();
        Assert.Equal(TensorElementType.Float, info.ElementDataType);
        Assert.Equal([rowCount, OnnxRow.Width], info.Shape);
        return y.GetTensorDataAsSpan<float>().ToArray();
    }

    private static string OrtVersion() => OrtEnv.Instance().GetVersionString();

    private static string Bits(float value) => $"{value:R} (0x{BitConverter.SingleToInt32Bits(value):x8})";

    private static string Describe(int[] counts) =>
        counts.Sum() + " (" + string.Join(", ", counts.Select((n, c) => $"{Columns[c]} {n}")) + ")";
}
