using System;
using System.Buffers;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
    /// entry is −1 refuses NaN: the kernel checks after the store, a block of whole periods (whole rows) at a time, and
    /// on a refused NaN returns the start of the period that holds it, so that the caller's per-row code can find the
    /// row and throw naming the feature and the row. The rows before that period are written; floats from there on are
    /// unspecified (the rest of the block, at most about 4,096 floats past it, may be written). Elsewhere a NaN input
    /// becomes the lane's <paramref name="nanFill"/> entry before the arithmetic: the fill number, or NaN for
    /// "propagate", which every operation keeps. An empty table means no lane refuses, or no lane fills.
    /// </summary>
    /// <returns><c>source.Length</c>, or the multiple of the period where the period holding the first refused NaN starts.</returns>
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
        return Affine32(source, destination, offset, scale, add, nanIsError, nanFill, period, Select32(Classify32(offset, scale, add, nanIsError, nanFill), period));
    }

    /// <summary>
    /// <see cref="AffineFloat32(ReadOnlySpan{float}, Span{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float})"/>
    /// with tables checked and classified once, when a feature set's static tables are built: for a batch of a few
    /// hundred rows in L1, classifying five tables on every call cost about a tenth of the call.
    /// </summary>
    /// <returns><c>source.Length</c>, or the multiple of the period where the period holding the first refused NaN starts.</returns>
    public static int AffineFloat32(ReadOnlySpan<float> source, Span<float> destination, AffineTables32 tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        if (destination.Length < source.Length)
        {
            ThrowDestinationShorter();
        }

        return Affine32(source, destination, tables.Offset, tables.Scale, tables.Add, tables.NaNIsError, tables.NaNFill, tables.Period, tables.Kernel);
    }

    /// <summary>The kernel for a stream's tables, chosen once: the lane shape, fills and checks are type arguments.</summary>
    internal static delegate*<in Stream32, int> Select32(Shape32 shape, int period) => shape.Operations switch
    {
        Operations.SubtractMultiply => Select32<SubtractMultiply>(shape, period),
        Operations.MultiplyAdd => Select32<MultiplyAdd>(shape, period),
        Operations.MultiplyOnly => Select32<MultiplyOnly>(shape, period),
        _ => Select32<SubtractMultiplyAdd>(shape, period),
    };

    private static delegate*<in Stream32, int> Select32<T>(Shape32 shape, int period)
        where T : struct, ILanes32 => (shape.Checks, shape.Fills) switch
        {
            (Checks.None, false) => &Drive32<T, Off, NoCheck>,
            (Checks.None, true) => &Drive32<T, On, NoCheck>,
            (Checks.All, false) => Select32<T, Off, CheckAll>(period),
            (Checks.All, true) => Select32<T, On, CheckAll>(period),
            (Checks.Some, false) => Select32<T, Off, CheckSome>(period),
            _ => Select32<T, On, CheckSome>(period),
        };

    private static delegate*<in Stream32, int> Select32<T, TFill, TCheck>(int period)
        where T : struct, ILanes32
        where TFill : struct, ISwitch
        where TCheck : struct, ICheck
    {
        if (!Vector512.IsHardwareAccelerated || period > 64)
        {
            return &Drive32<T, TFill, TCheck>;
        }

        return (period / 16) switch
        {
            1 => &Periods32<T, TFill, TCheck, V1>,
            2 => &Periods32<T, TFill, TCheck, V2>,
            3 => &Periods32<T, TFill, TCheck, V3>,
            _ => &Periods32<T, TFill, TCheck, V4>,
        };
    }

    /// <summary>
    /// The checked stream of a short period on AVX-512, with nothing between the call and the loop: a batch of a few
    /// hundred rows in L1 takes about 100 ns, so each layer of dispatch is a measurable part of it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Periods32<T, TFill, TCheck, TV>(in Stream32 run)
        where T : struct, ILanes32
        where TFill : struct, ISwitch
        where TCheck : struct, ICheck
        where TV : struct, IVectors
    {
        if (run.Length >= NonTemporalThreshold)
        {
            return Drive32<T, TFill, TCheck>(run);
        }

        nint start = CheckedPeriods<T, TFill, TCheck, TV>(run, out nint end);
        return start < 0 ? run.Length : Settle<T, TFill, TCheck>(run, start, end);
    }

    /// <summary>After an alarm in [start, end): the row of a refused NaN, or (an infinity) the rest of the stream.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Settle<T, TFill, TCheck>(in Stream32 run, nint start, nint end)
        where T : struct, ILanes32
        where TFill : struct, ISwitch
        where TCheck : struct, ICheck
    {
        nint refused = FirstRefused<TCheck>(run.X + start, end - start, run.Error, run.Period, 0);
        if (refused >= 0)
        {
            return StretchStart(start + refused, run.Period);
        }

        Stream32 rest = run.From(end);
        int written = Checked32<T, TFill, TCheck>(rest, nonTemporal: false);
        return written == rest.Length ? run.Length : (int)end + written;
    }

    private static int Affine32(
        ReadOnlySpan<float> source,
        Span<float> destination,
        ReadOnlySpan<float> offset,
        ReadOnlySpan<float> scale,
        ReadOnlySpan<float> add,
        ReadOnlySpan<int> nanIsError,
        ReadOnlySpan<float> nanFill,
        int period,
        delegate*<in Stream32, int> kernel)
    {
        fixed (float* x = source)
        fixed (float* y = destination)
        fixed (float* o = offset)
        fixed (float* s = scale)
        fixed (float* a = add)
        fixed (int* e = nanIsError)
        fixed (float* f = nanFill)
        {
            var run = new Stream32(x, y, source.Length, o, s, a, f, e, period);
            return kernel(run);
        }
    }

    /// <summary>Which operations a stream's tables need, which lanes refuse NaN, and whether any lane fills.</summary>
    internal static Shape32 Classify32(ReadOnlySpan<float> offset, ReadOnlySpan<float> scale, ReadOnlySpan<float> add, ReadOnlySpan<int> nanIsError, ReadOnlySpan<float> nanFill)
    {
        bool subtract = !AllBits(offset, 0u);
        bool multiply = !AllEqual(scale, 1f);
        bool addition = !AllBits(add, 0x8000_0000u);
        Operations operations = (subtract, multiply, addition) switch
        {
            (true, true, false) => Operations.SubtractMultiply,
            (false, true, true) => Operations.MultiplyAdd,
            (false, true, false) => Operations.MultiplyOnly,
            _ => Operations.SubtractMultiplyAdd,
        };
        return new Shape32(operations, Classify(nanIsError), AnyNumber(nanFill));
    }

    internal static int CheckTables32(int source, int destination, int first, int second, int third, int errors, int fills)
    {
        int period = CheckPeriod(first, second, third);
        if (destination < source)
        {
            ThrowDestinationShorter();
        }

        CheckMissingTables(first, errors, fills);
        return period;
    }

    internal enum Operations
    {
        SubtractMultiplyAdd,
        SubtractMultiply,
        MultiplyAdd,
        MultiplyOnly,
    }

    internal readonly record struct Shape32(Operations Operations, Checks Checks, bool Fills);

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
        int period = CheckPeriod(first, second, third);
        if (destination.Length < source.Length)
        {
            ThrowDestinationShorter();
        }

        return period;
    }

    private static int CheckPeriod(int first, int second, int third)
    {
        int period = first - 16;
        if (first != second || first != third || period <= 0 || period % 16 != 0)
        {
            throw new ArgumentException("parameter tables must have equal lengths P + 16, with P a positive multiple of 16");
        }

        return period;
    }

    private static void ThrowDestinationShorter() => throw new ArgumentException("destination is shorter than source", "destination");

    private static void CheckMissingTables(int length, int errors, int fills)
    {
        if ((errors != 0 && errors != length) || (fills != 0 && fills != length))
        {
            throw new ArgumentException("missing-value tables must be empty or as long as the parameter tables");
        }
    }

    internal enum Checks
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

    // Vectorized: these run on every call, and a batch may be a few rows.
    private static bool AllBits(ReadOnlySpan<float> values, uint bits) =>
        !MemoryMarshal.Cast<float, uint>(values).ContainsAnyExcept(bits);

    // Only +1 equals 1f, and its bits are unique.
    private static bool AllEqual(ReadOnlySpan<float> values, float expected) => AllBits(values, BitConverter.SingleToUInt32Bits(expected));

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
    internal readonly struct Stream32(float* x, float* y, int length, float* p, float* q, float* r, float* fill, int* error, int period)
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

    /// <summary>
    /// Without lanes that refuse NaN, one pass. With them, on AVX-512 the check is folded into the loop that computes
    /// and stores (checked after the store, tested once per block): with a period of at most 64 lanes in registers, past
    /// the non-temporal threshold with streaming stores. Elsewhere blocks of a few KB are screened and then computed
    /// while they are still in L1, so memory is read once either way.
    /// </summary>
    private static int Drive32<T, TFill, TCheck>(in Stream32 run)
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

    // Compiled fully optimized at once, outside tiered PGO: with the default tiering, the profiled tiers of these
    // generic loops measured 4–9× slower than the optimized code for a 250-row batch (620–1,400 ns against 150 ns,
    // a plain loop calling AffineFloat32), and a batch call in a server may never run often enough to leave them.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Checked32<T, TFill, TCheck>(in Stream32 run, bool nonTemporal)
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
                nint end;
                nint start = (run.Period / 16) switch
                {
                    1 => CheckedPeriods<T, TFill, TCheck, V1>(rest, out end),
                    2 => CheckedPeriods<T, TFill, TCheck, V2>(rest, out end),
                    3 => CheckedPeriods<T, TFill, TCheck, V3>(rest, out end),
                    _ => CheckedPeriods<T, TFill, TCheck, V4>(rest, out end),
                };
                if (start < 0)
                {
                    done += end;
                    break;
                }

                // The block [start, end) raised the alarm: a refused NaN, or an infinity (then the loop goes on).
                nint refused = FirstRefused<TCheck>(rest.X + start, end - start, run.Error, run.Period, 0);
                if (refused >= 0)
                {
                    return StretchStart(done + start + refused, run.Period);
                }

                done += end;
            }
        }

        // Elsewhere (narrower vectors, periods over 64 lanes) a block is screened, then computed from L1.
        // (No division for a short rest: an integer division costs tens of cycles, a fair part of a call on a few rows.)
        nint block = run.Length - done <= CheckBlock ? CheckBlock : Math.Max(run.Period, CheckBlock / run.Period * run.Period);
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

    /// <summary>The start of the period (whole rows) holding float <paramref name="position"/> of the stream.</summary>
    private static int StretchStart(nint position, int period) => (int)(position - (position % period));

    /// <summary>
    /// Streaming stores over a stream of more than 128 MB, checked after the store: the loop that computes and stores a
    /// vector also folds it into the block's check (<see cref="NaNBits{TCheck}"/>), and the check is tested at the end
    /// of each block of about 4,096 floats; an alarm is settled by <see cref="FirstRefused"/> on the block's input,
    /// still in cache. One read of the input, the screen's work hidden under the memory traffic. A refused NaN returns
    /// the start of its period, with the rest of its block (at most one block past it) already written.
    /// </summary>
    // Compiled fully optimized at once, outside tiered PGO: with the default tiering, the profiled tiers of these
    // generic loops measured 4–9× slower than the optimized code for a 250-row batch (620–1,400 ns against 150 ns,
    // a plain loop calling AffineFloat32), and a batch call in a server may never run often enough to leave them.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int CheckedNonTemporal32<T, TFill, TCheck>(in Stream32 run)
        where T : struct, ILanes32
        where TFill : struct, ISwitch
        where TCheck : struct, ICheck
    {
        float* x = run.X, y = run.Y, p = run.P, q = run.Q, r = run.R, f = run.Fill;
        int* e = run.Error;
        int period = run.Period;
        nint length = run.Length;
        nint block = Math.Max(period, CheckBlock / period * period);
        nint i = 0;
        int j = 0;
        for (; i < length && ((nuint)(y + i) & 63) != 0; i++)
        {
            y[i] = T.Apply(Filled<TFill>(x[i], f + j), p[j], q[j], r[j]);
            j = j + 1 == period ? 0 : j + 1;
        }

        nint refused = FirstRefused<TCheck>(x, i, e, period, 0);
        if (refused >= 0)
        {
            return StretchStart(refused, period);
        }

        while (i <= length - 16)
        {
            nint from = i;
            int jFrom = j;
            nint stop = Math.Min(i + block, length);
            Vector512<uint> seen = Vector512<uint>.Zero;
            for (; i <= stop - 16; i += 16)
            {
                Vector512<float> v = Vector512.Load(x + i);
                T.Apply(Filled<TFill>(v, TFill.Enabled ? Vector512.Load(f + j) : default), Vector512.Load(p + j), Vector512.Load(q + j), Vector512.Load(r + j)).StoreAlignedNonTemporal(y + i);
                seen |= TCheck.Masked ? NaNBits<TCheck>(v) & Vector512.Load((uint*)e + j) : NaNBits<TCheck>(v);
                j = Next(j, 16, period);
            }

            if (!Quiet(seen))
            {
                refused = FirstRefused<TCheck>(x + from, i - from, e, period, jFrom);
                if (refused >= 0)
                {
                    return StretchStart(from + refused, period);
                }
            }
        }

        // The last floats, under one vector, with ordinary stores.
        nint tail = i;
        int jTail = j;
        for (; i < length; i++)
        {
            y[i] = T.Apply(Filled<TFill>(x[i], f + j), p[j], q[j], r[j]);
            j = j + 1 == period ? 0 : j + 1;
        }

        refused = FirstRefused<TCheck>(x + tail, length - tail, e, period, jTail);
        return refused >= 0 ? StretchStart(tail + refused, period) : (int)length;
    }

    /// <summary>
    /// The check folded into the arithmetic's loop: x · 0 is ±0 for a finite x and NaN for NaN or ±∞, so OR-ing its bits
    /// into a block's accumulator leaves more than the sign bit set exactly when the block held a NaN or an infinity.
    /// One multiply and one OR per vector, on ports the default kernel's two additions do not use (an accumulated sum,
    /// the screen before issue 15, added a third addition per vector to the two the arithmetic already has).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> NaNBits<TCheck>(Vector512<float> x)
        where TCheck : struct, ICheck => (x * Vector512<float>.Zero).AsUInt32();

    /// <summary>Whether an accumulator of <see cref="NaNBits{TCheck}"/> saw no NaN and no infinity (only sign bits set).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Quiet(Vector512<uint> seen) => (seen & Vector512.Create(0x7FFF_FFFFu)) == Vector512<uint>.Zero;

    /// <summary>
    /// The exact check, settling an alarm: the index in x[0..count) of the first NaN in a refusing lane, or −1; x starts at
    /// table position <paramref name="j"/>. A vector compare per 16 lanes, so a block of infinities (a false alarm of
    /// the folded check) costs one more pass over input still in cache, never a scalar scan.
    /// </summary>
    private static nint FirstRefused<TCheck>(float* x, nint count, int* error, int period, int j)
        where TCheck : struct, ICheck
    {
        nint i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= count - 16; i += 16)
            {
                Vector512<float> v = Vector512.Load(x + i);
                Vector512<int> nan = ~Vector512.Equals(v, v).AsInt32();
                if (TCheck.Masked)
                {
                    nan &= Vector512.Load(error + j);
                }

                if (nan != Vector512<int>.Zero)
                {
                    break;
                }

                j = Next(j, 16, period);
            }
        }

        for (; i < count; i++)
        {
            if (float.IsNaN(x[i]) && (!TCheck.Masked || error[j] != 0))
            {
                return i;
            }

            j = j + 1 == period ? 0 : j + 1;
        }

        return -1;
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
    /// A period (whole rows) at a time with the parameters in registers, checked after the store: each vector's
    /// <see cref="NaNBits{TCheck}"/> is OR-ed into an accumulator of its position in the period (the refusing lanes of
    /// a position are the same in every period, so the error mask is applied once per block, not per vector), and the
    /// accumulators are tested at the end of each block of about 4,096 floats. When every lane refuses, the period's
    /// vectors are first folded into one with fused multiply-adds (see the loop). The last rows, less than a period, go
    /// into the last block with masked vectors (<see cref="Tail"/>). Returns −1 when the whole stream was computed with
    /// no alarm (<paramref name="end"/> is then its length), or the start of the block that raised one, with
    /// <paramref name="end"/> its end (all of it written): the caller settles the alarm with <see cref="FirstRefused"/>.
    /// No call inside the loop: a call would make every vector register a spill.
    /// </summary>
    // Compiled fully optimized at once, outside tiered PGO: with the default tiering, the profiled tiers of these
    // generic loops measured 4–9× slower than the optimized code for a 250-row batch (620–1,400 ns against 150 ns,
    // a plain loop calling AffineFloat32), and a batch call in a server may never run often enough to leave them.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static nint CheckedPeriods<T, TFill, TCheck, TV>(in Stream32 run, out nint end)
        where T : struct, ILanes32
        where TFill : struct, ISwitch
        where TCheck : struct, ICheck
        where TV : struct, IVectors
    {
        float* x = run.X, y = run.Y, p = run.P, q = run.Q, r = run.R, f = run.Fill;
        int* e = run.Error;

        // A constant (the period is 16 lanes per vector here), so that % and / compile to multiplications, not divisions.
        const int lanes = 16;
        int period = lanes * TV.Count;
        nint length = run.Length - (run.Length % period);
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

        nint block = CheckBlock / period * period;
        nint i = 0;
        while (true)
        {
            nint start = i;
            nint stop = Math.Min(i + block, length);
            Vector512<uint> n0 = Vector512<uint>.Zero, n1 = n0, n2 = n0, n3 = n0;
            if (!TCheck.Masked && Avx512F.IsSupported)
            {
                // Every lane refuses: the period's vectors fold into one value with fused multiply-adds, fma(x, 0, t),
                // which is t for a finite x and NaN for NaN or ±∞: one operation per vector and one OR per period, on
                // the multiply ports, which the arithmetic (two additions, one multiplication per vector) leaves half idle.
                Vector512<float> a0 = Vector512<float>.Zero, a1 = a0, a2 = a0, a3 = a0;
                for (; i < stop; i += period)
                {
                    Vector512<float> x0 = Vector512.Load(x + i);
                    T.Apply(Filled<TFill>(x0, f0), p0, q0, r0).Store(y + i);
                    a0 = Avx512F.FusedMultiplyAdd(x0, Vector512<float>.Zero, a0);
                    if (TV.Count > 1)
                    {
                        Vector512<float> x1 = Vector512.Load(x + i + 16);
                        T.Apply(Filled<TFill>(x1, f1), p1, q1, r1).Store(y + i + 16);
                        a1 = Avx512F.FusedMultiplyAdd(x1, Vector512<float>.Zero, a1);
                    }

                    if (TV.Count > 2)
                    {
                        Vector512<float> x2 = Vector512.Load(x + i + 32);
                        T.Apply(Filled<TFill>(x2, f2), p2, q2, r2).Store(y + i + 32);
                        a2 = Avx512F.FusedMultiplyAdd(x2, Vector512<float>.Zero, a2);
                    }

                    if (TV.Count > 3)
                    {
                        Vector512<float> x3 = Vector512.Load(x + i + 48);
                        T.Apply(Filled<TFill>(x3, f3), p3, q3, r3).Store(y + i + 48);
                        a3 = Avx512F.FusedMultiplyAdd(x3, Vector512<float>.Zero, a3);
                    }
                }

                n0 = (a0.AsUInt32() | a1.AsUInt32()) | (a2.AsUInt32() | a3.AsUInt32());
            }

            for (; i < stop; i += period)
            {
                Vector512<float> x0 = Vector512.Load(x + i);
                T.Apply(Filled<TFill>(x0, f0), p0, q0, r0).Store(y + i);
                n0 |= NaNBits<TCheck>(x0);
                if (TV.Count > 1)
                {
                    Vector512<float> x1 = Vector512.Load(x + i + 16);
                    T.Apply(Filled<TFill>(x1, f1), p1, q1, r1).Store(y + i + 16);
                    n1 |= NaNBits<TCheck>(x1);
                }

                if (TV.Count > 2)
                {
                    Vector512<float> x2 = Vector512.Load(x + i + 32);
                    T.Apply(Filled<TFill>(x2, f2), p2, q2, r2).Store(y + i + 32);
                    n2 |= NaNBits<TCheck>(x2);
                }

                if (TV.Count > 3)
                {
                    Vector512<float> x3 = Vector512.Load(x + i + 48);
                    T.Apply(Filled<TFill>(x3, f3), p3, q3, r3).Store(y + i + 48);
                    n3 |= NaNBits<TCheck>(x3);
                }
            }

            bool last = stop == length;
            if (last && length < run.Length)
            {
                // The last rows, less than a period: the same vectors, the last one masked, so that a call on a few
                // hundred rows does not end in a second, screened pass over them.
                nint rest = run.Length - length;
                n0 |= NaNBits<TCheck>(Tail<T, TFill>(x + i, y + i, rest, p0, q0, r0, f0));
                if (TV.Count > 1 && rest > 16)
                {
                    n1 |= NaNBits<TCheck>(Tail<T, TFill>(x + i + 16, y + i + 16, rest - 16, p1, q1, r1, f1));
                }

                if (TV.Count > 2 && rest > 32)
                {
                    n2 |= NaNBits<TCheck>(Tail<T, TFill>(x + i + 32, y + i + 32, rest - 32, p2, q2, r2, f2));
                }

                if (TV.Count > 3 && rest > 48)
                {
                    n3 |= NaNBits<TCheck>(Tail<T, TFill>(x + i + 48, y + i + 48, rest - 48, p3, q3, r3, f3));
                }

                i = run.Length;
            }

            if (TCheck.Masked)
            {
                n0 &= Vector512.Load((uint*)e);
                n1 = TV.Count > 1 ? n1 & Vector512.Load((uint*)e + 16) : n1;
                n2 = TV.Count > 2 ? n2 & Vector512.Load((uint*)e + 32) : n2;
                n3 = TV.Count > 3 ? n3 & Vector512.Load((uint*)e + 48) : n3;
            }

            if (!Quiet(n0 | n1 | n2 | n3))
            {
                end = i;
                return start;
            }

            if (last)
            {
                end = i;
                return -1;
            }
        }
    }

    /// <summary>
    /// Up to 16 floats of the last, partial period: a whole vector, or the first <paramref name="count"/> lanes with a
    /// masked load and store, which touch nothing past them. Returns the input (zero in the lanes past the end) for the check.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Tail<T, TFill>(float* x, float* y, nint count, Vector512<float> p, Vector512<float> q, Vector512<float> r, Vector512<float> f)
        where T : struct, ILanes32
        where TFill : struct, ISwitch
    {
        if (count >= 16)
        {
            Vector512<float> whole = Vector512.Load(x);
            T.Apply(Filled<TFill>(whole, f), p, q, r).Store(y);
            return whole;
        }

        // AVX's masked moves (AVX-512's need .NET 9): lanes past the end are neither read (a masked lane does not fault)
        // nor written.
        Vector256<int> first = Vector256.LessThan(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create((int)count));
        Vector256<int> second = Vector256.LessThan(Vector256.Create(8, 9, 10, 11, 12, 13, 14, 15), Vector256.Create((int)count));
        Vector512<float> part = Vector512.Create(Avx.MaskLoad(x, first.AsSingle()), Avx.MaskLoad(x + 8, second.AsSingle()));
        Vector512<float> result = T.Apply(Filled<TFill>(part, f), p, q, r);
        Avx.MaskStore(y, first.AsSingle(), result.GetLower());
        Avx.MaskStore(y + 8, second.AsSingle(), result.GetUpper());
        return part;
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
