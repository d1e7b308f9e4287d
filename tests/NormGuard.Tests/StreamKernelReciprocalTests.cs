using System;
using System.Linq;
using NormGuard.Internal;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tests;

/// <summary>
/// The float64 kernel's division by reciprocal (<c>StreamKernels.DivideByReciprocal</c>) against the divide instruction,
/// bit for bit: the expected quotient of every case is C#'s scalar <c>a / b</c>, IEEE division correctly rounded. The
/// class name matches .ci/run's StreamKernel filter, so it also runs with AVX-512 (then the 256-bit FMA path), AVX2
/// and all hardware intrinsics (then the kernel must not take this path) disabled.
/// </summary>
public sealed class StreamKernelReciprocalTests(ITestOutputHelper output)
{
    // The families of StreamKernelFamilyTests and CliffBenchmarks, and divisors whose reciprocals are hard: significands
    // of all ones, just above a power of two, short (0.875 = 7/8 reciprocals), and thirds.
    private static readonly double[] Divisors =
    [
        .. Enumerable.Range(0, 12).Select(f => 1.7 + (0.31 * f)),
        .. Enumerable.Range(7, 12).Select(k => k / 7d),
        0.8, 1.6, 3.2, 6.4, 4d / 3,
        .. Enumerable.Range(0, 12).Select(f => 1e40 * (7d + f) / 7),
        .. Enumerable.Range(0, 12).Select(f => (7d + f) / 7 * 3600),
        Math.BitDecrement(2d), Math.BitIncrement(1d), Math.BitIncrement(1.5), 3d, 1d / 3, 0.1, Math.PI, 1d, 7d, 49d, 1e-5, 123456.789,
        Math.ScaleB(1d, -300), Math.ScaleB(1d, 300), Math.ScaleB(Math.BitDecrement(2d), 299),
    ];

    [Fact]
    public void Every_float32_significand_divided_by_each_divisor_equals_the_divide_instruction()
    {
        // All 2^23 significands in [1, 2) as float32 values, and their negatives. Within the proved range the quotient
        // scales exactly with powers of two of dividend and divisor, so this covers every normal float32 dividend.
        double[] dividends = new double[1 << 24];
        for (int m = 0; m < 1 << 23; m++)
        {
            dividends[m] = BitConverter.Int32BitsToSingle(0x3F80_0000 | m);
            dividends[m + (1 << 23)] = -dividends[m];
        }

        double[] quotients = new double[dividends.Length];
        long compared = 0;
        foreach (double b in Divisors)
        {
            if (!Divide(dividends, b, quotients))
            {
                return;
            }

            for (int i = 0; i < dividends.Length; i++)
            {
                Same(dividends[i] / b, quotients[i], dividends[i], b);
            }

            compared += dividends.Length;
        }

        output.WriteLine($"{compared:N0} quotients equal to the divide instruction's");
    }

    [Fact]
    public void Random_doubles_across_the_proved_range_equal_the_divide_instruction()
    {
        // Dividends from 2^-560 to 2^501 with full 53-bit significands (the float64 pipeline's x − mean), divisors from
        // 2^-300 to 2^300; a third of the dividends are b·q one rounding away from a quotient's midpoint.
        var random = new Random(15);
        double[] dividends = new double[4096];
        double[] quotients = new double[dividends.Length];
        long compared = 0;
        for (int round = 0; round < 600; round++)
        {
            double b = RandomDouble(random, -300, 299);
            for (int i = 0; i < dividends.Length; i++)
            {
                double q = RandomDouble(random, -560 + 301, 501 - 301);
                dividends[i] = (i % 3) switch
                {
                    0 => RandomDouble(random, -560, 500) * (random.Next(2) == 0 ? 1 : -1),
                    1 => b * q,
                    _ => Math.FusedMultiplyAdd(b, q, b * (Math.BitIncrement(q) - q) / 2),
                };
            }

            if (!Divide(dividends, b, quotients))
            {
                return;
            }

            for (int i = 0; i < dividends.Length; i++)
            {
                Same(dividends[i] / b, quotients[i], dividends[i], b);
            }

            compared += dividends.Length;
        }

        output.WriteLine($"{compared:N0} quotients equal to the divide instruction's");
    }

