using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using Xunit;

namespace NormGuard.Generators.Tests;

/// <summary>
/// An <see cref="AdaptiveNormalizer{T}"/> snapshot, compiled by the real generator, writes the floats the normalizer
/// wrote at that generation, bit for bit, for every profile: the record is compiled once against the starting
/// manifest (where the normalizer adapts) and once against the snapshot (where plain generated code runs).
/// </summary>
public sealed class AdaptiveSnapshotTests
{
    private const string Source = """
        using System;
        using NormGuard;

        namespace Probe;

        [FeatureSet("probe")]
        public partial record struct ProbeRow
        {
            [Log1p, ZScore] public double A { get; init; }
            [MinMax(-1, 1, Clip = true)] public double B { get; init; }
            [ZScore, Clip(-3, 3)] public float C { get; init; }
        }

        public static class Driver
        {
            public static string Adapt(double[] a, double[] b, double[] c, int observe, float[] outputs)
            {
                var adaptive = new AdaptiveNormalizer<ProbeRow>(new AdaptiveOptions { HalfLifeRows = 500, StepRows = 100, FreezeMeanShift = 50, FreezeScaleRatio = 50 });
                for (int i = 0; i < observe; i++)
                {
                    adaptive.Observe(new ProbeRow { A = a[i], B = b[i], C = (float)c[i] });
                }

                for (int i = observe; i < a.Length; i++)
                {
                    adaptive.Normalize(new ProbeRow { A = a[i], B = b[i], C = (float)c[i] }, outputs.AsSpan((i - observe) * ProbeRow.Width, ProbeRow.Width));
                }

                return adaptive.Generation > 0 ? adaptive.Snapshot().ToJson() : "";
            }

            public static void Normalize(double[] a, double[] b, double[] c, int from, float[] outputs)
            {
                for (int i = from; i < a.Length; i++)
                {
                    new ProbeRow { A = a[i], B = b[i], C = (float)c[i] }.Normalize(outputs.AsSpan((i - from) * ProbeRow.Width, ProbeRow.Width));
                }
            }
        }
        """;

    [Theory]
    [InlineData(NormalizationProfile.ScikitLearn)]
    [InlineData(NormalizationProfile.NormGuard)]
    [InlineData(NormalizationProfile.Spark)]
    [InlineData(NormalizationProfile.Onnx)]
    [InlineData(NormalizationProfile.MLNet)]
    public void Adaptive_Snapshot_CompiledByTheGenerator_WritesTheSameFloats(NormalizationProfile profile)
    {
        const int Rows = 6_000, Observe = 5_000;
        var random = new Random(23);
        double[] a = new double[Rows], b = new double[Rows], c = new double[Rows];
        for (int i = 0; i < Rows; i++)
        {
            // Drifting: A's level grows by 30 %, B's range slides up, C's mean and spread change.
            double t = (double)i / Rows;
            a[i] = Math.Exp(random.NextDouble() * 1.5) * (1 + (0.3 * t));
            b[i] = (random.NextDouble() * 10) + (2 * t);
            c[i] = 20 + (3 * t) + ((2 + t) * (random.NextDouble() - 0.5) * 3.4);
        }

        string start = new Manifest
        {
            FeatureSet = "probe",
            Version = 1,
            Profile = profile,
            Fit = new FitProvenance { Split = DataSplit.Train, Rows = 1_000, Source = "synthetic" },
            Features =
            [
                new FeatureManifest { Name = "A", Steps = [new Log1pStep(), new ZScoreStep(1.2, 0.45)] },
                new FeatureManifest { Name = "B", Steps = [new MinMaxStep(0, 10, -1, 1, Clip: true)] },
                new FeatureManifest { Name = "C", Steps = [new ZScoreStep(20, 2.9), new ClipStep(-3, 3)] },
            ],
        }.ToJson();

        float[] adapted = new float[(Rows - Observe) * 3];
        string snapshot = (string)Driver(start).GetMethod("Adapt")!.Invoke(null, [a, b, c, Observe, adapted])!;
        Assert.NotEqual(string.Empty, snapshot);
        Assert.Equal(2, Manifest.Parse(snapshot).Version);

        float[] generated = new float[adapted.Length];
        Driver(snapshot).GetMethod("Normalize")!.Invoke(null, [a, b, c, Observe, generated]);
        Assert.Equal(adapted.Select(BitConverter.SingleToInt32Bits), generated.Select(BitConverter.SingleToInt32Bits));

        // And the adaptation did change the floats: the test compares something.
        float[] original = new float[adapted.Length];
        Driver(start).GetMethod("Normalize")!.Invoke(null, [a, b, c, Observe, original]);
        Assert.NotEqual(original.Select(BitConverter.SingleToInt32Bits), generated.Select(BitConverter.SingleToInt32Bits));
    }

    private static Type Driver(string manifestJson)
    {
        GenerationRun run = GeneratorHost.Run(Source, ("probe.normguard.json", manifestJson));
        Assert.Empty(run.CompileErrors);
        using var image = new MemoryStream();
        EmitResult result = run.Output.Emit(image);
        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return Assembly.Load(image.ToArray()).GetType("Probe.Driver")!;
    }
}
