using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NormGuard.Internal;

/// <summary>
/// Division by a per-lane constant without the divide instruction, bit for bit the IEEE quotient, for
/// <see cref="StreamKernels.AffineFloat64"/>. With the divide instruction the kernel ran at the division roofline
/// (widen, divide, narrow), itself 0.37–0.60× of the widen/narrow loop on this project's machine (docs/performance.md,
/// "Bit-exact sklearn at its roofline"); three fused multiply-adds and a product with precomputed reciprocals replace
/// it. Whether that is faster there was not shown by the (loaded) runs so far.
/// </summary>
/// <remarks>
/// For a divisor b, with <c>n</c> = RN(1/b), <c>l</c> = RD(1/b) (round down) and <c>h</c> = RN(1/b − l) ≥ +0, and a
/// dividend a (all doubles, round to nearest even):
/// <code>
/// q0 = RN(a·l + RN(a·h))          one product, one FMA
/// r  = RN(q0·b − a)               FMA: exact, −(a − b·q0)
/// q  = RN(q0 − r·n)               FMA: RN(q0 + (a − b·q0)·n) = RN(a/b)
/// </code>
/// Why q = RN(a/b), for finite nonzero a with 2⁻⁵⁶⁰ ≤ |a| ≤ 2⁵⁰¹ and 2⁻³⁰⁰ ≤ b ≤ 2³⁰⁰ (every value and every
/// quotient then lies in [2⁻⁸⁶¹, 2⁸⁰²], far inside the normal range, so no step underflows or overflows):
/// <list type="number">
/// <item>l + h approximates 1/b within 2⁻¹⁰⁵/b: l is within 1 ulp below 1/b, so b·l − 1 is exact (an integer
/// multiple of ulp(b)·ulp(l) below 2⁵³ of them) and h = RN((1 − b·l)/b) is within 2⁻⁵³·h ≤ 2⁻¹⁰⁵/b of 1/b − l.</item>
/// <item>Hence a·l + RN(a·h) is within 2⁻¹⁰⁴·|a/b| of a/b, and its rounding q0 is within 1 ulp of a/b (faithful).</item>
/// <item>Markstein's theorem (P. Markstein, IBM J. Res. Dev. 34(1), 1990; J.-M. Muller et al., Handbook of
/// Floating-Point Arithmetic, 2nd ed., Birkhäuser 2018, the chapter on division with an FMA): if n is within ½ ulp of 1/b and q0 within 1 ulp
/// of a/b, then a − b·q0 is a floating-point number (so the FMA computes r exactly) and RN(q0 + (a − b·q0)·n) =
/// RN(a/b), provided the residual is not in the subnormal range: it is 0 or a multiple of ulp(b)·ulp(q0) ≥
/// 2⁻¹⁰⁶·|a|·(1 − 2⁻⁵²) ≥ 2⁻⁶⁶⁷.</item>
/// <item>Signed zeros: a = ±0 gives q0 = ±0 (both products carry a's sign, as h ≥ +0), r = +0 and q = −0 + q0 = q0,
/// which is ±0/b. a = ±∞ or NaN makes q NaN, and then a itself is the quotient (±∞/b = ±∞; a NaN quotient is the
/// dividend's quieted NaN, as the divide instruction returns it): one compare and one blend.</item>
/// <item>A lane that does not divide (b = 1) has n = l = 1, h = +0: q0 = a, r = +0, q = a for every a.</item>
/// </list>
/// <see cref="ReciprocalIsExact"/> checks the bounds from the tables once per call: a = RN(x − offset) or
/// RN(fill − offset) (rounded to float32 in the float32 pipeline, which can only give 0, ±∞ or a value ≥ 2⁻¹⁴⁹), with x
/// a float32, so a nonzero finite a is at least the lowest set bit of x, offset or fill, and at most 2¹²⁸ + |offset|.
/// Tests: <c>ReciprocalDivisionTests</c> compares q with the divide instruction over every float32 significand for a
/// set of divisors (the result scales exactly with powers of two in this range, so that covers every normal float32
/// dividend for them), random doubles and divisors, and the edge values.
/// </remarks>
public static unsafe partial class StreamKernels
{
    private static readonly double MinDivisor = Math.ScaleB(1d, -300);
    private static readonly double MaxDivisor = Math.ScaleB(1d, 300);
    private static readonly double MaxDividendTerm = Math.ScaleB(1d, 500);

    /// <summary>The lowest bit a dividend term (offset or fill) may have: nonzero dividends are at least this.</summary>
    private const int LowestDividendBit = -560;

    /// <summary>Whether the vector paths have the fused multiply-add the reciprocal division needs.</summary>
    private static bool ReciprocalVectors =>
        (Vector512.IsHardwareAccelerated && Avx512F.IsSupported) || (!Vector512.IsHardwareAccelerated && Vector256.IsHardwareAccelerated && Fma.IsSupported);

