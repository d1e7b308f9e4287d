using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NormGuard.Internal;

/// <summary>The instruction-set paths of <see cref="VectorKernels"/>; every one gives the bits of the scalar reference.</summary>
internal enum VectorIsa
{
    Scalar,
    Vector128,
    Vector256,
    Vector512,
}

/// <summary>
/// The vectorized paths. Reductions keep the scalar order by construction: the 16 partial sums live in vector lanes
/// (two 8-lane, four 4-lane or eight 2-lane float64 accumulators, lane l of accumulator a holding partial a·w + l), and
/// each block of 16 elements adds element i of the block to partial i. The 512- and 256-bit paths add the tail as a
/// block padded with +0 and run the tree in registers; the 128-bit path stores its partials and finishes with the
/// scalar tail and tree. Element-wise loops process
/// whole vectors and then a scalar tail, never an overlapping last vector, so that in-place calls stay correct.
/// </summary>
public static partial class VectorKernels
{
    /// <summary>The widest path this machine accelerates (the DOTNET_EnableAVX512F/AVX2/HWIntrinsic knobs lower it).</summary>
    internal static readonly VectorIsa Best =
        Vector512.IsHardwareAccelerated ? VectorIsa.Vector512 :
        Vector256.IsHardwareAccelerated ? VectorIsa.Vector256 :
        Vector128.IsHardwareAccelerated ? VectorIsa.Vector128 : VectorIsa.Scalar;

    internal static double SumOfProducts(ReadOnlySpan<float> a, ReadOnlySpan<float> b, VectorIsa isa) => isa switch
    {
        VectorIsa.Vector512 => SumOfProducts512(a, b),
        VectorIsa.Vector256 => SumOfProducts256(a, b),
        _ => SumOfProductsInMemory(a, b, isa),
    };

    internal static double SumOfSquaresOn(ReadOnlySpan<float> x, VectorIsa isa) => isa switch
    {
        VectorIsa.Vector512 => SumOfSquares512(x),
        VectorIsa.Vector256 => SumOfSquares256(x),
        _ => SumOfSquaresInMemory(x, isa),
    };

    /// <summary>
    /// The 512-bit path with the partials kept in two registers. The tail block is padded with +0: adding +0·+0 leaves
    /// every partial unchanged (a partial is never −0: it starts at +0, and x + (−x) rounds to +0), so the sums equal the
    /// scalar order's. The tree is the documented one: q = acc0 + acc1 (p[j] + p[j+8]), then halves of q, then halves
    /// again, then lane 0 + lane 1.
    /// </summary>
    private static double SumOfProducts512(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        ref float pa = ref MemoryMarshal.GetReference(a);
        ref float pb = ref MemoryMarshal.GetReference(b);
        Vector512<double> acc0 = Vector512<double>.Zero, acc1 = Vector512<double>.Zero;
        int i = 0;
        for (; i <= a.Length - Partials; i += Partials)
        {
            (Vector512<double> a0, Vector512<double> a1) = Vector512.Widen(Vector512.LoadUnsafe(ref pa, (nuint)i));
            (Vector512<double> b0, Vector512<double> b1) = Vector512.Widen(Vector512.LoadUnsafe(ref pb, (nuint)i));
            acc0 += a0 * b0;
            acc1 += a1 * b1;
        }

        if (i < a.Length)
        {
            PaddedBlock ta = PaddedBlock.From(a, i), tb = PaddedBlock.From(b, i);
            (Vector512<double> a0, Vector512<double> a1) = Vector512.Widen(Vector512.LoadUnsafe(ref ta[0]));
            (Vector512<double> b0, Vector512<double> b1) = Vector512.Widen(Vector512.LoadUnsafe(ref tb[0]));
            acc0 += a0 * b0;
            acc1 += a1 * b1;
        }

        Vector512<double> q = acc0 + acc1;
        Vector256<double> r = q.GetLower() + q.GetUpper();
        Vector128<double> s = r.GetLower() + r.GetUpper();
        return s.ToScalar() + s.GetElement(1);
    }

