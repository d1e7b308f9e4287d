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
/// input, −0 and NaN included; the kernels also skip an operation whose table is all identity. A NaN input is a
/// missing value: per-lane tables say which lanes refuse it (policy "error") and what replaces it in the others.
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

    /// <summary>
    /// y = (x − offset) · scale + add in float32, each operation rounded (profiles normguard, onnx, mlnet), with the
    /// missing-value policies of the lanes: NaN is a missing value (SPEC §9). A lane whose <paramref name="nanIsError"/>
    /// entry is −1 refuses NaN: the kernel checks each stretch of whole periods (whole rows) before writing any of it,
    /// stops at the start of the stretch that holds a refused NaN and returns how many floats it wrote, so the caller's
    /// per-row code can write the rows before the failing one and throw naming the feature, leaving that row and the
    /// rest untouched. Elsewhere a NaN input becomes the lane's
    /// <paramref name="nanFill"/> entry before the arithmetic: the fill number, or NaN for "propagate", which every
    /// operation keeps. An empty table means no lane refuses, or no lane fills.
    /// </summary>
    /// <returns><c>source.Length</c>, or the multiple of the period where a refused NaN stopped the kernel.</returns>
    public static int AffineFloat32(
        ReadOnlySpan<float> source,
        Span<float> destination,
        ReadOnlySpan<float> offset,
        ReadOnlySpan<float> scale,
        ReadOnlySpan<float> add,
        ReadOnlySpan<int> nanIsError,
        ReadOnlySpan<float> nanFill)
    {
        int period = CheckTables(source, destination, offset.Length, scale.Length, add.Length);
        CheckMissingTables(offset.Length, nanIsError.Length, nanFill.Length);
        bool subtract = !AllBits(offset, 0u);
        bool multiply = !AllEqual(scale, 1f);
        bool addition = !AllBits(add, 0x8000_0000u);
        Checks checks = Classify(nanIsError);
        bool fills = AnyNumber(nanFill);
        fixed (float* x = source)
        fixed (float* y = destination)
        fixed (float* o = offset)
        fixed (float* s = scale)
        fixed (float* a = add)
        fixed (int* e = nanIsError)
        fixed (float* f = nanFill)
        {
            var run = new Stream32(x, y, source.Length, o, s, a, f, e, period);
            return (subtract, multiply, addition) switch
            {
                (true, true, false) => Dispatch<SubtractMultiply>(run, checks, fills),
                (false, true, true) => Dispatch<MultiplyAdd>(run, checks, fills),
                (false, true, false) => Dispatch<MultiplyOnly>(run, checks, fills),
                _ => Dispatch<SubtractMultiplyAdd>(run, checks, fills),
            };
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
            bool nonTemporal = values.Length >= NonTemporalThreshold;
            Run32<ClipLanes, Off>(v, v, values.Length, lo, hi, hi, null, period, nonTemporal);
            if (nonTemporal)
            {
                StoreFence();
            }
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

    private static void CheckMissingTables(int length, int errors, int fills)
    {
        if ((errors != 0 && errors != length) || (fills != 0 && fills != length))
        {
            throw new ArgumentException("missing-value tables must be empty or as long as the parameter tables");
        }
    }

    private enum Checks
    {
        None,
        All,
        Some,
    }

    // Vectorized searches: this runs on every call, and a batch may be a few rows.
    private static Checks Classify(ReadOnlySpan<int> nanIsError) =>
        !nanIsError.ContainsAnyExcept(0) ? Checks.None : !nanIsError.ContainsAnyExcept(-1) ? Checks.All : Checks.Some;

    // A fill table of NaN only (every lane propagates or refuses) changes nothing: the kernel skips it.
    private static bool AnyNumber(ReadOnlySpan<float> values)
    {
        foreach (float value in values)
        {
            if (!float.IsNaN(value))
            {
                return true;
            }
        }

        return false;
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

    /// <summary>The pointers and length of one float32 stream call.</summary>
    private readonly struct Stream32(float* x, float* y, int length, float* p, float* q, float* r, float* fill, int* error, int period)
    {
        public readonly float* X = x;
        public readonly float* Y = y;
        public readonly int Length = length;
        public readonly float* P = p;
        public readonly float* Q = q;
        public readonly float* R = r;
        public readonly float* Fill = fill;
        public readonly int* Error = error;
        public readonly int Period = period;

        /// <summary>The stream from float <paramref name="start"/> on, a multiple of the period (table position 0).</summary>
        public Stream32 From(nint start) => new(X + start, Y + start, Length - (int)start, P, Q, R, Fill, Error, Period);
    }

    private static int Dispatch<T>(Stream32 run, Checks checks, bool fills)
        where T : struct, ILanes32 => (checks, fills) switch
        {
            (Checks.None, false) => Drive32<T, Off, NoCheck>(run),
            (Checks.None, true) => Drive32<T, On, NoCheck>(run),
            (Checks.All, false) => Drive32<T, Off, CheckAll>(run),
            (Checks.All, true) => Drive32<T, On, CheckAll>(run),
            (Checks.Some, false) => Drive32<T, Off, CheckSome>(run),
            _ => Drive32<T, On, CheckSome>(run),
        };

    /// <summary>
    /// Without lanes that refuse NaN, one pass. With them, a row-aligned stretch is checked before any of it is written:
    /// on AVX-512 with a period of at most 64 lanes a period at a time, in registers, fused with the arithmetic (one
    /// compare per vector and one test per period); otherwise blocks of a few KB are scanned and then computed while
    /// they are still in L1, so memory is read once either way.
    /// </summary>
    private static int Drive32<T, TFill, TCheck>(Stream32 run)
        where T : struct, ILanes32
        where TFill : struct, ISwitch
        where TCheck : struct, ICheck
    {
        bool nonTemporal = run.Length >= NonTemporalThreshold;
        int written = run.Length;
        if (!TCheck.Enabled)
        {
            Run32<T, TFill>(run.X, run.Y, run.Length, run.P, run.Q, run.R, run.Fill, run.Period, nonTemporal);
        }
        else
        {
            written = Checked32<T, TFill, TCheck>(run, nonTemporal);
        }

        // Streaming stores are weakly ordered: one fence for the whole call, not one per block.
        if (nonTemporal)
        {
            StoreFence();
        }

        return written;
    }

    private static int Checked32<T, TFill, TCheck>(Stream32 run, bool nonTemporal)
        where T : struct, ILanes32
        where TFill : struct, ISwitch
        where TCheck : struct, ICheck
    {
        if (Vector512.IsHardwareAccelerated && nonTemporal)
        {
            return CheckedNonTemporal32<T, TFill, TCheck>(run);
        }

        nint done = 0;
        if (Vector512.IsHardwareAccelerated && run.Period <= 64)
        {
            while (true)
            {
                Stream32 rest = run.From(done);
                bool alarm;
                done += (run.Period / 16) switch
                {
                    1 => CheckedPeriods<T, TFill, TCheck, V1>(rest, out alarm),
                    2 => CheckedPeriods<T, TFill, TCheck, V2>(rest, out alarm),
                    3 => CheckedPeriods<T, TFill, TCheck, V3>(rest, out alarm),
                    _ => CheckedPeriods<T, TFill, TCheck, V4>(rest, out alarm),
                };
                if (!alarm)
                {
                    break;
                }

                // The screen's sum was NaN: a refused NaN, or +∞ + −∞ (then the period is computed and the loop goes on).
                if (RefusesExactly<TCheck>(run.X + done, run.Period, run.Error, run.Period))
                {
                    return (int)done;
                }

                Run32<T, TFill>(run.X + done, run.Y + done, run.Period, run.P, run.Q, run.R, run.Fill, run.Period, nonTemporal: false);
                done += run.Period;
            }
        }

        nint block = Math.Max(run.Period, CheckBlock / run.Period * run.Period);
        while (done < run.Length)
        {
            nint count = Math.Min(block, run.Length - done);
            if (Refuses<TCheck>(run.X + done, count, run.Error, run.Period))
            {
                return (int)done;
            }

            Run32<T, TFill>(run.X + done, run.Y + done, count, run.P, run.Q, run.R, run.Fill, run.Period, nonTemporal);
            done += count;
        }

        return run.Length;
    }

    /// <summary>
    /// Streaming stores over a stream of more than 128 MB: whole vectors are computed only below <c>verified</c>, the end
    /// of the blocks already screened, while the same loop screens the next block one vector per vector computed. A
    /// separate screening pass per block would read each block while no store is in flight (measured: 384 MB took
    /// 10 ms longer); in one loop the screen's reads overlap the streaming stores. A refused NaN stops the stream at the
    /// start of its block (a multiple of the period), with everything before it written.
    /// </summary>
    private static int CheckedNonTemporal32<T, TFill, TCheck>(Stream32 run)
        where T : struct, ILanes32
        where TFill : struct, ISwitch
        where TCheck : struct, ICheck
    {
        float* x = run.X, y = run.Y, p = run.P, q = run.Q, r = run.R, f = run.Fill;
        int* e = run.Error;
        int period = run.Period;
        nint length = run.Length;
        nint block = Math.Max(period, CheckBlock / period * period);
        nint verified = Math.Min(block, length);
        if (Refuses<TCheck>(x, verified, e, period))
        {
            return 0;
        }

        nint i = 0;
        int j = 0;
        for (; i < verified && ((nuint)(y + i) & 63) != 0; i++)
        {
            y[i] = T.Apply(Filled<TFill>(x[i], f + j), p[j], q[j], r[j]);
            j = j + 1 == period ? 0 : j + 1;
        }

        while (true)
        {
            nint next = Math.Min(verified + block, length);
            nint k = verified;
            int jk = 0;
            Vector512<float> sum = Vector512<float>.Zero;
            for (; i <= verified - 16; i += 16)
            {
                T.Apply(Filled<TFill>(Vector512.Load(x + i), TFill.Enabled ? Vector512.Load(f + j) : default), Vector512.Load(p + j), Vector512.Load(q + j), Vector512.Load(r + j)).StoreAlignedNonTemporal(y + i);
                j = Next(j, 16, period);
                if (k <= next - 16)
                {
                    sum += Guard<TCheck>(Vector512.Load(x + k), TCheck.Masked ? Vector512.Load(e + jk).AsSingle() : default);
                    k += 16;
                    jk = Next(jk, 16, period);
                }
            }

            bool last = verified == length;
            bool refused = !last
                && (RefusesExactly<TCheck>(x + k, next - k, e, period, jk)
                    || (!Vector512.EqualsAll(sum, sum) && RefusesExactly<TCheck>(x + verified, next - verified, e, period)));
            if (last || refused)
            {
                // The rest of the verified part, under one vector, with ordinary stores.
                for (; i < verified; i++)
                {
                    y[i] = T.Apply(Filled<TFill>(x[i], f + j), p[j], q[j], r[j]);
                    j = j + 1 == period ? 0 : j + 1;
                }

                return (int)verified;
            }

            verified = next;
        }
    }

    /// <summary>Vectors of 16 lanes per period, as a type so that the JIT unrolls the period loop exactly.</summary>
    private interface IVectors
    {
        static abstract int Count { get; }
    }

    private readonly struct V1 : IVectors
    {
        public static int Count => 1;
    }

    private readonly struct V2 : IVectors
    {
        public static int Count => 2;
    }

    private readonly struct V3 : IVectors
    {
        public static int Count => 3;
    }

    private readonly struct V4 : IVectors
    {
        public static int Count => 4;
    }

    /// <summary>
    /// A period (whole rows) at a time with the parameters in registers, each period checked before any of it is
    /// stored. The check is a screen of one add per vector: the refusing lanes of the period's vectors are summed, and
    /// a NaN in any of them makes the sum NaN; so can +∞ + −∞, so the caller settles an alarm with the exact check.
    /// Returns the end of the last whole period, or with <paramref name="alarm"/> the start of the period whose sum was
    /// NaN (nothing of it written). No call inside the loop: a call would make every vector register a spill.
    /// </summary>
    private static nint CheckedPeriods<T, TFill, TCheck, TV>(Stream32 run, out bool alarm)
        where T : struct, ILanes32
        where TFill : struct, ISwitch
        where TCheck : struct, ICheck
        where TV : struct, IVectors
    {
        float* x = run.X, y = run.Y, p = run.P, q = run.Q, r = run.R, f = run.Fill;
        int* e = run.Error;
        int period = run.Period;
        nint length = run.Length;
        Vector512<float> p0 = Vector512.Load(p), q0 = Vector512.Load(q), r0 = Vector512.Load(r);
        Vector512<float> p1 = TV.Count > 1 ? Vector512.Load(p + 16) : default, q1 = TV.Count > 1 ? Vector512.Load(q + 16) : default, r1 = TV.Count > 1 ? Vector512.Load(r + 16) : default;
        Vector512<float> p2 = TV.Count > 2 ? Vector512.Load(p + 32) : default, q2 = TV.Count > 2 ? Vector512.Load(q + 32) : default, r2 = TV.Count > 2 ? Vector512.Load(r + 32) : default;
        Vector512<float> p3 = TV.Count > 3 ? Vector512.Load(p + 48) : default, q3 = TV.Count > 3 ? Vector512.Load(q + 48) : default, r3 = TV.Count > 3 ? Vector512.Load(r + 48) : default;
        Vector512<float> f0 = default, f1 = default, f2 = default, f3 = default;
        if (TFill.Enabled)
        {
            f0 = Vector512.Load(f);
            f1 = TV.Count > 1 ? Vector512.Load(f + 16) : default;
            f2 = TV.Count > 2 ? Vector512.Load(f + 32) : default;
            f3 = TV.Count > 3 ? Vector512.Load(f + 48) : default;
        }

        Vector512<float> e0 = default, e1 = default, e2 = default, e3 = default;
        if (TCheck.Masked)
        {
            e0 = Vector512.Load(e).AsSingle();
            e1 = TV.Count > 1 ? Vector512.Load(e + 16).AsSingle() : default;
            e2 = TV.Count > 2 ? Vector512.Load(e + 32).AsSingle() : default;
            e3 = TV.Count > 3 ? Vector512.Load(e + 48).AsSingle() : default;
        }

        alarm = false;
        nint i = 0;
        for (; i <= length - period; i += period)
        {
            Vector512<float> x0 = Vector512.Load(x + i);
            Vector512<float> x1 = TV.Count > 1 ? Vector512.Load(x + i + 16) : default;
            Vector512<float> x2 = TV.Count > 2 ? Vector512.Load(x + i + 32) : default;
            Vector512<float> x3 = TV.Count > 3 ? Vector512.Load(x + i + 48) : default;
            Vector512<float> sum = Guard<TCheck>(x0, e0);
            if (TV.Count > 1)
            {
                sum += Guard<TCheck>(x1, e1);
            }

            if (TV.Count > 2)
            {
                sum += Guard<TCheck>(x2, e2);
            }

            if (TV.Count > 3)
            {
                sum += Guard<TCheck>(x3, e3);
            }

            if (!Vector512.EqualsAll(sum, sum))
            {
                alarm = true;
                return i;
            }

            T.Apply(Filled<TFill>(x0, f0), p0, q0, r0).Store(y + i);
            if (TV.Count > 1)
            {
                T.Apply(Filled<TFill>(x1, f1), p1, q1, r1).Store(y + i + 16);
            }

            if (TV.Count > 2)
            {
                T.Apply(Filled<TFill>(x2, f2), p2, q2, r2).Store(y + i + 32);
            }

            if (TV.Count > 3)
            {
                T.Apply(Filled<TFill>(x3, f3), p3, q3, r3).Store(y + i + 48);
            }
        }

        return i;
    }

    /// <summary>The lanes that refuse NaN: all of them, or those whose error-table bits are all ones (the others read +0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Guard<TCheck>(Vector512<float> x, Vector512<float> error)
        where TCheck : struct, ICheck => TCheck.Masked ? x & error : x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Guard<TCheck>(Vector256<float> x, int* error)
        where TCheck : struct, ICheck => TCheck.Masked ? x & Vector256.Load(error).AsSingle() : x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Guard<TCheck>(Vector128<float> x, int* error)
        where TCheck : struct, ICheck => TCheck.Masked ? x & Vector128.Load(error).AsSingle() : x;

    /// <summary>Floats checked per block before they are computed: 16 KB of input, which stays in L1 for the second read.</summary>
    private const int CheckBlock = 4096;

    /// <summary>Which lanes refuse NaN: none, all, or those whose error-table entry is −1.</summary>
    private interface ICheck
    {
        static abstract bool Enabled { get; }

        static abstract bool Masked { get; }
    }

    private readonly struct NoCheck : ICheck
    {
        public static bool Enabled => false;

        public static bool Masked => false;
    }

    private readonly struct CheckAll : ICheck
    {
        public static bool Enabled => true;

        public static bool Masked => false;
    }

    private readonly struct CheckSome : ICheck
    {
        public static bool Enabled => true;

        public static bool Masked => true;
    }

    /// <summary>Whether a NaN sits in a refusing lane of x[0..count); x starts at table position 0.</summary>
    private static bool Refuses<TCheck>(float* x, nint count, int* error, int period)
        where TCheck : struct, ICheck => MayRefuse<TCheck>(x, count, error, period) && RefusesExactly<TCheck>(x, count, error, period);

    /// <summary>
    /// The screen: the refusing lanes summed in four independent accumulators (one add per vector, at memory speed); a
    /// NaN among them makes a sum NaN. False alarms (+∞ + −∞) go to <see cref="RefusesExactly"/>.
    /// </summary>
    private static bool MayRefuse<TCheck>(float* x, nint count, int* error, int period)
        where TCheck : struct, ICheck
    {
        nint i = 0;
        int j = 0;
        if (Vector512.IsHardwareAccelerated && count >= 64)
        {
            Vector512<float> s0 = Vector512<float>.Zero, s1 = s0, s2 = s0, s3 = s0;
            for (; i <= count - 64; i += 64)
            {
                s0 += Guard<TCheck>(Vector512.Load(x + i), TCheck.Masked ? Vector512.Load(error + j).AsSingle() : default);
                s1 += Guard<TCheck>(Vector512.Load(x + i + 16), TCheck.Masked ? Vector512.Load(error + Next(j, 16, period)).AsSingle() : default);
                s2 += Guard<TCheck>(Vector512.Load(x + i + 32), TCheck.Masked ? Vector512.Load(error + Next(j, 32 % period, period)).AsSingle() : default);
                s3 += Guard<TCheck>(Vector512.Load(x + i + 48), TCheck.Masked ? Vector512.Load(error + Next(j, 48 % period, period)).AsSingle() : default);
                j = Next(j, 64 % period, period);
            }

            Vector512<float> sum = (s0 + s1) + (s2 + s3);
            if (!Vector512.EqualsAll(sum, sum))
            {
                return true;
            }
        }
        else if (Vector256.IsHardwareAccelerated && count >= 32)
        {
            Vector256<float> s0 = Vector256<float>.Zero, s1 = s0, s2 = s0, s3 = s0;
            for (; i <= count - 32; i += 32)
            {
                s0 += Guard<TCheck>(Vector256.Load(x + i), error + j);
                s1 += Guard<TCheck>(Vector256.Load(x + i + 8), error + Next(j, 8, period));
                s2 += Guard<TCheck>(Vector256.Load(x + i + 16), error + Next(j, 16, period));
                s3 += Guard<TCheck>(Vector256.Load(x + i + 24), error + Next(j, 24 % period, period));
                j = Next(j, 32 % period, period);
            }

            Vector256<float> sum = (s0 + s1) + (s2 + s3);
            if (!Vector256.EqualsAll(sum, sum))
            {
                return true;
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<float> sum = Vector128<float>.Zero;
            for (; i <= count - 4; i += 4)
            {
                sum += Guard<TCheck>(Vector128.Load(x + i), error + j);
                j = Next(j, 4, period);
            }

            if (!Vector128.EqualsAll(sum, sum))
            {
                return true;
            }
        }

        for (; i < count; i++)
        {
            if (float.IsNaN(x[i]) && (!TCheck.Masked || error[j] != 0))
            {
                return true;
            }

            j = j + 1 == period ? 0 : j + 1;
        }

        return false;
    }

    /// <summary>Whether a NaN sits in a refusing lane of x[0..count), lane by lane; x starts at table position <paramref name="j"/>.</summary>
    private static bool RefusesExactly<TCheck>(float* x, nint count, int* error, int period, int j = 0)
        where TCheck : struct, ICheck
    {
        for (nint i = 0; i < count; i++)
        {
            if (float.IsNaN(x[i]) && (!TCheck.Masked || error[j] != 0))
            {
                return true;
            }

            j = j + 1 == period ? 0 : j + 1;
        }

        return false;
    }

    /// <summary>A NaN lane replaced by the lane's fill (a number, or NaN for "propagate"), when any lane fills.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Filled<TFill>(Vector512<float> x, Vector512<float> fill)
        where TFill : struct, ISwitch => TFill.Enabled ? Vector512.ConditionalSelect(Vector512.Equals(x, x), x, fill) : x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Filled<TFill>(Vector256<float> x, float* fill)
        where TFill : struct, ISwitch => TFill.Enabled ? Vector256.ConditionalSelect(Vector256.Equals(x, x), x, Vector256.Load(fill)) : x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Filled<TFill>(Vector128<float> x, float* fill)
        where TFill : struct, ISwitch => TFill.Enabled ? Vector128.ConditionalSelect(Vector128.Equals(x, x), x, Vector128.Load(fill)) : x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Filled<TFill>(float x, float* fill)
        where TFill : struct, ISwitch => TFill.Enabled && float.IsNaN(x) ? *fill : x;

    /// <summary>
    /// Runs a lane shape over a float32 stream and its tables with the widest vectors the machine has. With
    /// <paramref name="nonTemporal"/> the caller fences the streaming stores once, after its last call.
    /// </summary>
    private static void Run32<T, TFill>(float* x, float* y, nint length, float* p, float* q, float* r, float* f, int period, bool nonTemporal)
        where T : struct, ILanes32
        where TFill : struct, ISwitch
    {
        nint i = 0;
        int j = 0;
        if (Vector512.IsHardwareAccelerated && length >= 16)
        {
            if (nonTemporal)
            {
                for (; i < length && ((nuint)(y + i) & 63) != 0; i++)
                {
                    y[i] = T.Apply(Filled<TFill>(x[i], f + j), p[j], q[j], r[j]);
                    j = j + 1 == period ? 0 : j + 1;
                }

                for (; i <= length - 16; i += 16)
                {
                    T.Apply(Filled<TFill>(Vector512.Load(x + i), TFill.Enabled ? Vector512.Load(f + j) : default), Vector512.Load(p + j), Vector512.Load(q + j), Vector512.Load(r + j)).StoreAlignedNonTemporal(y + i);
                    j = Next(j, 16, period);
                }
            }
            else
            {
                if (period <= 64)
                {
                    i = RowsInRegisters<T, TFill>(x, y, length, p, q, r, f, period);
                }

                for (; i <= length - 16; i += 16)
                {
                    T.Apply(Filled<TFill>(Vector512.Load(x + i), TFill.Enabled ? Vector512.Load(f + j) : default), Vector512.Load(p + j), Vector512.Load(q + j), Vector512.Load(r + j)).Store(y + i);
                    j = Next(j, 16, period);
                }
            }
        }
        else if (Vector256.IsHardwareAccelerated && length >= 8)
        {
            if (nonTemporal)
            {
                for (; i < length && ((nuint)(y + i) & 31) != 0; i++)
                {
                    y[i] = T.Apply(Filled<TFill>(x[i], f + j), p[j], q[j], r[j]);
                    j = j + 1 == period ? 0 : j + 1;
                }

                for (; i <= length - 8; i += 8)
                {
                    T.Apply(Filled<TFill>(Vector256.Load(x + i), f + j), Vector256.Load(p + j), Vector256.Load(q + j), Vector256.Load(r + j)).StoreAlignedNonTemporal(y + i);
                    j = Next(j, 8, period);
                }
            }
            else
            {
                for (; i <= length - 8; i += 8)
                {
                    T.Apply(Filled<TFill>(Vector256.Load(x + i), f + j), Vector256.Load(p + j), Vector256.Load(q + j), Vector256.Load(r + j)).Store(y + i);
                    j = Next(j, 8, period);
                }
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= length - 4; i += 4)
            {
                T.Apply(Filled<TFill>(Vector128.Load(x + i), f + j), Vector128.Load(p + j), Vector128.Load(q + j), Vector128.Load(r + j)).Store(y + i);
                j = Next(j, 4, period);
            }
        }

        for (; i < length; i++)
        {
            y[i] = T.Apply(Filled<TFill>(x[i], f + j), p[j], q[j], r[j]);
            j = j + 1 == period ? 0 : j + 1;
        }
    }

    /// <summary>
    /// For a period of at most 64 lanes, the whole period's parameters stay in registers and the stream is processed a
    /// period at a time: no table loads and no index arithmetic in the loop. Returns where it stopped (a multiple of
    /// the period, so the table index there is 0).
    /// </summary>
    private static nint RowsInRegisters<T, TFill>(float* x, float* y, nint length, float* p, float* q, float* r, float* f, int period)
        where T : struct, ILanes32
        where TFill : struct, ISwitch
    {
        int vectors = period / 16;
        Vector512<float> p0 = Vector512.Load(p), q0 = Vector512.Load(q), r0 = Vector512.Load(r);
        Vector512<float> p1 = Vector512.Load(p + 16), q1 = Vector512.Load(q + 16), r1 = Vector512.Load(r + 16);
        Vector512<float> p2 = vectors > 2 ? Vector512.Load(p + 32) : p0, q2 = vectors > 2 ? Vector512.Load(q + 32) : q0, r2 = vectors > 2 ? Vector512.Load(r + 32) : r0;
        Vector512<float> p3 = vectors > 3 ? Vector512.Load(p + 48) : p0, q3 = vectors > 3 ? Vector512.Load(q + 48) : q0, r3 = vectors > 3 ? Vector512.Load(r + 48) : r0;
        Vector512<float> f0 = default, f1 = default, f2 = default, f3 = default;
        if (TFill.Enabled)
        {
            f0 = Vector512.Load(f);
            f1 = Vector512.Load(f + 16);
            f2 = vectors > 2 ? Vector512.Load(f + 32) : f0;
            f3 = vectors > 3 ? Vector512.Load(f + 48) : f0;
        }

        nint i = 0;
        for (; i <= length - period; i += period)
        {
            T.Apply(Filled<TFill>(Vector512.Load(x + i), f0), p0, q0, r0).Store(y + i);
            if (vectors > 1)
            {
                T.Apply(Filled<TFill>(Vector512.Load(x + i + 16), f1), p1, q1, r1).Store(y + i + 16);
                if (vectors > 2)
                {
                    T.Apply(Filled<TFill>(Vector512.Load(x + i + 32), f2), p2, q2, r2).Store(y + i + 32);
                    if (vectors > 3)
                    {
                        T.Apply(Filled<TFill>(Vector512.Load(x + i + 48), f3), p3, q3, r3).Store(y + i + 48);
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
