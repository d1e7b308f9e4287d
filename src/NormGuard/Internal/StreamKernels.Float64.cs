using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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
    /// float32 rounding boundary (probability about 2⁻²⁶ per value) or in the float32 subnormal range; any vector with
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
        bool divides = false;
        for (int k = 0; k < divisor.Length; k++)
        {
            reciprocal[k] = 1d / divisor[k];
            divides |= divisor[k] != 1d;
        }

        fixed (float* x = source)
        fixed (float* y = destination)
        fixed (double* o = offset)
        fixed (double* d = divisor)
        fixed (double* r = reciprocal)
        fixed (double* s = scale)
        fixed (double* a = add)
        {
            var stream = new Stream64(x, y, source.Length, o, d, r, s, a, period);
            if (divides)
            {
                if (roundEachStep)
                {
                    stream.Run<RoundEachStep, Divides>();
                }
                else
                {
                    stream.Run<RoundOnce, Divides>();
                }
            }
            else if (roundEachStep)
            {
                stream.Run<RoundEachStep, NoDivision>();
            }
            else
            {
                stream.Run<RoundOnce, NoDivision>();
            }
        }

        if (rented is not null)
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    private interface IRounding
    {
        static abstract bool EachStep { get; }
    }

    private readonly struct RoundEachStep : IRounding
    {
        public static bool EachStep => true;
    }

    private readonly struct RoundOnce : IRounding
    {
        public static bool EachStep => false;
    }

    private interface IDivision
    {
        static abstract bool Present { get; }
    }

    private readonly struct Divides : IDivision
    {
        public static bool Present => true;
    }

    private readonly struct NoDivision : IDivision
    {
        public static bool Present => false;
    }

    private readonly struct Stream64(float* x, float* y, nint length, double* o, double* d, double* r, double* s, double* a, int period)
    {
        public void Run<TRound, TDivide>()
            where TRound : struct, IRounding
            where TDivide : struct, IDivision
        {
            nint i = 0;
            int j = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                bool nonTemporal = length >= NonTemporalThreshold;
                for (; nonTemporal && i < length && ((nuint)(y + i) & 63) != 0; i++)
                {
                    y[i] = Exact(x[i], j, TRound.EachStep);
                    j = j + 1 == period ? 0 : j + 1;
                }

                for (; i <= length - 16; i += 16)
                {
                    (Vector512<double> low, Vector512<double> high) = Vector512.Widen(Vector512.Load(x + i));
                    Vector512<double> uncertain;
                    low = Lanes<TRound, TDivide>(low, j, out Vector512<double> lowUncertain);
                    high = Lanes<TRound, TDivide>(high, Next(j, 8, period), out Vector512<double> highUncertain);
                    uncertain = lowUncertain | highUncertain;
                    Vector512<float> result = Vector512.Narrow(low, high);
                    if (TDivide.Present && uncertain != Vector512<double>.Zero)
                    {
                        result = ExactVector16(i, j, TRound.EachStep);
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
                    (Vector256<double> low, Vector256<double> high) = Vector256.Widen(Vector256.Load(x + i));
                    low = Lanes<TRound, TDivide>(low, j, out Vector256<double> lowUncertain);
                    high = Lanes<TRound, TDivide>(high, Next(j, 4, period), out Vector256<double> highUncertain);
                    Vector256<float> result = Vector256.Narrow(low, high);
                    if (TDivide.Present && (lowUncertain | highUncertain) != Vector256<double>.Zero)
                    {
                        for (int k = 0; k < 8; k++)
                        {
                            result = result.WithElement(k, Exact(x[i + k], Next(j, k, period), TRound.EachStep));
                        }
                    }

                    result.Store(y + i);
                    j = Next(j, 8, period);
                }
            }

            for (; i < length; i++)
            {
                y[i] = Exact(x[i], j, TRound.EachStep);
                j = j + 1 == period ? 0 : j + 1;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private Vector512<double> Lanes<TRound, TDivide>(Vector512<double> v, int j, out Vector512<double> uncertain)
            where TRound : struct, IRounding
            where TDivide : struct, IDivision
        {
            v -= Vector512.Load(o + j);
            if (TRound.EachStep)
            {
                v = ToFloat32Precision(v);
            }

            if (TDivide.Present)
            {
                v *= Vector512.Load(r + j);
                uncertain = NearFloat32Boundary(v);
                if (TRound.EachStep)
                {
                    v = ToFloat32Precision(v);
                }
            }
            else
            {
                uncertain = Vector512<double>.Zero;
            }

            v *= Vector512.Load(s + j);
            if (TRound.EachStep)
            {
                v = ToFloat32Precision(v);
            }

            return v + Vector512.Load(a + j);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private Vector256<double> Lanes<TRound, TDivide>(Vector256<double> v, int j, out Vector256<double> uncertain)
            where TRound : struct, IRounding
            where TDivide : struct, IDivision
        {
            v -= Vector256.Load(o + j);
            if (TRound.EachStep)
            {
                v = ToFloat32Precision(v);
            }

            if (TDivide.Present)
            {
                v *= Vector256.Load(r + j);
                uncertain = NearFloat32Boundary(v);
                if (TRound.EachStep)
                {
                    v = ToFloat32Precision(v);
                }
            }
            else
            {
                uncertain = Vector256<double>.Zero;
            }

            v *= Vector256.Load(s + j);
            if (TRound.EachStep)
            {
                v = ToFloat32Precision(v);
            }

            return v + Vector256.Load(a + j);
        }

        private Vector512<float> ExactVector16(nint i, int j, bool round)
        {
            float* lanes = stackalloc float[16];
            for (int k = 0; k < 16; k++)
            {
                lanes[k] = Exact(x[i + k], Next(j, k, period), round);
            }

            return Vector512.Load(lanes);
        }

        /// <summary>The lane's formula with true division: the reference the fast path must equal.</summary>
        private float Exact(float value, int j, bool round)
        {
            double v = value - o[j];
            if (round)
            {
                v = (float)v;
            }

            v /= d[j];
            if (round)
            {
                v = (float)v;
            }

            v *= s[j];
            if (round)
            {
                v = (float)v;
            }

            return (float)(v + a[j]);
        }
    }

    // Within 8 ulps (float64) of a float32 rounding midpoint — the 29 bits float32 drops are near 1000…0 — or below
    // the float32 normal range, where its spacing changes; NaN lanes may answer either way (both paths give NaN).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> NearFloat32Boundary(Vector512<double> v)
    {
        Vector512<long> dropped = v.AsInt64() & Vector512.Create(0x1FFF_FFFFL);
        Vector512<long> distance = Vector512.Abs(dropped - Vector512.Create(0x1000_0000L));
        Vector512<long> near = Vector512.LessThanOrEqual(distance, Vector512.Create(8L));
        Vector512<double> tiny = Vector512.LessThan(Vector512.Abs(v), Vector512.Create(1.1754943508222875e-38));
        return near.AsDouble() | tiny;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> NearFloat32Boundary(Vector256<double> v)
    {
        Vector256<long> dropped = v.AsInt64() & Vector256.Create(0x1FFF_FFFFL);
        Vector256<long> distance = Vector256.Abs(dropped - Vector256.Create(0x1000_0000L));
        Vector256<long> near = Vector256.LessThanOrEqual(distance, Vector256.Create(8L));
        Vector256<double> tiny = Vector256.LessThan(Vector256.Abs(v), Vector256.Create(1.1754943508222875e-38));
        return near.AsDouble() | tiny;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> ToFloat32Precision(Vector512<double> v)
    {
        (Vector512<double> lower, Vector512<double> upper) = Vector512.Widen(Vector512.Narrow(v, v));
        return lower;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> ToFloat32Precision(Vector256<double> v)
    {
        (Vector256<double> lower, Vector256<double> upper) = Vector256.Widen(Vector256.Narrow(v, v));
        return lower;
    }
}
