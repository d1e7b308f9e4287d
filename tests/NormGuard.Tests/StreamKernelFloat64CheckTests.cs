using System;
using NormGuard.Internal;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tests;

/// <summary>
/// The float64 kernel's check after store past the non-temporal threshold (more than 128 MB of output, streaming
/// stores): a refused NaN in the first or the last block makes <see cref="StreamKernels.AffineFloat64"/> return the
/// start of the period that holds it, with every float before that written exactly; a NaN in a lane that does not
/// refuse, and +∞ and −∞ in refusing lanes (whose sum is NaN: a false alarm), do not stop it. The expected floats come
/// from the formula written out here with scalar division. The class name matches .ci/run's StreamKernel filter.
/// </summary>
public sealed class StreamKernelFloat64CheckTests(ITestOutputHelper output)
{
    private const int Width = 12;
    private const int Period = 48;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Past_the_non_temporal_threshold_a_refused_NaN_returns_the_start_of_its_period_with_everything_before_exact(bool float32Data)
    {
        // Not a multiple of 16: the scalar tail is checked too.
        int length = StreamKernels.NonTemporalThreshold + 4096 + 44;
        double[] mean = new double[Width], std = new double[Width];
        for (int f = 0; f < Width; f++)
        {
            (mean[f], std[f]) = (0.37 * f, 1.7 + (0.31 * f));
        }

        // Feature 3 propagates NaN; the others refuse it.
        int[] error = new int[Period + 16];
        for (int k = 0; k < error.Length; k++)
        {
            error[k] = k % Width == 3 ? 0 : -1;
        }

        float[] source = new float[length];
        for (int i = 0; i < length; i++)
        {
            source[i] = i % Width == 3 && i / Width % 7 == 0 ? float.NaN : (float)(mean[i % Width] + (((i * 7919) % 2001) - 1000) * 0.003);
        }

        // A false alarm in the first block: +∞ and −∞ in refusing lanes sum to NaN.
        source[(100 * Width) + 1] = float.PositiveInfinity;
        source[(101 * Width) + 2] = float.NegativeInfinity;
        float[] destination = new float[length];

        int written = Run(source, destination, mean, std, error, float32Data);
        Assert.Equal(length, written);
        Assert.Equal(length, Exact(source, destination, length, mean, std, float32Data));

        foreach (int at in new[] { (5 * Width) + 7, length - 30, length - 1 })
        {
            source[at] = float.NaN;
            destination.AsSpan().Clear();
            written = Run(source, destination, mean, std, error, float32Data);
            int start = at / Period * Period;
            Assert.Equal(start, written);
            Assert.Equal(start, Exact(source, destination, start, mean, std, float32Data));
            source[at] = 1f;
            output.WriteLine($"refused NaN at {at:N0}: returned {written:N0}, all {start:N0} floats before it exact");
        }
    }

    private static int Run(float[] source, float[] destination, double[] mean, double[] std, int[] error, bool float32Data) =>
        StreamKernels.AffineFloat64(source, destination, Lanes(mean), Lanes(std), Lanes(null, 1d), Lanes(null, -0d), float32Data, error, default);

    // How many of the first `count` floats equal the per-row formula (NaN counts as equal to NaN).
    private static int Exact(float[] source, float[] destination, int count, double[] mean, double[] std, bool float32Data)
    {
        int equal = 0;
        for (int i = 0; i < count; i++)
        {
            double v = source[i] - mean[i % Width];
            if (float32Data)
            {
                v = (float)v;
            }

            float want = (float)(v / std[i % Width]);
            bool same = BitConverter.SingleToInt32Bits(want) == BitConverter.SingleToInt32Bits(destination[i]) || (float.IsNaN(want) && float.IsNaN(destination[i]));
            if (!same)
            {
                Assert.Fail($"float {i}: {source[i]:R} gave {destination[i]:R}, wanted {want:R}");
            }

            equal++;
        }

        return equal;
    }

    private static double[] Lanes(double[]? perFeature, double constant = 0)
    {
        var lanes = new double[Period + 16];
        for (int k = 0; k < lanes.Length; k++)
        {
            lanes[k] = perFeature?[k % Width] ?? constant;
        }

        return lanes;
    }
}