    /// <summary>The 256-bit path: partials 0–3, 4–7, 8–11, 12–15 in four registers, tail and tree as the 512-bit path.</summary>
    private static double SumOfProducts256(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        ref float pa = ref MemoryMarshal.GetReference(a);
        ref float pb = ref MemoryMarshal.GetReference(b);
        Vector256<double> acc0 = Vector256<double>.Zero, acc1 = acc0, acc2 = acc0, acc3 = acc0;
        int i = 0;
        for (; i <= a.Length - Partials; i += Partials)
        {
            (Vector256<double> a0, Vector256<double> a1) = Vector256.Widen(Vector256.LoadUnsafe(ref pa, (nuint)i));
            (Vector256<double> a2, Vector256<double> a3) = Vector256.Widen(Vector256.LoadUnsafe(ref pa, (nuint)i + 8));
            (Vector256<double> b0, Vector256<double> b1) = Vector256.Widen(Vector256.LoadUnsafe(ref pb, (nuint)i));
            (Vector256<double> b2, Vector256<double> b3) = Vector256.Widen(Vector256.LoadUnsafe(ref pb, (nuint)i + 8));
            acc0 += a0 * b0;
            acc1 += a1 * b1;
            acc2 += a2 * b2;
            acc3 += a3 * b3;
        }

        if (i < a.Length)
        {
            PaddedBlock ta = PaddedBlock.From(a, i), tb = PaddedBlock.From(b, i);
            (Vector256<double> a0, Vector256<double> a1) = Vector256.Widen(Vector256.LoadUnsafe(ref ta[0]));
            (Vector256<double> a2, Vector256<double> a3) = Vector256.Widen(Vector256.LoadUnsafe(ref ta[8]));
            (Vector256<double> b0, Vector256<double> b1) = Vector256.Widen(Vector256.LoadUnsafe(ref tb[0]));
            (Vector256<double> b2, Vector256<double> b3) = Vector256.Widen(Vector256.LoadUnsafe(ref tb[8]));
            acc0 += a0 * b0;
            acc1 += a1 * b1;
            acc2 += a2 * b2;
            acc3 += a3 * b3;
        }

        Vector256<double> r = (acc0 + acc2) + (acc1 + acc3);
        Vector128<double> s = r.GetLower() + r.GetUpper();
        return s.ToScalar() + s.GetElement(1);
    }

    /// <summary><see cref="SumOfProducts512"/> of x with itself, loading and widening each block once.</summary>
    private static double SumOfSquares512(ReadOnlySpan<float> x)
    {
        ref float px = ref MemoryMarshal.GetReference(x);
        Vector512<double> acc0 = Vector512<double>.Zero, acc1 = Vector512<double>.Zero;
        int i = 0;
        for (; i <= x.Length - Partials; i += Partials)
        {
            (Vector512<double> x0, Vector512<double> x1) = Vector512.Widen(Vector512.LoadUnsafe(ref px, (nuint)i));
            acc0 += x0 * x0;
            acc1 += x1 * x1;
        }

        if (i < x.Length)
        {
            PaddedBlock tail = PaddedBlock.From(x, i);
            (Vector512<double> x0, Vector512<double> x1) = Vector512.Widen(Vector512.LoadUnsafe(ref tail[0]));
            acc0 += x0 * x0;
            acc1 += x1 * x1;
        }

        Vector512<double> q = acc0 + acc1;
        Vector256<double> r = q.GetLower() + q.GetUpper();
        Vector128<double> s = r.GetLower() + r.GetUpper();
        return s.ToScalar() + s.GetElement(1);
    }

    /// <summary><see cref="SumOfProducts256"/> of x with itself, loading and widening each block once.</summary>
    private static double SumOfSquares256(ReadOnlySpan<float> x)
    {
        ref float px = ref MemoryMarshal.GetReference(x);
        Vector256<double> acc0 = Vector256<double>.Zero, acc1 = acc0, acc2 = acc0, acc3 = acc0;
        int i = 0;
        for (; i <= x.Length - Partials; i += Partials)
        {
            (Vector256<double> x0, Vector256<double> x1) = Vector256.Widen(Vector256.LoadUnsafe(ref px, (nuint)i));
            (Vector256<double> x2, Vector256<double> x3) = Vector256.Widen(Vector256.LoadUnsafe(ref px, (nuint)i + 8));
            acc0 += x0 * x0;
            acc1 += x1 * x1;
            acc2 += x2 * x2;
            acc3 += x3 * x3;
        }

        if (i < x.Length)
        {
            PaddedBlock tail = PaddedBlock.From(x, i);
            (Vector256<double> x0, Vector256<double> x1) = Vector256.Widen(Vector256.LoadUnsafe(ref tail[0]));
            (Vector256<double> x2, Vector256<double> x3) = Vector256.Widen(Vector256.LoadUnsafe(ref tail[8]));
            acc0 += x0 * x0;
            acc1 += x1 * x1;
            acc2 += x2 * x2;
            acc3 += x3 * x3;
        }

        Vector256<double> r = (acc0 + acc2) + (acc1 + acc3);
        Vector128<double> s = r.GetLower() + r.GetUpper();
        return s.ToScalar() + s.GetElement(1);
    }

