using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tests;

/// <summary>
/// The edge-value matrix through the stream kernels: all-float structs (EdgeStream*, one per profile) whose batches
/// run as one vector stream, every op the kernels take under "error", "propagate" and a fill, against
/// <see cref="ProfileReference"/>. NaN is missing: under "error" the batch throws naming the feature and the row, with
/// the rows before the failing one written (since issue 15 the kernels check after the store, so the failing row and
/// the rest are unspecified, but nothing past the batch's rows is written); under "propagate" NaN comes out (clip
/// included: no min/max instruction may turn it into a bound); a fill replaces it before the steps. The class name
/// matches .ci/run's fallback filter, so it also runs with AVX-512, AVX2 and all hardware intrinsics disabled.
/// </summary>
public sealed class StreamKernelMissingTests(ITestOutputHelper output)
{
    private static readonly float Sentinel = BitConverter.Int32BitsToSingle(0x7FA5_5A5A);

    public static readonly TheoryData<string> Profiles = new() { "normguard", "sklearn64", "sklearn32", "onnx", "mlnet", "spark" };

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Every_lane_follows_its_policy_for_every_edge_value(string profile)
    {
        int cases = profile switch
        {
            "normguard" => Run<EdgeStreamNormGuard>(),
            "sklearn64" => Run<EdgeStreamSklearn64>(),
            "sklearn32" => Run<EdgeStreamSklearn32>(),
            "onnx" => Run<EdgeStreamOnnx>(),
            "mlnet" => Run<EdgeStreamMLNet>(),
            _ => Run<EdgeStreamSpark>(),
        };
        output.WriteLine($"{profile}: {cases} cases, Vector512 {System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated}, Vector256 {System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated}");
        Assert.True(cases > 1000, $"only {cases} cases ran");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(999)]
    [InlineData(4095)]
    [InlineData(70_000)]
    [InlineData(99_999)]
    public void A_NaN_under_error_in_row_k_of_a_large_batch_throws_naming_row_k_and_writes_nothing_past_the_rows(int k)
    {
        // Sensor: Temperature is "error"; the others propagate or fill, so NaN there never stops the batch.
        const int rows = 100_000;
        var random = new Random(k);
        Sensor[] batch = Enumerable.Range(0, rows).Select(_ => new Sensor
        {
            Temperature = 60 + (float)random.NextDouble() * 20,
            Pressure = random.Next(10) == 0 ? float.NaN : (float)random.NextDouble() * 10,
            Vibration = random.Next(10) == 0 ? float.NaN : (float)random.NextDouble(),
            Current = random.Next(10) == 0 ? float.NaN : 12 + (float)random.NextDouble(),
            Load = random.Next(10) == 0 ? float.NaN : (float)random.NextDouble(),
        }).ToArray();
        batch[k].Temperature = float.NaN;
        if (k + 3 < rows)
        {
            // A later refused NaN changes nothing: the first one decides.
            batch[k + 3].Temperature = float.NaN;
        }

        float[] destination = Enumerable.Repeat(Sentinel, (rows * Sensor.Width) + 7).ToArray();
        NormalizationException error = Assert.Throws<NormalizationException>(() => Sensor.NormalizeBatch(batch, destination));
        Assert.Equal(("sensor", "Temperature", "NaN", (int?)k), (error.FeatureSet, error.Feature, error.Value, error.RowIndex));

        float[] single = new float[Sensor.Width];
        for (int r = 0; r < k; r++)
        {
            batch[r].Normalize(single);
            for (int c = 0; c < Sensor.Width; c++)
            {
                Assert.True(GoldenFiles.SameFloat(single[c], destination[(r * Sensor.Width) + c]), $"row {r} column {c} before the failing row {k}");
            }
        }

        // The failing row and later ones are unspecified now; the floats past the batch's rows stay as they were.
        for (int i = rows * Sensor.Width; i < destination.Length; i++)
        {
            Assert.True(IsSentinel(destination[i]), $"float {i} past the batch's {rows} rows written");
        }
    }

    [Fact]
    public void Past_the_non_temporal_threshold_a_refused_NaN_stops_the_stream_at_its_row()
    {
        // More than 128 MB of output: the streaming-store path, which screens each block while writing the one before.
        int rows = (NormGuard.Internal.StreamKernels.NonTemporalThreshold / Sensor.Width) + 1000;
        var batch = new Sensor[rows];
        for (int r = 0; r < rows; r++)
        {
            batch[r] = new Sensor { Temperature = 70 + (r % 7), Pressure = r % 11 == 0 ? float.NaN : 5, Vibration = r % 13 == 0 ? float.NaN : 0.1f, Current = 12, Load = r % 3 };
        }

        int k = rows - 777_777;
        batch[k].Temperature = float.NaN;
        float[] destination = new float[rows * Sensor.Width];
        destination.AsSpan((k - 1000) * Sensor.Width).Fill(Sentinel);
        NormalizationException error = Assert.Throws<NormalizationException>(() => Sensor.NormalizeBatch(batch, destination));
        Assert.Equal(("Temperature", "NaN", (int?)k), (error.Feature, error.Value, error.RowIndex));

        float[] single = new float[Sensor.Width];
        for (int r = 0; r < k; r += r < k - 5000 ? 997 : 1)
        {
            batch[r].Normalize(single);
            Assert.True(single.AsSpan().SequenceEqual(destination.AsSpan(r * Sensor.Width, Sensor.Width)) || Enumerable.Range(0, Sensor.Width).All(c => GoldenFiles.SameFloat(single[c], destination[(r * Sensor.Width) + c])), $"row {r} before the failing row {k}");
        }

        // The failing row and later ones are unspecified since issue 15 (the block of the NaN may be written).
    }

