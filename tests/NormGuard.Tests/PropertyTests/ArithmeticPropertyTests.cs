using System;
using System.Diagnostics;
using System.Threading;
using CsCheck;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tests.PropertyTests;

/// <summary>
/// The generated arithmetic against <see cref="ProfileReference"/>, bit for bit, on random inputs for every profile and
/// dtype: the per-row <c>Normalize</c> and the batch (vector stream kernels for the PropFlat* records, per-row code
/// for PropWide*). The bounded slice checks about 3.6 million values (2 s here); NORMGUARD_PROPERTY_SCALE multiplies it.
/// </summary>
public sealed class ArithmeticPropertyTests(ITestOutputHelper output)
{
    private const long IterationsPerRecord = 500;

    [Fact]
    public void Generated_normalize_equals_the_plain_reference_of_each_profile()
    {
        var clock = Stopwatch.StartNew();
        long values = 0;
        values += Check<PropFlatNormGuard>();
        values += Check<PropFlatSklearn32>();
        values += Check<PropFlatSklearn64>();
        values += Check<PropFlatOnnx>();
        values += Check<PropFlatMLNet>();
        values += Check<PropFlatSpark>();
        values += Check<PropWideNormGuard>();
        values += Check<PropWideSklearn32>();
        values += Check<PropWideSklearn64>();
        values += Check<PropWideOnnx>();
        values += Check<PropWideMLNet>();
        values += Check<PropWideSpark>();
        output.WriteLine($"{values:N0} values compared (per row and batch, each against the reference), 0 differ, {clock.Elapsed.TotalSeconds:F1} s, scale {PropertyScale.Factor}");
    }

    [Fact]
    public void The_reference_agrees_with_hand_computed_values()
    {
        // Spot checks of the reference itself against arithmetic done by hand, so that it is not only self-consistent.
        var z = new NormalizationStep[] { new ZScoreStep(10, 4) };
        Assert.Equal(0.5f, ProfileReference.SklearnFloat64(z, 12));
        Assert.Equal(0.5f, ProfileReference.NormGuardDefault(z, 12f));
        Assert.Equal(0.5f, ProfileReference.Spark(z, 12));
        Assert.Equal(0.5f, ProfileReference.MLNet(z, 12f));
        Assert.Equal(0.5f, ProfileReference.Onnx(z, 12f, float32Data: true));

        // (0.1 − 0) / 3: float64 then one rounding differs from float32 division of the rounded input.
        var third = new NormalizationStep[] { new ZScoreStep(0, 3) };
        Assert.Equal((float)(0.1 / 3), ProfileReference.SklearnFloat64(third, 0.1));
        Assert.Equal((float)(0.1f / 3d), ProfileReference.SklearnFloat32(third, 0.1f));

        // scikit-learn's MinMaxScaler on [2, 6] to [−1, 1]: scale_ 0.5, min_ −2.
        var minMax = new NormalizationStep[] { new MinMaxStep(2, 6, -1, 1) };
        Assert.Equal(0f, ProfileReference.SklearnFloat64(minMax, 4));
        Assert.Equal(1f, ProfileReference.Spark(minMax, 6));
        Assert.Equal(-1f, ProfileReference.MLNet(minMax, 2f));

        // Constant columns: scikit-learn's range 1 gives low + (x − min)·(high − low); Spark gives the middle; ML.NET gives low.
        var constant = new NormalizationStep[] { new MinMaxStep(5, 5, -1, 1) };
        Assert.Equal(1f, ProfileReference.SklearnFloat64(constant, 6));
        Assert.Equal(0f, ProfileReference.Spark(constant, 123));
        Assert.True(float.IsNaN(ProfileReference.Spark(constant, double.NaN)));
        Assert.Equal(-1f, ProfileReference.MLNet(constant, 7f));

        // Zero std: Spark and ML.NET write 0.
        var flat = new NormalizationStep[] { new ZScoreStep(3, 0) };
        Assert.Equal(0f, ProfileReference.Spark(flat, 3));
        Assert.Equal(0f, ProfileReference.MLNet(flat, 9f));

        // log1p then z-score, clip: ln(1 + e − 1) = 1.
        var log = new NormalizationStep[] { new Log1pStep(), new ZScoreStep(0.5, 0.25), new ClipStep(-1, 1.5) };
        Assert.Equal(1.5f, ProfileReference.SklearnFloat64(log, Math.E - 1));
        Assert.True(float.IsNaN(ProfileReference.SklearnFloat64(log, double.NaN)));
    }

    private static long Check<T>()
        where T : unmanaged, INormalizable<T>
    {
        int width = NumericRecord<T>.Width;
        Manifest manifest = NumericRecord<T>.Manifest;
        ExactChain[] chains = NumericRecord<T>.Chains;
        bool floatMembers = NumericRecord<T>.FloatMembers;
        long compared = 0;

        // A batch of 0 to 48 rows, every value drawn for its own feature.
        Gen<Draw[]> batches = Gen.Int[0, 48].SelectMany(rows => Draw.Gen.Array[rows * width]);
        batches.Sample(
            draws =>
            {
                double[] inputs = new double[draws.Length];
                for (int i = 0; i < draws.Length; i++)
                {
                    inputs[i] = draws[i].ValueOf(chains[i % width], floatMembers);
                }

                T[] rows = NumericRecord<T>.Rows(inputs);
                float[] batch = new float[rows.Length * width];
                T.NormalizeBatch(rows, batch);
                float[] single = new float[width];
                for (int r = 0; r < rows.Length; r++)
                {
                    rows[r].Normalize(single);
                    for (int c = 0; c < width; c++)
                    {
                        double x = NumericRecord<T>.Member(rows[r], c);
                        float expected = ProfileReference.Normalize(manifest, manifest.Features[c], x);
                        Expect(expected, single[c], "Normalize", c, x);
                        Expect(expected, batch[(r * width) + c], $"NormalizeBatch of {rows.Length} rows, row {r}", c, x);
                    }
                }

                Interlocked.Add(ref compared, 2L * draws.Length);
            },
            iter: PropertyScale.Iterations(IterationsPerRecord),
            print: draws => $"{draws.Length / Math.Max(width, 1)} rows: {string.Join(", ", draws)}");
        return compared;

        void Expect(float expected, float actual, string path, int column, double x)
        {
            if (!GoldenFiles.SameFloat(expected, actual))
            {
                throw new Xunit.Sdk.XunitException(
                    $"{NumericRecord<T>.Name} ({manifest.Profile}, {manifest.DType}) feature {manifest.Features[column].Name} [{chains[column].Describe}], {path}: " +
                    $"x = {x:R} (0x{BitConverter.DoubleToInt64Bits(x):X16}): reference {expected:R} (0x{BitConverter.SingleToInt32Bits(expected):X8}), generated {actual:R} (0x{BitConverter.SingleToInt32Bits(actual):X8})");
            }
        }
    }
}
