using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NormGuard.Internal;

public static unsafe partial class StreamKernels
{
    /// <summary>
    /// y = (float)(((x − offset) / divisor) · scale + add) with every operation in float64 (profiles sklearn with dtype
    /// float64, and spark); when <paramref name="roundEachStep"/> each result is rounded to float32 before the next
    /// operation, which is numpy's in-place arithmetic on a float32 array (sklearn, dtype float32). Lanes that divide
    /// have scale 1 and add −0 (the generator checks it).
    /// </summary>
    /// <remarks>
    /// Every vector divides with vector division, which is IEEE division correctly rounded per lane, so each lane equals
    /// the scalar reference's quotient for every input and every divisor, and nothing depends on the data: there is no
    /// data-dependent cliff (issue 15). A division by exact reciprocals with a Markstein correction (one product and
    /// three fused multiply-adds) was tried in issue 15 and measured 1.3–1.8× slower than the divide instruction on
    /// this project's machine (docs/performance.md, "Roofline").
    /// Missing values as in <see cref="AffineFloat32(ReadOnlySpan{float}, Span{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float})"/>, but checked after the store: lanes with
    /// <paramref name="nanIsError"/> −1 are summed while a block is computed and written, and when the sum says a
    /// refused NaN may be there the block is searched exactly. The kernel then returns the multiple of the period where
    /// the stretch holding the first refused NaN starts: everything before it is written correctly, and from there on
    /// the destination is unspecified (the rest of that block has been written too). Elsewhere a NaN input becomes
    /// the lane's <paramref name="nanFill"/> entry, a float64 (the per-row code fills before widening only in float32
    /// pipelines, so the generator writes the fill as the per-row code uses it).
    /// </remarks>
    /// <returns><c>source.Length</c>, or the multiple of the period where the stretch holding a refused NaN starts.</returns>
    public static int AffineFloat64(
        ReadOnlySpan<float> source,
        Span<float> destination,
        ReadOnlySpan<double> offset,
        ReadOnlySpan<double> divisor,
        ReadOnlySpan<double> scale,
        ReadOnlySpan<double> add,
        bool roundEachStep,
        ReadOnlySpan<int> nanIsError,
        ReadOnlySpan<double> nanFill)
    {
        int period = divisor.Length - 16;
        if (offset.Length != divisor.Length || scale.Length != divisor.Length || add.Length != divisor.Length || period <= 0 || period % 16 != 0)
        {
            throw new ArgumentException("parameter tables must have equal lengths P + 16, with P a positive multiple of 16");
        }

        if (destination.Length < source.Length)
        {
            throw new ArgumentException("destination is shorter than source", nameof(destination));
        }

        CheckMissingTables(divisor.Length, nanIsError.Length, nanFill.Length);
        Checks checks = Classify(nanIsError);
        bool fills = false;
        foreach (double fill in nanFill)
        {
            fills |= !double.IsNaN(fill);
        }

        bool divides = false, scales = false;
        for (int k = 0; k < divisor.Length; k++)
        {
            divides |= divisor[k] != 1d;
            scales |= scale[k] != 1d || BitConverter.DoubleToInt64Bits(add[k]) != BitConverter.DoubleToInt64Bits(-0d);
        }

        // Copying the tables pays from a few vectors per lane on.
        int n = divisor.Length;
        bool copies = source.Length >= 4 * n;
        double[]? scratch = copies ? ArrayPool<double>.Shared.Rent((5 * n) + 8) : null;
        try
        {
            fixed (float* x = source)
            fixed (float* y = destination)
            fixed (double* o = offset)
            fixed (double* d = divisor)
            fixed (double* s = scale)
            fixed (double* a = add)
            fixed (double* f = nanFill)
            fixed (int* e = nanIsError)
            fixed (double* raw = scratch)
            {
                var tables = new Tables64(o, d, s, a, f, period);
                if (scratch is not null)
                {
                    // 64-byte aligned copies: every vector the kernel loads from them (at multiples of 8 lanes) then sits
                    // in one cache line, where an unaligned table costs a split load.
                    double* t = (double*)(((nuint)raw + 63) & ~(nuint)63);
                    offset.CopyTo(new Span<double>(t, n));
                    divisor.CopyTo(new Span<double>(t + n, n));
                    scale.CopyTo(new Span<double>(t + (2 * n), n));
                    add.CopyTo(new Span<double>(t + (3 * n), n));
                    nanFill.CopyTo(new Span<double>(t + (4 * n), n));
                    tables = new Tables64(t, t + n, t + (2 * n), t + (3 * n), nanFill.IsEmpty ? null : t + (4 * n), period);
                }

                var run = new Stream64(x, y, source.Length, e, tables);
                return (roundEachStep, divides, scales) switch
                {
                    (true, true, false) => Dispatch64<On, On, Off>(run, checks, fills),
                    (true, true, true) => Dispatch64<On, On, On>(run, checks, fills),
                    (true, false, _) => Dispatch64<On, Off, On>(run, checks, fills),
                    (false, true, false) => Dispatch64<Off, On, Off>(run, checks, fills),
                    (false, true, true) => Dispatch64<Off, On, On>(run, checks, fills),
                    _ => Dispatch64<Off, Off, On>(run, checks, fills),
                };
            }
        }
        finally
        {
            if (scratch is not null)
            {
                ArrayPool<double>.Shared.Return(scratch);
            }
        }
    }

