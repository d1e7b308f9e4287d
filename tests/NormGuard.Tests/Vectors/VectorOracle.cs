using System;

namespace NormGuard.Tests.Vectors;

/// <summary>
/// The documented arithmetic of docs/vector-arithmetic.md written again, independently of the kernels and as plainly as
/// possible: each of the 16 partial sums is its own loop over i ≡ j (mod 16), and the tree is written out term by term.
/// </summary>
internal static class VectorOracle
{
    public const float SklearnNormFloor = 10f * (1f / 8388608f); // 10 · 2⁻²³

    public static double SumOfProducts(float[] a, float[] b)
    {
        var p = new double[16];
        for (int lane = 0; lane < 16; lane++)
        {
            double sum = 0d;
            for (int i = lane; i < a.Length; i += 16)
            {
                sum = sum + ((double)a[i] * (double)b[i]);
            }

            p[lane] = sum;
        }

        double r0 = (p[0] + p[8]) + (p[4] + p[12]);
        double r1 = (p[1] + p[9]) + (p[5] + p[13]);
        double r2 = (p[2] + p[10]) + (p[6] + p[14]);
        double r3 = (p[3] + p[11]) + (p[7] + p[15]);
        return (r0 + r2) + (r1 + r3);
    }

    public static float Norm(float[] x) => (float)Math.Sqrt(SumOfProducts(x, x));

    public static float[] L2Sklearn(float[] x)
    {
        float norm = Norm(x);
        float divisor = norm < SklearnNormFloor ? 1f : norm;
        return Array.ConvertAll(x, v => v / divisor);
    }

    public static float[] L2Torch(float[] x, float epsilon)
    {
        float norm = Norm(x);
        float divisor = float.IsNaN(norm) ? norm : (norm > epsilon ? norm : epsilon);
        return Array.ConvertAll(x, v => v / divisor);
    }

    public static float[] Subtract(float[] x, float[] m)
    {
        var y = new float[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = x[i] - m[i];
        }

        return y;
    }

    public static float[] SubtractMultiply(float[] x, float[] m, float[] s)
    {
        var y = new float[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            float t = x[i] - m[i];
            y[i] = t * s[i];
        }

        return y;
    }

    public static float[] SubtractSklearn(float[] x, double[] mean)
    {
        var y = new float[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = (float)((double)x[i] - mean[i]);
        }

        return y;
    }

    public static float[] SubtractDivideSklearn(float[] x, double[] mean, double[] scale)
    {
        var y = new float[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            float t = (float)((double)x[i] - mean[i]);
            y[i] = (float)((double)t / scale[i]);
        }

        return y;
    }

    public static float[] Pca(float[] x, float[] mean, float[] components, float[]? divisors, int k)
    {
        float[] centered = Subtract(x, mean);
        var y = new float[k];
        for (int j = 0; j < k; j++)
        {
            float projected = (float)SumOfProducts(centered, components.AsSpan(j * x.Length, x.Length).ToArray());
            y[j] = divisors is null ? projected : projected / divisors[j];
        }

        return y;
    }

    /// <summary>Distance in units in the last place between two floats of the same sign convention (ordered bits).</summary>
    public static long Ulps(float a, float b)
    {
        static long Ordered(float v)
        {
            int bits = BitConverter.SingleToInt32Bits(v);
            return bits < 0 ? -(long)(bits & 0x7FFFFFFF) : bits;
        }

        return Math.Abs(Ordered(a) - Ordered(b));
    }

    public static bool Same(float a, float b) =>
        BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b) || (float.IsNaN(a) && float.IsNaN(b));

    public static bool Same(double a, double b) =>
        BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b) || (double.IsNaN(a) && double.IsNaN(b));
}
