using System;
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
    /// the scalar reference's quotient for every input and every divisor. Until issue 15 the kernel multiplied by the
    /// reciprocal and recomputed a vector whose product lay near a float32 rounding boundary with a scalar loop per lane:
    /// short reciprocals (std 8/7 → 0.875), inputs equal to the mean and tiny outputs made that 5–8× slower, and a
    /// divisor below 2⁻¹⁰²⁴ gave 0·∞ = NaN for an input equal to the offset. Division measured faster than that product
    /// and its boundary check even on data that never fell back (docs/performance.md), so the speed no longer depends on
    /// the parameters or the data.
    /// Missing values as in <see cref="AffineFloat32"/>: lanes with <paramref name="nanIsError"/> −1 stop the kernel at
    /// the period holding a NaN (the return value says where), and elsewhere a NaN input becomes the lane's
    /// <paramref name="nanFill"/> entry, a float64 (the per-row code fills before widening only in float32 pipelines,
    /// so the generator writes the fill as the per-row code uses it).
    /// </remarks>
    /// <returns><c>source.Length</c>, or the multiple of the period where a refused NaN stopped the kernel.</returns>
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

        int written;
        bool divides = false, scales = false;
        for (int k = 0; k < divisor.Length; k++)
        {
            divides |= divisor[k] != 1d;
            scales |= scale[k] != 1d || BitConverter.DoubleToInt64Bits(add[k]) != BitConverter.DoubleToInt64Bits(-0d);
        }

        fixed (float* x = source)
        fixed (float* y = destination)
        fixed (double* o = offset)
        fixed (double* d = divisor)
        fixed (double* s = scale)
        fixed (double* a = add)
        fixed (double* f = nanFill)
        fixed (int* e = nanIsError)
        {
            var tables = new Tables64(o, d, s, a, f, period);
            var run = new Stream64(x, y, source.Length, e, tables);
            written = (roundEachStep, divides, scales) switch
            {
                (true, true, false) => Dispatch64<On, On, Off>(run, checks, fills),
                (true, true, true) => Dispatch64<On, On, On>(run, checks, fills),
                (true, false, _) => Dispatch64<On, Off, On>(run, checks, fills),
                (false, true, false) => Dispatch64<Off, On, Off>(run, checks, fills),
                (false, true, true) => Dispatch64<Off, On, On>(run, checks, fills),
                _ => Dispatch64<Off, Off, On>(run, checks, fills),
            };
        }

        return written;
    }

    private readonly struct Stream64(float* x, float* y, int length, int* error, Tables64 tables)
    {
        public readonly float* X = x;
        public readonly float* Y = y;
        public readonly int Length = length;
        public readonly int* Error = error;
        public readonly Tables64 Tables = tables;
    }

    private static int Dispatch64<TRound, TDivide, TScale>(Stream64 run, Checks checks, bool fills)
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

    // Blocks are scanned for refused NaN and then computed while still in L1, as in Drive32; the float64 arithmetic
    // costs more than the scan, so there is no fused variant.
    private static int Drive64<TRound, TDivide, TScale, TFill, TCheck>(Stream64 run)
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
            Run64<TRound, TDivide, TScale, TFill>(run.X, run.Y, run.Length, run.Tables, nonTemporal);
            done = run.Length;
        }
        else
        {
            int period = run.Tables.Period;
            nint block = Math.Max(period, CheckBlock / period * period);
            while (done < run.Length)
            {
                nint count = Math.Min(block, run.Length - done);
                if (Refuses<TCheck>(run.X + done, count, run.Error, period))
                {
                    break;
                }

                Run64<TRound, TDivide, TScale, TFill>(run.X + done, run.Y + done, count, run.Tables, nonTemporal);
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

        /// <summary>The lane's formula with true division: the reference the fast path must equal.</summary>
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

    private static void Run64<TRound, TDivide, TScale, TFill>(float* x, float* y, nint length, Tables64 t, bool nonTemporal)
        where TRound : struct, ISwitch
        where TDivide : struct, ISwitch
        where TScale : struct, ISwitch
        where TFill : struct, ISwitch
    {
        nint i = 0;
        int j = 0;
        int period = t.Period;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; nonTemporal && i < length && ((nuint)(y + i) & 63) != 0; i++)
            {
                y[i] = t.Exact(t.Input<TFill>(x[i], j), j, TRound.Enabled);
                j = j + 1 == period ? 0 : j + 1;
            }

            for (; i <= length - 16; i += 16)
            {
                Vector512<float> input = Vector512.Load(x + i);
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
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= length - 8; i += 8)
            {
                Vector256<float> input = Vector256.Load(x + i);
                Vector256<double> low = Lanes<TRound, TDivide, TScale, TFill>(Vector256.WidenLower(input), t, j);
                Vector256<double> high = Lanes<TRound, TDivide, TScale, TFill>(Vector256.WidenUpper(input), t, Next(j, 4, period));
                Vector256.Narrow(low, high).Store(y + i);
                j = Next(j, 8, period);
            }
        }

        for (; i < length; i++)
        {
            y[i] = t.Exact(t.Input<TFill>(x[i], j), j, TRound.Enabled);
            j = j + 1 == period ? 0 : j + 1;
        }
    }

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
            // IEEE division, correctly rounded per lane: the scalar reference's quotient.
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
            // IEEE division, correctly rounded per lane: the scalar reference's quotient.
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