    private readonly struct Stream64(float* x, float* y, int length, int* error, Tables64 tables)
    {
        public readonly float* X = x;
        public readonly float* Y = y;
        public readonly int Length = length;
        public readonly int* Error = error;
        public readonly Tables64 Tables = tables;
    }

    private static int Dispatch64<TRound, TDivide, TScale>(in Stream64 run, Checks checks, bool fills)
        where TRound : struct, ISwitch
        where TDivide : struct, ISwitch
        where TScale : struct, ISwitch => (checks, fills) switch
        {
            (Checks.None, false) => Drive64<TRound, TDivide, TScale, Off, NoCheck>(run),
            (Checks.None, true) => Drive64<TRound, TDivide, TScale, On, NoCheck>(run),
            (Checks.All, false) => Drive64<TRound, TDivide, TScale, Off, CheckAll>(run),
            (Checks.All, true) => Drive64<TRound, TDivide, TScale, On, CheckAll>(run),
            (Checks.Some, false) => Drive64<TRound, TDivide, TScale, Off, CheckSome>(run),
            _ => Drive64<TRound, TDivide, TScale, On, CheckSome>(run),
        };

    /// <summary>Floats computed between two tests of the NaN sum: bounds the work done past a refused NaN.</summary>
    private const int Check64Block = 16384;

    /// <summary>
    /// Check after store: each block is computed and written while its refusing lanes are summed (one add per vector,
    /// in the same loop), and the sum is tested once the block is written. Reads never wait for a separate screening
    /// pass, so past the non-temporal threshold they overlap the previous block's streaming stores. A NaN sum (a
    /// refused NaN, or +∞ + −∞) sends the block to an exact search.
    /// </summary>
    private static int Drive64<TRound, TDivide, TScale, TFill, TCheck>(in Stream64 run)
        where TRound : struct, ISwitch
        where TDivide : struct, ISwitch
        where TScale : struct, ISwitch
        where TFill : struct, ISwitch
        where TCheck : struct, ICheck
    {
        bool nonTemporal = run.Length >= NonTemporalThreshold;
        nint done = 0;
        if (!TCheck.Enabled)
        {
            Run64<TRound, TDivide, TScale, TFill, NoCheck>(run.X, run.Y, run.Length, run.Tables, null, nonTemporal);
            done = run.Length;
        }
        else
        {
            int period = run.Tables.Period;
            nint block = Math.Max(period, Check64Block / period * period);
            while (done < run.Length)
            {
                nint count = Math.Min(block, run.Length - done);
                if (Run64<TRound, TDivide, TScale, TFill, TCheck>(run.X + done, run.Y + done, count, run.Tables, run.Error, nonTemporal))
                {
                    nint at = FirstRefusedNaN<TCheck>(run.X + done, count, run.Error, period);
                    if (at >= 0)
                    {
                        done += at / period * period;
                        break;
                    }
                }

                done += count;
            }
        }

        // Non-temporal stores are weakly ordered: one fence for the whole call, not one per block.
        if (nonTemporal)
        {
            StoreFence();
        }

        return (int)done;
    }

