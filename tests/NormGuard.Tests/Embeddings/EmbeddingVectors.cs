using System;

namespace NormGuard.Tests.Embeddings;

/// <summary>Test vectors, and unit normalization written out the ways producers compute it in float32.</summary>
internal static class EmbeddingVectors
{
    /// <summary>Standard normal elements (Box–Muller over a seeded <see cref="Random"/>), plus <paramref name="mean"/>.</summary>
    public static float[] Gaussian(int dimension, int seed, float mean = 0f)
    {
        var random = new Random(seed);
        var vector = new float[dimension];
        for (int i = 0; i < dimension; i++)
        {
            double u1 = 1.0 - random.NextDouble();
            double u2 = random.NextDouble();
            vector[i] = mean + (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
        }

        return vector;
    }

    /// <summary>numpy/scikit-learn on float32: squares summed one by one in float32, float32 square root, x / norm rounded per element.</summary>
    public static float[] NormalizeLikeNumpy(float[] x)
    {
        float sum = 0f;
        foreach (float v in x)
        {
            sum += v * v;
        }

        float norm = MathF.Sqrt(sum);
        var result = new float[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            result[i] = x[i] / norm;
        }

        return result;
    }

    /// <summary>Another float32 producer: pairwise summation, then multiplication by the float32 reciprocal (one more rounding).</summary>
    public static float[] NormalizePairwiseReciprocal(float[] x)
    {
        float inverse = 1f / MathF.Sqrt(Pairwise(x, 0, x.Length));
        var result = new float[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            result[i] = x[i] * inverse;
        }

        return result;
    }

    public static float[] Scale(float[] x, float factor)
    {
        var result = new float[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            result[i] = x[i] * factor;
        }

        return result;
    }

    /// <summary>The norm in float64, for the tests' own expectations (independent of the kernel under test).</summary>
    public static double NormInFloat64(float[] x)
    {
        double sum = 0;
        foreach (float v in x)
        {
            sum += (double)v * v;
        }

        return Math.Sqrt(sum);
    }

    private static float Pairwise(float[] x, int start, int length)
    {
        if (length <= 8)
        {
            float sum = 0f;
            for (int i = start; i < start + length; i++)
            {
                sum += x[i] * x[i];
            }

            return sum;
        }

        int half = length / 2;
        return Pairwise(x, start, half) + Pairwise(x, start + half, length - half);
    }
}
