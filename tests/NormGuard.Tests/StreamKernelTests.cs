using System;
using System.Runtime.InteropServices;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tests;

/// <summary>
/// The vector stream kernels against the generated per-row code (true division, every rounding as numpy does it):
/// equal on every lane, for every batch length, and past the non-temporal threshold. Run again in .ci/run with
/// AVX-512, AVX2 and all hardware intrinsics disabled, so every fallback path is checked on this machine.
/// </summary>
public sealed class StreamKernelTests(ITestOutputHelper output)
{
    [Fact]
    public void Kernels_equal_the_exact_per_row_code_on_random_special_and_boundary_inputs()
    {
        // Past the non-temporal threshold, so the streaming-store path is compared too.
        float[] values = Inputs(NormGuard.Internal.StreamKernels.NonTemporalThreshold + 70_000, seed: 17);
        int rows = values.Length / 7;
        Check<StreamSklearnF32>(values.AsSpan(0, rows * 7));
        Check<StreamSklearnF64>(values.AsSpan(0, rows * 7));
        Check<Sensor>(WithoutRefusedNaN(values.AsSpan(0, values.Length / 5 * 5)));
        output.WriteLine($"{rows:N0} rows of 7 features compared per record, vector width {System.Numerics.Vector<byte>.Count * 8} bits (Vector512 {System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated})");
    }

    [Fact]
    public void Every_batch_length_and_offset_agrees()
    {
        float[] values = Inputs(7 * 300, seed: 5);
        float[] sensor = WithoutRefusedNaN(values.AsSpan()).ToArray();
        for (int rows = 0; rows <= 300; rows += rows < 40 ? 1 : 29)
        {
            Check<StreamSklearnF32>(values.AsSpan(0, rows * 7));
            Check<StreamSklearnF64>(values.AsSpan(0, rows * 7));
            Check<Sensor>(sensor.AsSpan(0, rows / 7 * 5 * 7));
        }
    }

    /// <summary>
    /// A copy with NaN replaced in Sensor's Temperature lanes, whose policy is "error": these tests compare whole batches
    /// (the other lanes keep their NaN, which they propagate or fill); StreamKernelMissingTests checks the refusal.
    /// </summary>
    private static Span<float> WithoutRefusedNaN(Span<float> values)
    {
        float[] copy = values.ToArray();
        for (int i = 0; i < copy.Length; i += Sensor.Width)
        {
            copy[i] = float.IsNaN(copy[i]) ? 1f : copy[i];
        }

        return copy;
    }

    private static void Check<T>(Span<float> flat)
        where T : struct, INormalizable<T>
    {
        ReadOnlySpan<T> rows = MemoryMarshal.Cast<float, T>(flat);
        float[] batch = new float[rows.Length * T.Width];
        T.NormalizeBatch(rows, batch);
        float[] single = new float[T.Width];
        for (int r = 0; r < rows.Length; r++)
        {
            rows[r].Normalize(single);
            for (int c = 0; c < T.Width; c++)
            {
                if (!GoldenFiles.SameFloat(single[c], batch[(r * T.Width) + c]))
                {
                    Assert.Fail($"{typeof(T).Name} row {r} of {rows.Length}, column {c}: per row {single[c]:R} (0x{BitConverter.SingleToInt32Bits(single[c]):X8}), batch {batch[(r * T.Width) + c]:R} (0x{BitConverter.SingleToInt32Bits(batch[(r * T.Width) + c]):X8})");
                }
            }
        }
    }

    /// <summary>Mostly ordinary values; some specials; and values whose quotient is a float32 rounding midpoint.</summary>
    private static float[] Inputs(int count, int seed)
    {
        var random = new Random(seed);
        float[] specials = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue, 1e-38f, 3f, 1.5f];
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (random.Next(20)) switch
            {
                0 => specials[random.Next(specials.Length)],
                // (x − 0) / 3 lands on or next to float32 midpoints: x = 3·(m + half an ulp).
                1 => MidpointTimes(3f, random),
                2 => (float)(random.NextDouble() * 1e30 * (random.Next(2) == 0 ? 1 : -1)),
                _ => (float)((random.NextDouble() - 0.3) * 200),
            };
        }

        return values;
    }

    private static float MidpointTimes(float factor, Random random)
    {
        float m = (float)(random.NextDouble() * 100);
        double midpoint = (m + (double)MathF.BitIncrement(m)) / 2;
        return (float)(midpoint * factor);
    }
}