    /// <summary>Where the first NaN of a refusing lane sits in x[0..count) (x at table position 0), or −1.</summary>
    private static nint FirstRefusedNaN<TCheck>(float* x, nint count, int* error, int period)
        where TCheck : struct, ICheck
    {
        int j = 0;
        for (nint i = 0; i < count; i++)
        {
            if (float.IsNaN(x[i]) && (!TCheck.Masked || error[j] != 0))
            {
                return i;
            }

            j = j + 1 == period ? 0 : j + 1;
        }

        return -1;
    }

    /// <summary>A compile-time switch: the JIT specializes each kernel for the operations a feature set needs.</summary>
    private interface ISwitch
    {
        static abstract bool Enabled { get; }
    }

    private readonly struct On : ISwitch
    {
        public static bool Enabled => true;
    }

    private readonly struct Off : ISwitch
    {
        public static bool Enabled => false;
    }

    private readonly struct Tables64(double* o, double* d, double* s, double* a, double* f, int period)
    {
        public readonly double* Offset = o;
        public readonly double* Divisor = d;
        public readonly double* Scale = s;
        public readonly double* Add = a;
        public readonly double* Fill = f;
        public readonly int Period = period;

        /// <summary>The input of lane <paramref name="j"/>: NaN replaced by the lane's fill when any lane fills.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double Input<TFill>(float value, int j)
            where TFill : struct, ISwitch => TFill.Enabled && float.IsNaN(value) ? Fill[j] : value;

        /// <summary>The lane's formula with true division: the reference every path must equal.</summary>
        public float Exact(double value, int j, bool round)
        {
            double v = value - Offset[j];
            if (round)
            {
                v = (float)v;
            }

            v /= Divisor[j];
            if (round)
            {
                v = (float)v;
            }

            v *= Scale[j];
            if (round)
            {
                v = (float)v;
            }

            return (float)(v + Add[j]);
        }
    }

    /// <summary>
    /// Runs the lanes over x[0..length) (x at table position 0) with the widest vectors the machine has; with a check,
    /// sums the refusing lanes on the way and returns whether that sum (or a scalar lane) saw a NaN. With
    /// <paramref name="nonTemporal"/> the caller fences the streaming stores once, after its last call.
    /// </summary>
    private static bool Run64<TRound, TDivide, TScale, TFill, TCheck>(float* x, float* y, nint length, Tables64 t, int* error, bool nonTemporal)
        where TRound : struct, ISwitch
        where TDivide : struct, ISwitch
        where TScale : struct, ISwitch
        where TFill : struct, ISwitch
        where TCheck : struct, ICheck
    {
        nint i = 0;
        int j = 0;
        int period = t.Period;
        bool alarm = false;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; nonTemporal && i < length && ((nuint)(y + i) & 63) != 0; i++)
            {
                alarm |= Refused<TCheck>(x[i], error, j);
                y[i] = t.Exact(t.Input<TFill>(x[i], j), j, TRound.Enabled);
                j = j + 1 == period ? 0 : j + 1;
            }

            Vector512<float> sum = Vector512<float>.Zero;
            for (; i <= length - 16; i += 16)
            {
                Vector512<float> input = Vector512.Load(x + i);
                if (TCheck.Enabled)
                {
                    sum += Guard<TCheck>(input, TCheck.Masked ? Vector512.Load(error + j).AsSingle() : default);
                }

                Vector512<double> low = Lanes<TRound, TDivide, TScale, TFill>(Vector512.WidenLower(input), t, j);
                Vector512<double> high = Lanes<TRound, TDivide, TScale, TFill>(Vector512.WidenUpper(input), t, Next(j, 8, period));
                Vector512<float> result = Vector512.Narrow(low, high);
                if (nonTemporal)
                {
                    result.StoreAlignedNonTemporal(y + i);
                }
                else
                {
                    result.Store(y + i);
                }

                j = Next(j, 16, period);
            }

