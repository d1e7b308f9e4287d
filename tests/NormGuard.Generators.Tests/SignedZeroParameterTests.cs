using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NormGuard.Generators.Tests;

/// <summary>
/// A manifest parameter of −0 (what <c>normguard import onnx</c> writes for an ONNX offset of −0) reaches the generated
/// code as −0: under the onnx profile zscore is x − f32(mean), then · f32(1/std), and x − (−0) turns the input −0 into
/// +0 where x − 0 keeps it. Expected outputs for the input −0, from IEEE 754 round-to-nearest: mean −0, std 1 → +0;
/// mean 0, std 1 → −0; mean −0, std −0.25 (scale −4) → +0·−4 = −0; mean 0, std −0.25 → −0·−4 = +0.
/// </summary>
public sealed class SignedZeroParameterTests
{
    private const string Source = """
        using NormGuard;

        namespace Signed;

        [FeatureSet("signed")]
        public partial struct Zeros
        {
            [ZScore] public float A;
            [ZScore] public float B;
            [ZScore] public float C;
            [ZScore] public float D;
        }

        public static class Probe
        {
            // every entry point on rows whose values are all -0: one Normalize, then a batch large enough for the vector kernel
            public static float[] Run()
            {
                var rows = new Zeros[67];
                for (int i = 0; i < rows.Length; i++)
                {
                    rows[i] = new Zeros { A = -0f, B = -0f, C = -0f, D = -0f };
                }

                var single = new float[Zeros.Width];
                rows[0].Normalize(single);
                var batch = new float[rows.Length * Zeros.Width];
                Zeros.NormalizeBatch(rows, batch);
                return [.. single, .. batch];
            }
        }
        """;

    private const string Manifest = """
        {
          "format": "normguard.manifest/1", "featureSet": "signed", "version": 1, "profile": "onnx", "dtype": "float32",
          "fit": { "split": "train", "rows": 1 },
          "features": [
            { "name": "A", "steps": [ { "op": "zscore", "mean": -0, "std": 1 } ] },
            { "name": "B", "steps": [ { "op": "zscore", "mean": 0, "std": 1 } ] },
            { "name": "C", "steps": [ { "op": "zscore", "mean": -0, "std": -0.25 } ] },
            { "name": "D", "steps": [ { "op": "zscore", "mean": 0, "std": -0.25 } ] }
          ]
        }
        """;

    [Fact]
    public void A_mean_of_minus_zero_reaches_the_generated_code_as_minus_zero()
    {
        GenerationRun run = GeneratorHost.Run(Source, ("/p/signed.normguard.json", Manifest));
        Assert.Empty(run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        float[] outputs = (float[])Assembly.Load(image.ToArray()).GetType("Signed.Probe")!.GetMethod("Run")!.Invoke(null, null)!;

        int[] expected = [0, unchecked((int)0x80000000), unchecked((int)0x80000000), 0]; // A +0, B −0, C −0, D +0
        Assert.Equal(68 * 4, outputs.Length);
        for (int i = 0; i < outputs.Length; i++)
        {
            Assert.True(expected[i % 4] == BitConverter.SingleToInt32Bits(outputs[i]), $"output {i} (feature {"ABCD"[i % 4]}): 0x{BitConverter.SingleToInt32Bits(outputs[i]):x8}, expected 0x{expected[i % 4]:x8}");
        }
    }
}
