using System;
using System.Buffers;

namespace NormGuard.Internal;

/// <summary>
/// The scalar reference of every kernel: plain loops in the documented order. The vectorized paths give the same bits
/// (tests/NormGuard.Tests/Vectors); these loops also serve machines without hardware intrinsics and the vector tails.
/// </summary>
public static partial class VectorKernels
{
    /// <summary>The number of partial sums of the fixed summation order (class remarks).</summary>
    private const int Partials = 16;

    /// <summary>Adds a[i]·b[i] (exact in float64) to partial[i mod 16] for i from <paramref name="start"/> on.</summary>
    private static void AccumulateScalar(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int start, Span<double> partial)
    {
        for (int i = start; i < a.Length; i++)
        {
            partial[i % Partials] += (double)a[i] * b[i];
        }
    }

    /// <summary>The fixed tree: 16 → 8 → 4 → 2 → 1, lane j with lane j + half.</summary>
    private static double CombinePartials(Span<double> partial)
    {
        for (int half = Partials / 2; half >= 1; half /= 2)
        {
            for (int j = 0; j < half; j++)
            {
                partial[j] += partial[j + half];
            }
        }

        return partial[0];
    }

    private static void DivideByScalar(ReadOnlySpan<float> source, Span<float> destination, float divisor, int start)
    {
        for (int i = start; i < source.Length; i++)
        {
            destination[i] = source[i] / divisor;
        }
    }

    private static void SubtractScalar(ReadOnlySpan<float> source, ReadOnlySpan<float> offset, Span<float> destination, int start)
    {
        for (int i = start; i < source.Length; i++)
        {
            destination[i] = source[i] - offset[i];
        }
    }

    private static void SubtractMultiplyScalar(ReadOnlySpan<float> source, ReadOnlySpan<float> offset, ReadOnlySpan<float> scale, Span<float> destination, int start)
    {
        for (int i = start; i < source.Length; i++)
        {
            float centered = source[i] - offset[i];
            destination[i] = centered * scale[i];
        }
    }

    private static void SubtractSklearnScalar(ReadOnlySpan<float> source, ReadOnlySpan<double> mean, Span<float> destination, int start)
    {
        for (int i = start; i < source.Length; i++)
        {
            destination[i] = (float)(source[i] - mean[i]);
        }
    }

    private static void SubtractDivideSklearnScalar(ReadOnlySpan<float> source, ReadOnlySpan<double> mean, ReadOnlySpan<double> scale, Span<float> destination, int start)
    {
        for (int i = start; i < source.Length; i++)
        {
            float centered = (float)(source[i] - mean[i]);
            destination[i] = (float)(centered / scale[i]);
        }
    }

    internal static void L2NormalizeSklearn(ReadOnlySpan<float> source, Span<float> destination, VectorIsa isa)
    {
        float norm = (float)Math.Sqrt(SumOfSquaresOn(source, isa));
        DivideBy(source, destination, norm < SklearnNormFloor ? 1f : norm, isa);
    }

    internal static void L2NormalizeTorch(ReadOnlySpan<float> source, Span<float> destination, float epsilon, VectorIsa isa)
    {
        float norm = (float)Math.Sqrt(SumOfSquaresOn(source, isa));
        DivideBy(source, destination, float.IsNaN(norm) ? norm : Math.Max(norm, epsilon), isa);
    }

    internal static void PcaProjectOn(ReadOnlySpan<float> source, ReadOnlySpan<float> mean, ReadOnlySpan<float> components, ReadOnlySpan<float> whitenDivisors, Span<float> destination, VectorIsa isa)
    {
        int d = source.Length;
        float[]? rented = null;
        Span<float> centered = d <= PcaStackScratchLimit ? stackalloc float[PcaStackScratchLimit] : (rented = ArrayPool<float>.Shared.Rent(d));
        centered = centered[..d];
        try
        {
            Subtract(source, mean, centered, isa);
            for (int j = 0; j < destination.Length; j++)
            {
                float projected = (float)SumOfProducts(centered, components.Slice(j * d, d), isa);
                destination[j] = whitenDivisors.IsEmpty ? projected : projected / whitenDivisors[j];
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<float>.Shared.Return(rented);
            }
        }
    }
}