            alarm |= TCheck.Enabled && !Vector512.EqualsAll(sum, sum);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> sum = Vector256<float>.Zero;
            for (; i <= length - 8; i += 8)
            {
                Vector256<float> input = Vector256.Load(x + i);
                if (TCheck.Enabled)
                {
                    sum += Guard<TCheck>(input, error + j);
                }

                Vector256<double> low = Lanes<TRound, TDivide, TScale, TFill>(Vector256.WidenLower(input), t, j);
                Vector256<double> high = Lanes<TRound, TDivide, TScale, TFill>(Vector256.WidenUpper(input), t, Next(j, 4, period));
                Vector256.Narrow(low, high).Store(y + i);
                j = Next(j, 8, period);
            }

            alarm |= TCheck.Enabled && !Vector256.EqualsAll(sum, sum);
        }

        for (; i < length; i++)
        {
            alarm |= Refused<TCheck>(x[i], error, j);
            y[i] = t.Exact(t.Input<TFill>(x[i], j), j, TRound.Enabled);
            j = j + 1 == period ? 0 : j + 1;
        }

        return alarm;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Refused<TCheck>(float value, int* error, int j)
        where TCheck : struct, ICheck => TCheck.Enabled && float.IsNaN(value) && (!TCheck.Masked || error[j] != 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Lanes<TRound, TDivide, TScale, TFill>(Vector512<double> v, Tables64 t, int j)
        where TRound : struct, ISwitch
        where TDivide : struct, ISwitch
        where TScale : struct, ISwitch
        where TFill : struct, ISwitch
    {
        if (TFill.Enabled)
        {
            v = Vector512.ConditionalSelect(Vector512.Equals(v, v), v, Vector512.Load(t.Fill + j));
        }

        v -= Vector512.Load(t.Offset + j);
        if (TRound.Enabled)
        {
            v = ToFloat32Precision(v);
        }

        if (TDivide.Enabled)
        {
            // Correctly rounded per lane: the scalar reference's quotient.
            v /= Vector512.Load(t.Divisor + j);

            // Without a later step the caller's narrowing to float32 is this rounding: rounding twice changes nothing.
            if (TRound.Enabled && TScale.Enabled)
            {
                v = ToFloat32Precision(v);
            }
        }

        if (TScale.Enabled)
        {
            v *= Vector512.Load(t.Scale + j);
            if (TRound.Enabled)
            {
                v = ToFloat32Precision(v);
            }

            v += Vector512.Load(t.Add + j);
        }

        return v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Lanes<TRound, TDivide, TScale, TFill>(Vector256<double> v, Tables64 t, int j)
        where TRound : struct, ISwitch
        where TDivide : struct, ISwitch
        where TScale : struct, ISwitch
        where TFill : struct, ISwitch
    {
        if (TFill.Enabled)
        {
            v = Vector256.ConditionalSelect(Vector256.Equals(v, v), v, Vector256.Load(t.Fill + j));
        }

        v -= Vector256.Load(t.Offset + j);
        if (TRound.Enabled)
        {
            v = ToFloat32Precision(v);
        }

        if (TDivide.Enabled)
        {
            // Correctly rounded per lane: the scalar reference's quotient.
            v /= Vector256.Load(t.Divisor + j);

            // Without a later step the caller's narrowing to float32 is this rounding: rounding twice changes nothing.
            if (TRound.Enabled && TScale.Enabled)
            {
                v = ToFloat32Precision(v);
            }
        }

        if (TScale.Enabled)
        {
            v *= Vector256.Load(t.Scale + j);
            if (TRound.Enabled)
            {
                v = ToFloat32Precision(v);
            }

            v += Vector256.Load(t.Add + j);
        }

        return v;
    }

    // Round to float32 and back: one conversion each way where the instruction set has it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> ToFloat32Precision(Vector512<double> v) =>
        Avx512F.IsSupported
            ? Avx512F.ConvertToVector512Double(Avx512F.ConvertToVector256Single(v))
            : Vector512.WidenLower(Vector512.Narrow(v, v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> ToFloat32Precision(Vector256<double> v) =>
        Avx.IsSupported
            ? Avx.ConvertToVector256Double(Avx.ConvertToVector128Single(v))
            : Vector256.WidenLower(Vector256.Narrow(v, v));
}
