using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NormGuard.Internal;

/// <summary>
/// Vectorized kernels for feature records whose memory is a flat run of float32 features in manifest order:
/// a batch of rows is then one float stream, and lane i of it is feature i mod Width. The generated code passes
/// per-lane parameter tables whose length (the period) is a multiple of Width and of 16, so that every vector of
/// 4, 8 or 16 lanes reads one aligned slice of the tables and the loop never computes a modulo.
/// Unused operations get identity parameters (subtract +0, divide by 1, multiply by 1, add −0, clip at ±∞), which
/// are exact for every input, −0 and NaN included, so a lane computes precisely what its scalar formula does.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class StreamKernels
{
    /// <summary>y = (x − offset) · scale + add in float32, each operation rounded (profiles normguard, onnx, mlnet).</summary>
    public static void AffineFloat32(ReadOnlySpan<float> source, Span<float> destination, ReadOnlySpan<float> offset, ReadOnlySpan<float> scale, ReadOnlySpan<float> add)
    {
        int period = CheckTables(source, destination, offset.Length, scale.Length, add.Length);
        ref float x = ref MemoryMarshal.GetReference(source);
        ref float y = ref MemoryMarshal.GetReference(destination);
        ref float o = ref MemoryMarshal.GetReference(offset);
        ref float s = ref MemoryMarshal.GetReference(scale);
        ref float a = ref MemoryMarshal.GetReference(add);
        int length = source.Length;
        int i = 0;

        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                Vector512<float> v = Vector512.LoadUnsafe(ref x, (nuint)i);
                v = ((v - Vector512.LoadUnsafe(ref o, (nuint)j)) * Vector512.LoadUnsafe(ref s, (nuint)j)) + Vector512.LoadUnsafe(ref a, (nuint)j);
                v.StoreUnsafe(ref y, (nuint)i);
                j = Next(j, Vector512<float>.Count, period);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256<float> v = Vector256.LoadUnsafe(ref x, (nuint)i);
                v = ((v - Vector256.LoadUnsafe(ref o, (nuint)j)) * Vector256.LoadUnsafe(ref s, (nuint)j)) + Vector256.LoadUnsafe(ref a, (nuint)j);
                v.StoreUnsafe(ref y, (nuint)i);
                j = Next(j, Vector256<float>.Count, period);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= length - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                Vector128<float> v = Vector128.LoadUnsafe(ref x, (nuint)i);
                v = ((v - Vector128.LoadUnsafe(ref o, (nuint)j)) * Vector128.LoadUnsafe(ref s, (nuint)j)) + Vector128.LoadUnsafe(ref a, (nuint)j);
                v.StoreUnsafe(ref y, (nuint)i);
                j = Next(j, Vector128<float>.Count, period);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref y, i) = ((Unsafe.Add(ref x, i) - Unsafe.Add(ref o, j)) * Unsafe.Add(ref s, j)) + Unsafe.Add(ref a, j);
            j = Next(j, 1, period);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Next(int j, int step, int period)
    {
        j += step;
        return j == period ? 0 : j;
    }

    /// <summary>
    /// y = (float)(((x − offset) / divisor) · scale + add) with every operation in float64 (profiles sklearn with
    /// dtype float64, and spark); when <paramref name="roundEachStep"/> each result is rounded to float32 before the
    /// next operation, which is numpy's in-place arithmetic on a float32 array (sklearn, dtype float32).
    /// </summary>
    public static void AffineFloat64(
        ReadOnlySpan<float> source,
        Span<float> destination,
        ReadOnlySpan<double> offset,
        ReadOnlySpan<double> divisor,
        ReadOnlySpan<double> scale,
        ReadOnlySpan<double> add,
        bool roundEachStep)
    {
        int period = CheckTables(source, destination, offset.Length, divisor.Length, scale.Length);
        if (add.Length != period)
        {
            throw new ArgumentException("parameter tables must have equal lengths", nameof(add));
        }

        ref float x = ref MemoryMarshal.GetReference(source);
        ref float y = ref MemoryMarshal.GetReference(destination);
        ref double o = ref MemoryMarshal.GetReference(offset);
        ref double d = ref MemoryMarshal.GetReference(divisor);
        ref double s = ref MemoryMarshal.GetReference(scale);
        ref double a = ref MemoryMarshal.GetReference(add);
        int length = source.Length;
        int i = 0;

        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256<float> v = Vector256.LoadUnsafe(ref x, (nuint)i);
                (Vector256<double> lower, Vector256<double> upper) = Vector256.Widen(v);
                lower = Lanes(lower, ref o, ref d, ref s, ref a, j, roundEachStep);
                upper = Lanes(upper, ref o, ref d, ref s, ref a, j + Vector256<double>.Count, roundEachStep);
                Vector256.Narrow(lower, upper).StoreUnsafe(ref y, (nuint)i);
                j = Next(j, Vector256<float>.Count, period);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref y, i) = Scalar(Unsafe.Add(ref x, i), Unsafe.Add(ref o, j), Unsafe.Add(ref d, j), Unsafe.Add(ref s, j), Unsafe.Add(ref a, j), roundEachStep);
            j = Next(j, 1, period);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Lanes(Vector256<double> v, ref double o, ref double d, ref double s, ref double a, int j, bool round)
    {
        v -= Vector256.LoadUnsafe(ref o, (nuint)j);
        if (round)
        {
            v = ToFloat32Precision(v);
        }

        v /= Vector256.LoadUnsafe(ref d, (nuint)j);
        if (round)
        {
            v = ToFloat32Precision(v);
        }

        v *= Vector256.LoadUnsafe(ref s, (nuint)j);
        if (round)
        {
            v = ToFloat32Precision(v);
        }

        return v + Vector256.LoadUnsafe(ref a, (nuint)j);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> ToFloat32Precision(Vector256<double> v)
    {
        Vector128<float> narrow = Vector128.Narrow(v.GetLower(), v.GetUpper());
        (Vector128<double> lower, Vector128<double> upper) = Vector128.Widen(narrow);
        return Vector256.Create(lower, upper);
    }

    private static float Scalar(float x, double o, double d, double s, double a, bool round)
    {
        double v = x - o;
        if (round)
        {
            v = (float)v;
        }

        v /= d;
        if (round)
        {
            v = (float)v;
        }

        v *= s;
        if (round)
        {
            v = (float)v;
        }

        return (float)(v + a);
    }

    /// <summary>Bounds every lane to [low, high] in place; NaN stays NaN (as numpy.clip does).</summary>
    public static void Clip(Span<float> values, ReadOnlySpan<float> low, ReadOnlySpan<float> high)
    {
        int period = low.Length;
        if (high.Length != period || period == 0 || period % 16 != 0)
        {
            throw new ArgumentException("clip tables must have equal lengths, a multiple of 16", nameof(low));
        }

        ref float v = ref MemoryMarshal.GetReference(values);
        ref float lo = ref MemoryMarshal.GetReference(low);
        ref float hi = ref MemoryMarshal.GetReference(high);
        int length = values.Length;
        int i = 0;
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256<float> x = Vector256.LoadUnsafe(ref v, (nuint)i);
                Vector256<float> l = Vector256.LoadUnsafe(ref lo, (nuint)j);
                Vector256<float> h = Vector256.LoadUnsafe(ref hi, (nuint)j);
                x = Vector256.ConditionalSelect(Vector256.LessThan(x, l), l, x);
                x = Vector256.ConditionalSelect(Vector256.GreaterThan(x, h), h, x);
                x.StoreUnsafe(ref v, (nuint)i);
                j = Next(j, Vector256<float>.Count, period);
            }
        }

        for (; i < length; i++)
        {
            float x = Unsafe.Add(ref v, i);
            x = x < Unsafe.Add(ref lo, j) ? Unsafe.Add(ref lo, j) : x;
            Unsafe.Add(ref v, i) = x > Unsafe.Add(ref hi, j) ? Unsafe.Add(ref hi, j) : x;
            j = Next(j, 1, period);
        }
    }

    private static int CheckTables(ReadOnlySpan<float> source, Span<float> destination, int first, int second, int third)
    {
        if (first != second || first != third || first == 0 || first % 16 != 0)
        {
            throw new ArgumentException("parameter tables must have equal lengths, a multiple of 16");
        }

        if (destination.Length < source.Length)
        {
            throw new ArgumentException("destination is shorter than source", nameof(destination));
        }

        return first;
    }
}
