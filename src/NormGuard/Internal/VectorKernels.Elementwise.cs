using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NormGuard.Internal;

// Each operation is the same arithmetic at three widths (edit them together): whole vectors from the widest path down,
// then the scalar reference loop from where they stopped; never an overlapping last vector, which would read elements
// an in-place call has already written.
public static partial class VectorKernels
{
    internal static void DivideBy(ReadOnlySpan<float> source, Span<float> destination, float divisor, VectorIsa isa)
    {
        int n = source.Length;
        int i = 0;
        ref float s = ref MemoryMarshal.GetReference(source);
        ref float d = ref MemoryMarshal.GetReference(destination);
        if (isa >= VectorIsa.Vector512)
        {
            for (; i <= n - 16; i += 16)
            {
                (Vector512.LoadUnsafe(ref s, (nuint)i) / Vector512.Create(divisor)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        if (isa >= VectorIsa.Vector256)
        {
            for (; i <= n - 8; i += 8)
            {
                (Vector256.LoadUnsafe(ref s, (nuint)i) / Vector256.Create(divisor)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        if (isa >= VectorIsa.Vector128)
        {
            for (; i <= n - 4; i += 4)
            {
                (Vector128.LoadUnsafe(ref s, (nuint)i) / Vector128.Create(divisor)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        DivideByScalar(source, destination, divisor, i);
    }

    internal static void Subtract(ReadOnlySpan<float> source, ReadOnlySpan<float> offset, Span<float> destination, VectorIsa isa)
    {
        int n = source.Length;
        int i = 0;
        ref float s = ref MemoryMarshal.GetReference(source);
        ref float o = ref MemoryMarshal.GetReference(offset);
        ref float d = ref MemoryMarshal.GetReference(destination);
        if (isa >= VectorIsa.Vector512)
        {
            for (; i <= n - 16; i += 16)
            {
                (Vector512.LoadUnsafe(ref s, (nuint)i) - Vector512.LoadUnsafe(ref o, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        if (isa >= VectorIsa.Vector256)
        {
            for (; i <= n - 8; i += 8)
            {
                (Vector256.LoadUnsafe(ref s, (nuint)i) - Vector256.LoadUnsafe(ref o, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        if (isa >= VectorIsa.Vector128)
        {
            for (; i <= n - 4; i += 4)
            {
                (Vector128.LoadUnsafe(ref s, (nuint)i) - Vector128.LoadUnsafe(ref o, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        SubtractScalar(source, offset, destination, i);
    }

    internal static void SubtractMultiply(ReadOnlySpan<float> source, ReadOnlySpan<float> offset, ReadOnlySpan<float> scale, Span<float> destination, VectorIsa isa)
    {
        int n = source.Length;
        int i = 0;
        ref float s = ref MemoryMarshal.GetReference(source);
        ref float o = ref MemoryMarshal.GetReference(offset);
        ref float m = ref MemoryMarshal.GetReference(scale);
        ref float d = ref MemoryMarshal.GetReference(destination);
        if (isa >= VectorIsa.Vector512)
        {
            for (; i <= n - 16; i += 16)
            {
                Vector512<float> centered = Vector512.LoadUnsafe(ref s, (nuint)i) - Vector512.LoadUnsafe(ref o, (nuint)i);
                (centered * Vector512.LoadUnsafe(ref m, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        if (isa >= VectorIsa.Vector256)
        {
            for (; i <= n - 8; i += 8)
            {
                Vector256<float> centered = Vector256.LoadUnsafe(ref s, (nuint)i) - Vector256.LoadUnsafe(ref o, (nuint)i);
                (centered * Vector256.LoadUnsafe(ref m, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        if (isa >= VectorIsa.Vector128)
        {
            for (; i <= n - 4; i += 4)
            {
                Vector128<float> centered = Vector128.LoadUnsafe(ref s, (nuint)i) - Vector128.LoadUnsafe(ref o, (nuint)i);
                (centered * Vector128.LoadUnsafe(ref m, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        SubtractMultiplyScalar(source, offset, scale, destination, i);
    }

    internal static void SubtractSklearn(ReadOnlySpan<float> source, ReadOnlySpan<double> mean, Span<float> destination, VectorIsa isa)
    {
        int n = source.Length;
        int i = 0;
        ref float s = ref MemoryMarshal.GetReference(source);
        ref double a = ref MemoryMarshal.GetReference(mean);
        ref float d = ref MemoryMarshal.GetReference(destination);
        if (isa >= VectorIsa.Vector512)
        {
            for (; i <= n - 16; i += 16)
            {
                (Vector512<double> x0, Vector512<double> x1) = Vector512.Widen(Vector512.LoadUnsafe(ref s, (nuint)i));
                Vector512.Narrow(x0 - Vector512.LoadUnsafe(ref a, (nuint)i), x1 - Vector512.LoadUnsafe(ref a, (nuint)i + 8)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        if (isa >= VectorIsa.Vector256)
        {
            for (; i <= n - 8; i += 8)
            {
                (Vector256<double> x0, Vector256<double> x1) = Vector256.Widen(Vector256.LoadUnsafe(ref s, (nuint)i));
                Vector256.Narrow(x0 - Vector256.LoadUnsafe(ref a, (nuint)i), x1 - Vector256.LoadUnsafe(ref a, (nuint)i + 4)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        if (isa >= VectorIsa.Vector128)
        {
            for (; i <= n - 4; i += 4)
            {
                (Vector128<double> x0, Vector128<double> x1) = Vector128.Widen(Vector128.LoadUnsafe(ref s, (nuint)i));
                Vector128.Narrow(x0 - Vector128.LoadUnsafe(ref a, (nuint)i), x1 - Vector128.LoadUnsafe(ref a, (nuint)i + 2)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        SubtractSklearnScalar(source, mean, destination, i);
    }

    internal static void SubtractDivideSklearn(ReadOnlySpan<float> source, ReadOnlySpan<double> mean, ReadOnlySpan<double> scale, Span<float> destination, VectorIsa isa)
    {
        int n = source.Length;
        int i = 0;
        ref float s = ref MemoryMarshal.GetReference(source);
        ref double a = ref MemoryMarshal.GetReference(mean);
        ref double c = ref MemoryMarshal.GetReference(scale);
        ref float d = ref MemoryMarshal.GetReference(destination);
        if (isa >= VectorIsa.Vector512)
        {
            for (; i <= n - 16; i += 16)
            {
                (Vector512<double> x0, Vector512<double> x1) = Vector512.Widen(Vector512.LoadUnsafe(ref s, (nuint)i));
                Vector512<float> centered = Vector512.Narrow(x0 - Vector512.LoadUnsafe(ref a, (nuint)i), x1 - Vector512.LoadUnsafe(ref a, (nuint)i + 8));
                (Vector512<double> t0, Vector512<double> t1) = Vector512.Widen(centered);
                Vector512.Narrow(t0 / Vector512.LoadUnsafe(ref c, (nuint)i), t1 / Vector512.LoadUnsafe(ref c, (nuint)i + 8)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        if (isa >= VectorIsa.Vector256)
        {
            for (; i <= n - 8; i += 8)
            {
                (Vector256<double> x0, Vector256<double> x1) = Vector256.Widen(Vector256.LoadUnsafe(ref s, (nuint)i));
                Vector256<float> centered = Vector256.Narrow(x0 - Vector256.LoadUnsafe(ref a, (nuint)i), x1 - Vector256.LoadUnsafe(ref a, (nuint)i + 4));
                (Vector256<double> t0, Vector256<double> t1) = Vector256.Widen(centered);
                Vector256.Narrow(t0 / Vector256.LoadUnsafe(ref c, (nuint)i), t1 / Vector256.LoadUnsafe(ref c, (nuint)i + 4)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        if (isa >= VectorIsa.Vector128)
        {
            for (; i <= n - 4; i += 4)
            {
                (Vector128<double> x0, Vector128<double> x1) = Vector128.Widen(Vector128.LoadUnsafe(ref s, (nuint)i));
                Vector128<float> centered = Vector128.Narrow(x0 - Vector128.LoadUnsafe(ref a, (nuint)i), x1 - Vector128.LoadUnsafe(ref a, (nuint)i + 2));
                (Vector128<double> t0, Vector128<double> t1) = Vector128.Widen(centered);
                Vector128.Narrow(t0 / Vector128.LoadUnsafe(ref c, (nuint)i), t1 / Vector128.LoadUnsafe(ref c, (nuint)i + 2)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        SubtractDivideSklearnScalar(source, mean, scale, destination, i);
    }

}