    [Fact]
    public void Edge_dividends_give_the_divide_instructions_quotient_with_its_sign_and_NaN()
    {
        double nanWithPayload = BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8_0000_0000_1234UL));
        double[] dividends =
        [
            0d, -0d, double.PositiveInfinity, double.NegativeInfinity, double.NaN, nanWithPayload, float.Epsilon, -float.Epsilon,
            float.MaxValue, -float.MaxValue, Math.ScaleB(1d, -560), -Math.ScaleB(1d, -560), Math.ScaleB(Math.BitDecrement(2d), 500), 1d, -1d,
        ];
        double[] quotients = new double[dividends.Length];
        foreach (double b in Divisors)
        {
            if (!Divide(dividends, b, quotients))
            {
                return;
            }

            for (int i = 0; i < dividends.Length; i++)
            {
                Same(dividends[i] / b, quotients[i], dividends[i], b);
            }
        }
    }

    [Fact]
    public void The_reciprocal_path_is_taken_only_inside_the_proved_range()
    {
        // Decided from the proof's bounds: divisors in [2^-300, 2^300]; offsets and fills zero, or at most 2^500 with
        // no set bit below 2^-560; a lane dividing by 1 has no bound.
        double[] ones = Enumerable.Repeat(1d, 64).ToArray();
        double[] zeros = new double[64];
        Assert.True(StreamKernels.ReciprocalIsExact(Filled(1.7e9), Filled((7d + 1) / 7 * 3600), default));
        Assert.True(StreamKernels.ReciprocalIsExact(zeros, Filled(1e40), Filled(double.NaN)));
        Assert.True(StreamKernels.ReciprocalIsExact(Filled(1e-300), ones, default));
        Assert.True(StreamKernels.ReciprocalIsExact(Filled(Math.ScaleB(1d, -560)), Filled(Math.ScaleB(1d, 300)), Filled(Math.ScaleB(1d, 500))));
        Assert.False(StreamKernels.ReciprocalIsExact(zeros, Filled(4.9e-324), default));
        Assert.False(StreamKernels.ReciprocalIsExact(zeros, Filled(Math.ScaleB(1d, 301)), default));
        Assert.False(StreamKernels.ReciprocalIsExact(zeros, Filled(-2d), default));
        Assert.False(StreamKernels.ReciprocalIsExact(zeros, Filled(double.NaN), default));
        Assert.False(StreamKernels.ReciprocalIsExact(Filled(1e-200), Filled(2d), default));
        Assert.False(StreamKernels.ReciprocalIsExact(Filled(Math.ScaleB(1d, -540) + Math.ScaleB(1d, -580)), Filled(2d), default));
        Assert.False(StreamKernels.ReciprocalIsExact(Filled(1e200), Filled(2d), default));
        Assert.False(StreamKernels.ReciprocalIsExact(zeros, Filled(2d), Filled(1e-200)));
    }

    private static double[] Filled(double value) => Enumerable.Repeat(value, 64).ToArray();

    private bool Divide(double[] dividends, double b, double[] quotients)
    {
        if (StreamKernels.DivideByReciprocal(dividends, b, quotients))
        {
            return true;
        }

        // No vector FMA path on this machine (or under these knobs): then the kernel must divide, and there is nothing to compare.
        output.WriteLine("no vector fused multiply-add: the kernel divides with the divide instruction, reciprocal division not run");
        Assert.False(System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Fma.IsSupported);
        return false;
    }

    private static void Same(double want, double got, double a, double b)
    {
        if (BitConverter.DoubleToInt64Bits(want) != BitConverter.DoubleToInt64Bits(got))
        {
            Assert.Fail($"{a:R} / {b:R}: divide instruction {want:R} (0x{BitConverter.DoubleToInt64Bits(want):X16}), reciprocal {got:R} (0x{BitConverter.DoubleToInt64Bits(got):X16})");
        }
    }

    // A positive double with a random 53-bit significand and a binary exponent in [low, high].
    private static double RandomDouble(Random random, int low, int high) =>
        Math.ScaleB(1d + (random.NextInt64(1L << 52) / (double)(1L << 52)), random.Next(low, high + 1));
}
