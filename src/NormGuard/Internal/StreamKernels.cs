using System;
using System.Buffers;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NormGuard.Internal;

/// <summary>
/// Vectorized kernels for feature records whose memory is a flat run of float32 features in manifest order: a batch
/// of rows is one float stream, and lane i of it is feature i mod Width. The generated code passes per-lane parameter
/// tables of length P + 16, where the period P is a multiple of Width and of 16 and the last 16 entries repeat the
/// first 16, so that a vector of up to 16 lanes starting at any table position reads valid entries without a modulo.
/// Absent operations take identity parameters (subtract +0, divide by 1, multiply by 1, add −0), exact for every
/// input, −0 and NaN included; the kernels also skip an operation whose table is all identity.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe partial class StreamKernels
{
    /// <summary>
    /// Outputs at least this long (in floats: 128 MB) are written with non-temporal stores, which skip the
    /// read-for-ownership of each line but evict it from every cache. That pays only for an output several times the
    /// last-level cache: below, the lines of a reused output buffer are still cached, and evicting them costs more than
    /// the saved reads. Measured with a 32 MB L3 (docs/performance.md): 48 MB out, non-temporal 4.5 ms against 2.25
    /// ms; 96 MB, 4.0 against 4.6 ms; 384 MB, 16.9 against 19.4 ms.
    /// </summary>
    public const int NonTemporalThreshold = 1 << 25;

    /// <summary>y = (x − offset) · scale + add in float32, each operation rounded (profiles normguard, onnx, mlnet).</summary>
    public static void AffineFloat32(ReadOnlySpan<float> source, Span<float> destination, ReadOnlySpan<float> offset, ReadOnlySpan<float> scale, ReadOnlySpan<float> add)
    {
        int period = CheckTables(source, destination, offset.Length, scale.Length, add.Length);
        bool subtract = !AllBits(offset, 0u);
        bool multiply = !AllEqual(scale, 1f);
        bool addition = !AllBits(add, 0x8000_0000u);
        fixed (float* x = source)
        fixed (float* y = destination)
        fixed (float* o = offset)
        fixed (float* s = scale)
        fixed (float* a = add)
        {
            switch ((subtract, multiply, addition))
            {
                case (true, true, false): Run32<SubtractMultiply>(x, y, source.Length, o, s, a, period); break;
                case (false, true, true): Run32<MultiplyAdd>(x, y, source.Length, o, s, a, period); break;
                case (false, true, false): Run32<MultiplyOnly>(x, y, source.Length, o, s, a, period); break;
                default: Run32<SubtractMultiplyAdd>(x, y, source.Length, o, s, a, period); break;
            }
        }
    }

    /// <summary>Bounds every lane to [low, high] in place; NaN stays NaN (as numpy.clip does).</summary>
    public static void Clip(Span<float> values, ReadOnlySpan<float> low, ReadOnlySpan<float> high)
    {
        int period = CheckTables(values, values, low.Length, high.Length, low.Length);
        fixed (float* v = values)
        fixed (float* lo = low)
        fixed (float* hi = high)
        {
            Run32<ClipLanes>(v, v, values.Length, lo, hi, hi, period);
        }
    }

    private static int CheckTables(ReadOnlySpan<float> source, ReadOnlySpan<float> destination, int first, int second, int third)
    {
        int period = first - 16;
        if (first != second || first != third || period <= 0 || period % 16 != 0)
        {
            throw new ArgumentException("parameter tables must have equal lengths P + 16, with P a positive multiple of 16");
        }

        if (destination.Length < source.Length)
        {
            throw new ArgumentException("destination is shorter than source", nameof(destination));
        }

        return period;
    }

    private static bool AllBits(ReadOnlySpan<float> values, uint bits)
    {
        foreach (float value in values)
        {
            if (BitConverter.SingleToUInt32Bits(value) != bits)
            {
                return false;
            }
        }

        return true;
    }

    private static bool AllEqual(ReadOnlySpan<float> values, float expected)
    {
        foreach (float value in values)
        {
            if (value != expected)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One operation shape over float32 lanes: x, then the three per-lane parameters.</summary>
    private interface ILanes32
    {
        static abstract Vector512<float> Apply(Vector512<float> x, Vector512<float> p, Vector512<float> q, Vector512<float> r);

        static abstract Vector256<float> Apply(Vector256<float> x, Vector256<float> p, Vector256<float> q, Vector256<float> r);

        static abstract Vector128<float> Apply(Vector128<float> x, Vector128<float> p, Vector128<float> q, Vector128<float> r);

        static abstract float Apply(float x, float p, float q, float r);
    }

    private readonly struct SubtractMultiply : ILanes32
    {
        public static Vector512<float> Apply(Vector512<float> x, Vector512<float> o, Vector512<float> s, Vector512<float> a) => (x - o) * s;

        public static Vector256<float> Apply(Vector256<float> x, Vector256<float> o, Vector256<float> s, Vector256<float> a) => (x - o) * s;

        public static Vector128<float> Apply(Vector128<float> x, Vector128<float> o, Vector128<float> s, Vector128<float> a) => (x - o) * s;

        public static float Apply(float x, float o, float s, float a) => (x - o) * s;
    }

    private readonly struct MultiplyAdd : ILanes32
    {
        public static Vector512<float> Apply(Vector512<float> x, Vector512<float> o, Vector512<float> s, Vector512<float> a) => (x * s) + a;

        public static Vector256<float> Apply(Vector256<float> x, Vector256<float> o, Vector256<float> s, Vector256<float> a) => (x * s) + a;

        public static Vector128<float> Apply(Vector128<float> x, Vector128<float> o, Vector128<float> s, Vector128<float> a) => (x * s) + a;

        public static float Apply(float x, float o, float s, float a) => (x * s) + a;
    }

    private readonly struct MultiplyOnly : ILanes32
    {
        public static Vector512<float> Apply(Vector512<float> x, Vector512<float> o, Vector512<float> s, Vector512<float> a) => x * s;

        public static Vector256<float> Apply(Vector256<float> x, Vector256<float> o, Vector256<float> s, Vector256<float> a) => x * s;

        public static Vector128<float> Apply(Vector128<float> x, Vector128<float> o, Vector128<float> s, Vector128<float> a) => x * s;

        public static float Apply(float x, float o, float s, float a) => x * s;
    }

    private readonly struct SubtractMultiplyAdd : ILanes32
    {
        public static Vector512<float> Apply(Vector512<float> x, Vector512<float> o, Vector512<float> s, Vector512<float> a) => ((x - o) * s) + a;

        public static Vector256<float> Apply(Vector256<float> x, Vector256<float> o, Vector256<float> s, Vector256<float> a) => ((x - o) * s) + a;

        public static Vector128<float> Apply(Vector128<float> x, Vector128<float> o, Vector128<float> s, Vector128<float> a) => ((x - o) * s) + a;

        public static float Apply(float x, float o, float s, float a) => ((x - o) * s) + a;
    }

    // Comparisons rather than Min/Max, whose NaN handling differs across instruction sets: NaN compares false and stays.
    private readonly struct ClipLanes : ILanes32
    {
        public static Vector512<float> Apply(Vector512<float> x, Vector512<float> low, Vector512<float> high, Vector512<float> unused)
        {
            x = Vector512.ConditionalSelect(Vector512.LessThan(x, low), low, x);
            return Vector512.ConditionalSelect(Vector512.GreaterThan(x, high), high, x);
        }

        public static Vector256<float> Apply(Vector256<float> x, Vector256<float> low, Vector256<float> high, Vector256<float> unused)
        {
            x = Vector256.ConditionalSelect(Vector256.LessThan(x, low), low, x);
            return Vector256.ConditionalSelect(Vector256.GreaterThan(x, high), high, x);
        }

        public static Vector128<float> Apply(Vector128<float> x, Vector128<float> low, Vector128<float> high, Vector128<float> unused)
        {
            x = Vector128.ConditionalSelect(Vector128.LessThan(x, low), low, x);
            return Vector128.ConditionalSelect(Vector128.GreaterThan(x, high), high, x);
        }

        public static float Apply(float x, float low, float high, float unused)
        {
            x = x < low ? low : x;
            return x > high ? high : x;
        }
    }

    /// <summary>Runs a lane shape over a float32 stream and its tables with the widest vectors the machine has.</summary>
    private static void Run32<T>(float* x, float* y, nint length, float* p, float* q, float* r, int period)
        where T : struct, ILanes32
    {
        nint i = 0;
        int j = 0;
        if (Vector512.IsHardwareAccelerated && length >= 16)
        {
            if (length >= NonTemporalThreshold)
            {
                for (; i < length && ((nuint)(y + i) & 63) != 0; i++)
                {
                    y[i] = T.Apply(x[i], p[j], q[j], r[j]);
                    j = j + 1 == period ? 0 : j + 1;
                }

                for (; i <= length - 16; i += 16)
                {
                    T.Apply(Vector512.Load(x + i), Vector512.Load(p + j), Vector512.Load(q + j), Vector512.Load(r + j)).StoreAlignedNonTemporal(y + i);
                    j = Next(j, 16, period);
                }

                StoreFence();
            }
            else
            {
                if (period <= 64)
                {
                    i = RowsInRegisters<T>(x, y, length, p, q, r, period);
                }

                for (; i <= length - 16; i += 16)
                {
                    T.Apply(Vector512.Load(x + i), Vector512.Load(p + j), Vector512.Load(q + j), Vector512.Load(r + j)).Store(y + i);
                    j = Next(j, 16, period);
                }
            }
        }
        else if (Vector256.IsHardwareAccelerated && length >= 8)
        {
            if (length >= NonTemporalThreshold)
            {
                for (; i < length && ((nuint)(y + i) & 31) != 0; i++)
                {
                    y[i] = T.Apply(x[i], p[j], q[j], r[j]);
                    j = j + 1 == period ? 0 : j + 1;
                }

                for (; i <= length - 8; i += 8)
                {
                    T.Apply(Vector256.Load(x + i), Vector256.Load(p + j), Vector256.Load(q + j), Vector256.Load(r + j)).StoreAlignedNonTemporal(y + i);
                    j = Next(j, 8, period);
                }

                StoreFence();
            }
            else
            {
                for (; i <= length - 8; i += 8)
                {
                    T.Apply(Vector256.Load(x + i), Vector256.Load(p + j), Vector256.Load(q + j), Vector256.Load(r + j)).Store(y + i);
                    j = Next(j, 8, period);
                }
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= length - 4; i += 4)
            {
                T.Apply(Vector128.Load(x + i), Vector128.Load(p + j), Vector128.Load(q + j), Vector128.Load(r + j)).Store(y + i);
                j = Next(j, 4, period);
            }
        }

        for (; i < length; i++)
        {
            y[i] = T.Apply(x[i], p[j], q[j], r[j]);
            j = j + 1 == period ? 0 : j + 1;
        }
    }

    /// <summary>
    /// For a period of at most 64 lanes, the whole period's parameters stay in registers and the stream is processed a
    /// period at a time: no table loads and no index arithmetic in the loop. Returns where it stopped (a multiple of
    /// the period, so the table index there is 0).
    /// </summary>
    private static nint RowsInRegisters<T>(float* x, float* y, nint length, float* p, float* q, float* r, int period)
        where T : struct, ILanes32
    {
        int vectors = period / 16;
        Vector512<float> p0 = Vector512.Load(p), q0 = Vector512.Load(q), r0 = Vector512.Load(r);
        Vector512<float> p1 = Vector512.Load(p + 16), q1 = Vector512.Load(q + 16), r1 = Vector512.Load(r + 16);
        Vector512<float> p2 = vectors > 2 ? Vector512.Load(p + 32) : p0, q2 = vectors > 2 ? Vector512.Load(q + 32) : q0, r2 = vectors > 2 ? Vector512.Load(r + 32) : r0;
        Vector512<float> p3 = vectors > 3 ? Vector512.Load(p + 48) : p0, q3 = vectors > 3 ? Vector512.Load(q + 48) : q0, r3 = vectors > 3 ? Vector512.Load(r + 48) : r0;
        nint i = 0;
        for (; i <= length - period; i += period)
        {
            T.Apply(Vector512.Load(x + i), p0, q0, r0).Store(y + i);
            if (vectors > 1)
            {
                T.Apply(Vector512.Load(x + i + 16), p1, q1, r1).Store(y + i + 16);
                if (vectors > 2)
                {
                    T.Apply(Vector512.Load(x + i + 32), p2, q2, r2).Store(y + i + 32);
                    if (vectors > 3)
                    {
                        T.Apply(Vector512.Load(x + i + 48), p3, q3, r3).Store(y + i + 48);
                    }
                }
            }
        }

        return i;
    }

    // Non-temporal stores are weakly ordered: fence them before the caller (or another thread) reads the output.
    private static void StoreFence()
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            System.Runtime.Intrinsics.X86.Sse.StoreFence();
        }
    }

    // Tables hold P + 16 entries, so a vector may start anywhere below P.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Next(int j, int step, int period)
    {
        j += step;
        return j >= period ? j - period : j;
    }
}
