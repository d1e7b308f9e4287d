using System;
using System.ComponentModel;

namespace NormGuard.Internal;

/// <summary>
/// The transcendental pre-steps, computed the same way on every OS and CPU. <see cref="Log1p(double)"/> follows
/// the fdlibm method that glibc's <c>log1p</c> (numpy's scalar path) uses, operation for operation, so the
/// results agree with it bit for bit; .NET itself has no log1p (<c>double.LogP1</c> is <c>Log(1 + x)</c>).
/// <c>Log</c> is the C library's (glibc on Linux), as numpy's scalar path is.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class NormMath
{
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double Lp1 = 6.666666666666735130e-01;
    private const double Lp2 = 3.999999999940941908e-01;
    private const double Lp3 = 2.857142874366239149e-01;
    private const double Lp4 = 2.222219843214978396e-01;
    private const double Lp5 = 1.818357216161805012e-01;
    private const double Lp6 = 1.531383769920937332e-01;
    private const double Lp7 = 1.479819860511658591e-01;

    public static double Log(double x) => Math.Log(x);

    public static float Log(float x) => MathF.Log(x);


    /// <summary>ln(1 + x) to within 1 ulp: reduce 1 + x to 2^k·(1 + f) with √2/2 &lt; 1 + f &lt; √2, then a
    /// degree-14 polynomial in s = f / (2 + f), plus a correction for the rounding of 1 + x.</summary>
    public static double Log1p(double x)
    {
        int highWord = (int)(BitConverter.DoubleToInt64Bits(x) >> 32);
        int absHigh = highWord & 0x7fffffff;
        int k = 1;
        double f = 0d;
        double c = 0d;
        int hu = 0;

        if (highWord < 0x3FDA827A)
        {
            if (absHigh >= 0x3ff00000)
            {
                return x == -1d ? double.NegativeInfinity : double.NaN;
            }

            if (absHigh < 0x3e200000)
            {
                return absHigh < 0x3c900000 ? x : x - (x * x * 0.5);
            }

            if (highWord > 0 || highWord <= unchecked((int)0xbfd2bec3))
            {
                k = 0;
                f = x;
                hu = 1;
            }
        }
        else if (highWord >= 0x7ff00000)
        {
            return x + x;
        }

        if (k != 0)
        {
            double u;
            if (highWord < 0x43400000)
            {
                u = 1d + x;
                hu = (int)(BitConverter.DoubleToInt64Bits(u) >> 32);
                k = (hu >> 20) - 1023;
                c = k > 0 ? 1d - (u - x) : x - (u - 1d);
                c /= u;
            }
            else
            {
                u = x;
                hu = (int)(BitConverter.DoubleToInt64Bits(u) >> 32);
                k = (hu >> 20) - 1023;
                c = 0d;
            }

            hu &= 0x000fffff;
            if (hu < 0x6a09e)
            {
                u = WithHighWord(u, hu | 0x3ff00000);
            }
            else
            {
                k++;
                u = WithHighWord(u, hu | 0x3fe00000);
                hu = (0x00100000 - hu) >> 2;
            }

            f = u - 1d;
        }

        double hfsq = 0.5 * f * f;
        if (hu == 0)
        {
            if (f == 0d)
            {
                if (k == 0)
                {
                    return 0d;
                }

                c += k * Ln2Lo;
                return (k * Ln2Hi) + c;
            }

            double r0 = hfsq * (1d - (0.66666666666666666 * f));
            return k == 0 ? f - r0 : (k * Ln2Hi) - ((r0 - ((k * Ln2Lo) + c)) - f);
        }

        double s = f / (2d + f);
        double z = s * s;
        double z2 = z * z;
        double z4 = z2 * z2;
        double z6 = z4 * z2;
        double r = (z * Lp1) + (z2 * (Lp2 + (z * Lp3))) + (z4 * (Lp4 + (z * Lp5))) + (z6 * (Lp6 + (z * Lp7)));
        return k == 0
            ? f - (hfsq - (s * (hfsq + r)))
            : (k * Ln2Hi) - ((hfsq - ((s * (hfsq + r)) + ((k * Ln2Lo) + c))) - f);
    }

    /// <summary>ln(1 + x) in float32 by the same method with float32 constants and arithmetic, as glibc's
    /// <c>log1pf</c> computes it (numpy's float32 scalar path); it is not <c>(float)Log1p((double)x)</c>.</summary>
    public static float Log1p(float x)
    {
        const float Ln2HiF = 6.9313812256e-01f;
        const float Ln2LoF = 9.0580006145e-06f;
        const float Lp1F = 6.6666668653e-01f;
        const float Lp2F = 4.0000000596e-01f;
        const float Lp3F = 2.8571429849e-01f;
        const float Lp4F = 2.2222198546e-01f;
        const float Lp5F = 1.8183572590e-01f;
        const float Lp6F = 1.5313838422e-01f;
        const float Lp7F = 1.4798198640e-01f;

        int bits = BitConverter.SingleToInt32Bits(x);
        int absBits = bits & 0x7fffffff;
        int k = 1;
        float f = 0f;
        float c = 0f;
        int hu = 0;

        if (bits < 0x3ed413d7)
        {
            if (absBits >= 0x3f800000)
            {
                return x == -1f ? float.NegativeInfinity : float.NaN;
            }

            if (absBits < 0x31000000)
            {
                return absBits < 0x24800000 ? x : x - (x * x * 0.5f);
            }

            if (bits > 0 || bits <= unchecked((int)0xbe95f61f))
            {
                k = 0;
                f = x;
                hu = 1;
            }
        }

        if (bits >= 0x7f800000)
        {
            return x + x;
        }

        if (k != 0)
        {
            float u;
            if (bits < 0x5a000000)
            {
                u = 1f + x;
                hu = BitConverter.SingleToInt32Bits(u);
                k = (hu >> 23) - 127;
                c = k > 0 ? 1f - (u - x) : x - (u - 1f);
                c /= u;
            }
            else
            {
                u = x;
                hu = BitConverter.SingleToInt32Bits(u);
                k = (hu >> 23) - 127;
                c = 0f;
            }

            hu &= 0x007fffff;
            if (hu < 0x3504f7)
            {
                u = BitConverter.Int32BitsToSingle(hu | 0x3f800000);
            }
            else
            {
                k++;
                u = BitConverter.Int32BitsToSingle(hu | 0x3f000000);
                hu = (0x00800000 - hu) >> 2;
            }

            f = u - 1f;
        }

        float hfsq = 0.5f * f * f;
        if (hu == 0)
        {
            if (f == 0f)
            {
                if (k == 0)
                {
                    return 0f;
                }

                c += k * Ln2LoF;
                return (k * Ln2HiF) + c;
            }

            float r0 = hfsq * (1f - (0.666666666666666666f * f));
            return k == 0 ? f - r0 : (k * Ln2HiF) - ((r0 - ((k * Ln2LoF) + c)) - f);
        }

        float s = f / (2f + f);
        float z = s * s;
        float r = z * (Lp1F + (z * (Lp2F + (z * (Lp3F + (z * (Lp4F + (z * (Lp5F + (z * (Lp6F + (z * Lp7F))))))))))));
        return k == 0
            ? f - (hfsq - (s * (hfsq + r)))
            : (k * Ln2HiF) - ((hfsq - ((s * (hfsq + r)) + ((k * Ln2LoF) + c))) - f);
    }

    /// <summary>e^x − 1, accurate near 0 (used by <c>Denormalize</c> to invert log1p).</summary>
    public static double Expm1(double x)
    {
        if (Math.Abs(x) < 1e-5)
        {
            return x + (x * x * 0.5) + (x * x * x / 6d);
        }

        return Math.Exp(x) - 1d;
    }

    private static double WithHighWord(double value, int highWord)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        return BitConverter.Int64BitsToDouble((bits & 0xffffffffL) | ((long)highWord << 32));
    }
}