    [Fact]
    public void Batches_without_a_refused_NaN_equal_the_per_row_code_at_every_length()
    {
        var random = new Random(11);
        float[] specials = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, 0f, float.Epsilon, float.MaxValue, -float.MaxValue, -2f, 2f, 10f];
        EdgeStreamNormGuard[] rows = new EdgeStreamNormGuard[300];
        Span<float> flat = MemoryMarshal.Cast<EdgeStreamNormGuard, float>(rows.AsSpan());
        for (int i = 0; i < flat.Length; i++)
        {
            bool refuses = i % EdgeStreamNormGuard.Width < 8;
            float value = random.Next(4) == 0 ? specials[random.Next(specials.Length)] : (float)((random.NextDouble() - 0.3) * 20);
            flat[i] = refuses && float.IsNaN(value) ? 1f : value;
        }

        for (int n = 0; n <= rows.Length; n += n < 40 ? 1 : 37)
        {
            float[] batch = new float[n * EdgeStreamNormGuard.Width];
            EdgeStreamNormGuard.NormalizeBatch(rows.AsSpan(0, n), batch);
            float[] single = new float[EdgeStreamNormGuard.Width];
            for (int r = 0; r < n; r++)
            {
                rows[r].Normalize(single);
                for (int c = 0; c < single.Length; c++)
                {
                    Assert.True(GoldenFiles.SameFloat(single[c], batch[(r * single.Length) + c]), $"n={n} row {r} column {c}: {single[c]:R} vs {batch[(r * single.Length) + c]:R}");
                }
            }
        }
    }

    /// <summary>For every feature and edge value, in a batch long enough for whole vectors and a tail, at several rows.</summary>
    private static int Run<T>()
        where T : struct, INormalizable<T>
    {
        Manifest manifest = T.FeatureSet.Manifest;
        Assert.Equal(T.Width, manifest.Features.Count);
        const int rows = 41;
        var baseline = new T[rows];
        Span<float> baselineFlat = MemoryMarshal.Cast<T, float>(baseline.AsSpan());
        baselineFlat.Fill(1.5f);
        float[] baselineOut = new float[rows * T.Width];
        T.NormalizeBatch(baseline, baselineOut);
        int cases = 0;
        IEnumerable<object?> inputs = EdgeValueTests.EdgeInputs(typeof(float));
        foreach ((FeatureManifest feature, int column) in manifest.Features.Select((f, i) => (f, i)))
        {
            foreach (float input in inputs.Cast<float>())
            {
                ProfileReference.Outcome expected = ProfileReference.Expect(manifest, feature, input);
                foreach (int k in new[] { 0, 5, rows - 1 })
                {
                    string label = $"{typeof(T).Name}.{feature.Name} = {input:R} in row {k}";
                    T[] batch = (T[])baseline.Clone();
                    MemoryMarshal.Cast<T, float>(batch.AsSpan())[(k * T.Width) + column] = input;
                    float[] destination = Enumerable.Repeat(Sentinel, rows * T.Width).ToArray();
                    if (expected.Throws)
                    {
                        NormalizationException error = Assert.Throws<NormalizationException>(() => T.NormalizeBatch(batch, destination));
                        Assert.True((error.FeatureSet, error.Feature, error.Value) == (T.FeatureSet.Name, feature.Name, expected.ErrorValue), $"{label}: exception names ({error.Feature}, {error.Value})");
                        Assert.True(error.RowIndex == k, $"{label}: row index {error.RowIndex}");
                        Assert.True(destination.AsSpan(0, k * T.Width).SequenceEqual(baselineOut.AsSpan(0, k * T.Width)), label + ": rows before the failing one");
                        Assert.Throws<NormalizationException>(() => batch[k].Normalize(new float[T.Width]));
                    }
                    else
                    {
                        T.NormalizeBatch(batch, destination);
                        float[] single = new float[T.Width];
                        batch[k].Normalize(single);
                        float want = expected.Values![0];
                        Assert.True(GoldenFiles.SameFloat(want, destination[(k * T.Width) + column]), $"{label}: batch {want:R} wanted, {destination[(k * T.Width) + column]:R} written");
                        Assert.True(GoldenFiles.SameFloat(want, single[column]), $"{label}: Normalize {want:R} wanted, {single[column]:R} written");
                        destination[(k * T.Width) + column] = baselineOut[(k * T.Width) + column];
                        Assert.True(destination.AsSpan().SequenceEqual(baselineOut), label + ": other lanes changed");
                    }

                    cases++;
                }
            }
        }

        return cases;
    }

    private static bool IsSentinel(float value) => BitConverter.SingleToInt32Bits(value) == BitConverter.SingleToInt32Bits(Sentinel);
}