    /// <summary>Whether every dividing lane's operands lie where the reciprocal division is proved exact.</summary>
    internal static bool ReciprocalIsExact(ReadOnlySpan<double> offset, ReadOnlySpan<double> divisor, ReadOnlySpan<double> fill)
    {
        for (int k = 0; k < divisor.Length; k++)
        {
            double b = divisor[k];
            if (b == 1d)
            {
                continue;
            }

            if (!(b >= MinDivisor && b <= MaxDivisor) || !ModerateTerm(offset[k]) || (fill.Length != 0 && !double.IsNaN(fill[k]) && !ModerateTerm(fill[k])))
            {
                return false;
            }
        }

        return true;
    }

    // Zero, or at most 2⁵⁰⁰ with no set bit below 2⁻⁵⁶⁰.
    private static bool ModerateTerm(double value)
    {
        if (value == 0d)
        {
            return true;
        }

        if (!(Math.Abs(value) <= MaxDividendTerm))
        {
            return false;
        }

        long bits = BitConverter.DoubleToInt64Bits(value) & long.MaxValue;
        int biased = (int)(bits >> 52);
        long significand = (bits & ((1L << 52) - 1)) | (biased == 0 ? 0 : 1L << 52);
        int exponent = (biased == 0 ? 1 : biased) - 1075;
        return exponent + long.TrailingZeroCount(significand) >= LowestDividendBit;
    }

    /// <summary>Per lane: RN(1/b), RD(1/b) and RN(1/b − RD(1/b)), as three tables of divisor.Length each.</summary>
    private static void FillReciprocals(ReadOnlySpan<double> divisor, Span<double> tables)
    {
        int n = divisor.Length;
        for (int k = 0; k < n; k++)
        {
            (tables[k], tables[n + k], tables[(2 * n) + k]) = Reciprocals(divisor[k]);
        }
    }

    internal static (double Nearest, double Below, double Tail) Reciprocals(double b)
    {
        double nearest = 1d / b;
        // b·nearest − 1 is exact (see the remarks); positive means nearest lies above 1/b.
        double below = Math.FusedMultiplyAdd(nearest, b, -1d) > 0 ? Math.BitDecrement(nearest) : nearest;
        double tail = -Math.FusedMultiplyAdd(below, b, -1d) / b;
        return (nearest, below, tail == 0 ? 0d : tail);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> DivideByReciprocal(Vector512<double> a, Vector512<double> b, Vector512<double> nearest, Vector512<double> below, Vector512<double> tail)
    {
        Vector512<double> q0 = Avx512F.FusedMultiplyAdd(a, below, a * tail);
        Vector512<double> r = Avx512F.FusedMultiplySubtract(q0, b, a);
        Vector512<double> q = Avx512F.FusedMultiplyAddNegated(r, nearest, q0);
        return Vector512.ConditionalSelect(Vector512.Equals(q, q), q, a);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> DivideByReciprocal(Vector256<double> a, Vector256<double> b, Vector256<double> nearest, Vector256<double> below, Vector256<double> tail)
    {
        Vector256<double> q0 = Fma.MultiplyAdd(a, below, a * tail);
        Vector256<double> r = Fma.MultiplySubtract(q0, b, a);
        Vector256<double> q = Fma.MultiplyAddNegated(r, nearest, q0);
        return Vector256.ConditionalSelect(Vector256.Equals(q, q), q, a);
    }

    /// <summary>
    /// The reciprocal division of every dividend by one divisor, with the vector path the kernel uses on this
    /// machine (for tests); false when the machine has no such path.
    /// </summary>
    internal static bool DivideByReciprocal(ReadOnlySpan<double> dividends, double divisor, Span<double> quotients)
    {
        if (!ReciprocalVectors || quotients.Length < dividends.Length)
        {
            return false;
        }

        (double nearest, double below, double tail) = Reciprocals(divisor);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= dividends.Length - 8; i += 8)
            {
                DivideByReciprocal(Vector512.Create(dividends.Slice(i, 8)), Vector512.Create(divisor), Vector512.Create(nearest), Vector512.Create(below), Vector512.Create(tail)).CopyTo(quotients.Slice(i, 8));
            }
        }
        else
        {
            for (; i <= dividends.Length - 4; i += 4)
            {
                DivideByReciprocal(Vector256.Create(dividends.Slice(i, 4)), Vector256.Create(divisor), Vector256.Create(nearest), Vector256.Create(below), Vector256.Create(tail)).CopyTo(quotients.Slice(i, 4));
            }
        }

        for (; i < dividends.Length; i++)
        {
            quotients[i] = dividends[i] / divisor;
        }

        return true;
    }
}