    /// <summary>
    /// The last, partial block of 16 elements padded with +0, filled by a plain loop: a call (Span.CopyTo) here made the
    /// JIT keep the accumulators in memory through the whole main loop.
    /// </summary>
    [InlineArray(Partials)]
    private struct PaddedBlock
    {
        private float _element;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static PaddedBlock From(ReadOnlySpan<float> x, int start)
        {
            PaddedBlock block = default;
            for (int t = 0; t < x.Length - start; t++)
            {
                block[t] = x[start + t];
            }

            return block;
        }
    }

    private static double SumOfProductsInMemory(ReadOnlySpan<float> a, ReadOnlySpan<float> b, VectorIsa isa)
    {
        Span<double> partial = stackalloc double[Partials];
        partial.Clear();
        int done = isa == VectorIsa.Vector128 ? Accumulate128(a, b, partial) : 0;
        AccumulateScalar(a, b, done, partial);
        return CombinePartials(partial);
    }

    private static double SumOfSquaresInMemory(ReadOnlySpan<float> x, VectorIsa isa)
    {
        Span<double> partial = stackalloc double[Partials];
        partial.Clear();
        int done = isa == VectorIsa.Vector128 ? AccumulateSquares128(x, partial) : 0;
        AccumulateScalar(x, x, done, partial);
        return CombinePartials(partial);
    }

    private static int Accumulate128(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<double> partial)
    {
        ref float pa = ref MemoryMarshal.GetReference(a);
        ref float pb = ref MemoryMarshal.GetReference(b);
        ref double p = ref MemoryMarshal.GetReference(partial);
        int i = 0;

        // Two halves of the 16 partials at a time (four 2-lane accumulators each): eight accumulators and their
        // operands would not fit the 16 SSE registers. Each half sees every block in order, so the sums are unchanged.
        for (int half = 0; half < Partials; half += 8)
        {
            Vector128<double> acc0 = Vector128<double>.Zero, acc1 = acc0, acc2 = acc0, acc3 = acc0;
            for (i = 0; i <= a.Length - Partials; i += Partials)
            {
                nuint at = (nuint)(i + half);
                (Vector128<double> a0, Vector128<double> a1) = Vector128.Widen(Vector128.LoadUnsafe(ref pa, at));
                (Vector128<double> a2, Vector128<double> a3) = Vector128.Widen(Vector128.LoadUnsafe(ref pa, at + 4));
                (Vector128<double> b0, Vector128<double> b1) = Vector128.Widen(Vector128.LoadUnsafe(ref pb, at));
                (Vector128<double> b2, Vector128<double> b3) = Vector128.Widen(Vector128.LoadUnsafe(ref pb, at + 4));
                acc0 += a0 * b0;
                acc1 += a1 * b1;
                acc2 += a2 * b2;
                acc3 += a3 * b3;
            }

            acc0.StoreUnsafe(ref p, (nuint)half);
            acc1.StoreUnsafe(ref p, (nuint)half + 2);
            acc2.StoreUnsafe(ref p, (nuint)half + 4);
            acc3.StoreUnsafe(ref p, (nuint)half + 6);
        }

        return i;
    }

    private static int AccumulateSquares128(ReadOnlySpan<float> x, Span<double> partial)
    {
        ref float px = ref MemoryMarshal.GetReference(x);
        Vector128<double> acc0 = Vector128<double>.Zero, acc1 = acc0, acc2 = acc0, acc3 = acc0, acc4 = acc0, acc5 = acc0, acc6 = acc0, acc7 = acc0;
        int i = 0;
        for (; i <= x.Length - Partials; i += Partials)
        {
            (Vector128<double> x0, Vector128<double> x1) = Vector128.Widen(Vector128.LoadUnsafe(ref px, (nuint)i));
            (Vector128<double> x2, Vector128<double> x3) = Vector128.Widen(Vector128.LoadUnsafe(ref px, (nuint)i + 4));
            (Vector128<double> x4, Vector128<double> x5) = Vector128.Widen(Vector128.LoadUnsafe(ref px, (nuint)i + 8));
            (Vector128<double> x6, Vector128<double> x7) = Vector128.Widen(Vector128.LoadUnsafe(ref px, (nuint)i + 12));
            acc0 += x0 * x0;
            acc1 += x1 * x1;
            acc2 += x2 * x2;
            acc3 += x3 * x3;
            acc4 += x4 * x4;
            acc5 += x5 * x5;
            acc6 += x6 * x6;
            acc7 += x7 * x7;
        }

        ref double p = ref MemoryMarshal.GetReference(partial);
        acc0.StoreUnsafe(ref p);
        acc1.StoreUnsafe(ref p, 2);
        acc2.StoreUnsafe(ref p, 4);
        acc3.StoreUnsafe(ref p, 6);
        acc4.StoreUnsafe(ref p, 8);
        acc5.StoreUnsafe(ref p, 10);
        acc6.StoreUnsafe(ref p, 12);
        acc7.StoreUnsafe(ref p, 14);
        return i;
    }
}
