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
    /// Division is slow, so the kernel multiplies by the rounded reciprocal instead. That product is within two ulps
    /// (float64) of the quotient, so both round to the same float32 unless the product lies within a few ulps of a
    /// float32 rounding boundary (probability about 2⁻²⁵ per value) or below the float32 normal range; any vector with
    /// such a lane is recomputed with true division. The output is therefore exactly numpy's.
    /// </remarks>
    public static void AffineFloat64(
        ReadOnlySpan<float> source,
        Span<float> destination,
        ReadOnlySpan<double> offset,
        ReadOnlySpan<double> divisor,
        ReadOnlySpan<double> scale,
        ReadOnlySpan<double> add,
        bool roundEachStep)
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

        double[]? rented = divisor.Length > 1024 ? ArrayPool<double>.Shared.Rent(divisor.Length) : null;
        Span<double> reciprocal = rented is null ? stackalloc double[divisor.Length] : rented.AsSpan(0, divisor.Length);
        bool divides = false, scales = false;
        for (int k = 0; k < divisor.Length; k++)
        {
            reciprocal[k] = 1d / divisor[k];
            divides |= divisor[k] != 1d;
            scales |= scale[k] != 1d || BitConverter.DoubleToInt64Bits(add[k]) != BitConverter.DoubleToInt64Bits(-0d);
        }

        fixed (float* x = source)
        fixed (float* y = destination)
        fixed (double* o = offset)
        fixed (double* d = divisor)
        fixed (double* r = reciprocal)
        fixed (double* s = scale)
        fixed (double* a = add)
        {
            var tables = new Tables64(o, d, r, s, a, period);
            switch ((roundEachStep, divides, scales))
            {
                case (true, true, false): Run64<On, On, Off>(x, y, source.Length, tables); break;
                case (true, true, true): Run64<On, On, On>(x, y, source.Length, tables); break;
                case (true, false, _): Run64<On, Off, On>(x, y, source.Length, tables); break;
                case (false, true, false): Run64<Off, On, Off>(x, y, source.Length, tables); break;
                case (false, true, true): Run64<Off, On, On>(x, y, source.Length, tables); break;
                default: Run64<Off, Off, On>(x, y, source.Length, tables); break;
            }
        }

        if (rented is not null)
        {
            ArrayPool<double>.Shared.Return(rented);
        }
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

    private readonly struct Tables64(double* o, double* d, double* r, double* s, double* a, int period)
    {
        public readonly double* Offset = o;
        public readonly double* Divisor = d;
        public readonly double* Reciprocal = r;
        public readonly double* Scale = s;
        public readonly double* Add = a;
        public readonly int Period = period;

        /// <summary>The lane's formula with true division: the reference the fast path must equal.</summary>
        public float Exact(float value, int j, bool round)
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

    private static void Run64<TRound, TDivide, TScale>(float* x, float* y, nint length, Tables64 t)
        where TRound : struct, ISwitch
        where TDivide : struct, ISwitch
        where TScale : struct, ISwitch
    {
        nint i = 0;
        int j = 0;
        int period = t.Period;
        float* exact = stackalloc float[16];
        if (Vector512.IsHardwareAccelerated)
        {
            bool nonTemporal = length >= NonTemporalThreshold;
            for (; nonTemporal && i < length && ((nuint)(y + i) & 63) != 0; i++)
            {
                y[i] = t.Exact(x[i], j, TRound.Enabled);
                j = j + 1 == period ? 0 : j + 1;
            }

            for (; i <= length - 16; i += 16)
            {
                Vector512<float> input = Vector512.Load(x + i);
                Vector512<double> low = Lanes<TRound, TDivide, TScale>(Vector512.WidenLower(input), t, j, out Vector512<long> lowUncertain);
                Vector512<double> high = Lanes<TRound, TDivide, TScale>(Vector512.WidenUpper(input), t, Next(j, 8, period), out Vector512<long> highUncertain);
                Vector512<float> result = Vector512.Narrow(low, high);
                if (TDivide.Enabled && (lowUncertain | highUncertain) != Vector512<long>.Zero)
                {
                    for (int k = 0; k < 16; k++)
                    {
                        exact[k] = t.Exact(x[i + k], Next(j, k, period), TRound.Enabled);
                    }

                    result = Vector512.Load(exact);
                }

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

            if (nonTemporal)
            {
                StoreFence();
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= length - 8; i += 8)
            {
                Vector256<float> input = Vector256.Load(x + i);
                Vector256<double> low = Lanes<TRound, TDivide, TScale>(Vector256.WidenLower(input), t, j, out Vector256<long> lowUncertain);
                Vector256<double> high = Lanes<TRound, TDivide, TScale>(Vector256.WidenUpper(input), t, Next(j, 4, period), out Vector256<long> highUncertain);
                Vector256<float> result = Vector256.Narrow(low, high);
                if (TDivide.Enabled && (lowUncertain | highUncertain) != Vector256<long>.Zero)
                {
                    for (int k = 0; k < 8; k++)
                    {
                        result = result.WithElement(k, t.Exact(x[i + k], Next(j, k, period), TRound.Enabled));
                    }
                }

                result.Store(y + i);
                j = Next(j, 8, period);
            }
        }

        for (; i < length; i++)
        {
            y[i] = t.Exact(x[i], j, TRound.Enabled);
            j = j + 1 == period ? 0 : j + 1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Lanes<TRound, TDivide, TScale>(Vector512<double> v, Tables64 t, int j, out Vector512<long> uncertain)
        where TRound : struct, ISwitch
        where TDivide : struct, ISwitch
        where TScale : struct, ISwitch
    {
        v -= Vector512.Load(t.Offset + j);
        if (TRound.Enabled)
        {
            v = ToFloat32Precision(v);
        }

        uncertain = Vector512<long>.Zero;
        if (TDivide.Enabled)
        {
            v *= Vector512.Load(t.Reciprocal + j);
            uncertain = NearFloat32Boundary(v);

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
    private static Vector256<double> Lanes<TRound, TDivide, TScale>(Vector256<double> v, Tables64 t, int j, out Vector256<long> uncertain)
        where TRound : struct, ISwitch
        where TDivide : struct, ISwitch
        where TScale : struct, ISwitch
    {
        v -= Vector256.Load(t.Offset + j);
        if (TRound.Enabled)
        {
            v = ToFloat32Precision(v);
        }

        uncertain = Vector256<long>.Zero;
        if (TDivide.Enabled)
        {
            v *= Vector256.Load(t.Reciprocal + j);
            uncertain = NearFloat32Boundary(v);

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

    // All-ones in lanes within 8 ulps (float64) of a float32 rounding midpoint — the 29 bits float32 drops are near
    // 1000…0 — or below the float32 normal range, where its spacing changes. NaN lanes may answer either way (both
    // paths give NaN).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<long> NearFloat32Boundary(Vector512<double> v)
    {
        Vector512<ulong> bits = v.AsUInt64();
        Vector512<ulong> fromWindow = (bits & Vector512.Create(0x1FFF_FFFFUL)) - Vector512.Create(0x1000_0000UL - 8);
        Vector512<ulong> near = Vector512.LessThanOrEqual(fromWindow, Vector512.Create(16UL));
        Vector512<ulong> tiny = Vector512.LessThan(bits & Vector512.Create(0x7FF0_0000_0000_0000UL), Vector512.Create(0x3810_0000_0000_0000UL));
        return (near | tiny).AsInt64();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<long> NearFloat32Boundary(Vector256<double> v)
    {
        Vector256<ulong> bits = v.AsUInt64();
        Vector256<ulong> fromWindow = (bits & Vector256.Create(0x1FFF_FFFFUL)) - Vector256.Create(0x1000_0000UL - 8);
        Vector256<ulong> near = Vector256.LessThanOrEqual(fromWindow, Vector256.Create(16UL));
        Vector256<ulong> tiny = Vector256.LessThan(bits & Vector256.Create(0x7FF0_0000_0000_0000UL), Vector256.Create(0x3810_0000_0000_0000UL));
        return (near | tiny).AsInt64();
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
