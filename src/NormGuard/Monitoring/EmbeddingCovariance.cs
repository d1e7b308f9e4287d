using System;
using System.Collections.Generic;

namespace NormGuard.Monitoring;

/// <summary>
/// Two norms of the population covariance Σ of a set of vectors, for the mean-vector test's critical value:
/// ‖Σ‖_F = √tr(Σ²) and the Schatten-4 norm (tr Σ⁴)^¼, which is never below Σ's largest eigenvalue (an upper bound
/// without an eigen-solver, which could only give a lower one without a convergence proof). Both come from whichever
/// of the d×d covariance and the n×n Gram matrix of the centred vectors is smaller: they share their non-zero
/// eigenvalues.
/// </summary>
internal static class EmbeddingCovariance
{
    public static (double Frobenius, double Schatten4) Norms(IReadOnlyList<float[]> vectors, double[] mean)
    {
        int n = vectors.Count, d = mean.Length;
        var centred = new double[n][];
        for (int r = 0; r < n; r++)
        {
            centred[r] = new double[d];
            for (int i = 0; i < d; i++)
            {
                centred[r][i] = vectors[r][i] - mean[i];
            }
        }

        double[,] m = d <= n ? Covariance(centred, d) : Gram(centred);
        double[,] square = Square(m);
        double trace2 = 0, trace4 = 0;
        int k = m.GetLength(0);
        for (int i = 0; i < k; i++)
        {
            trace2 += square[i, i];
            for (int j = 0; j < k; j++)
            {
                // tr(S²) for symmetric S = Σ of its squared entries: S = Σ² here, so this is tr Σ⁴.
                trace4 += square[i, j] * square[i, j];
            }
        }

        return (Math.Sqrt(Math.Max(0, trace2)), Math.Sqrt(Math.Sqrt(Math.Max(0, trace4))));
    }

    /// <summary>Σ = (1/n) Σ_r x_r x_rᵀ of the centred rows.</summary>
    private static double[,] Covariance(double[][] rows, int d)
    {
        var c = new double[d, d];
        foreach (double[] x in rows)
        {
            for (int i = 0; i < d; i++)
            {
                double xi = x[i];
                for (int j = i; j < d; j++)
                {
                    c[i, j] += xi * x[j];
                }
            }
        }

        return ScaleSymmetric(c, rows.Length);
    }

    /// <summary>G = (1/n) X Xᵀ of the centred rows: the same non-zero eigenvalues as the covariance.</summary>
    private static double[,] Gram(double[][] rows)
    {
        int n = rows.Length;
        var g = new double[n, n];
        for (int a = 0; a < n; a++)
        {
            for (int b = a; b < n; b++)
            {
                double dot = 0;
                for (int i = 0; i < rows[a].Length; i++)
                {
                    dot += rows[a][i] * rows[b][i];
                }

                g[a, b] = dot;
            }
        }

        return ScaleSymmetric(g, n);
    }

    /// <summary>Divides the upper triangle by <paramref name="n"/> and mirrors it.</summary>
    private static double[,] ScaleSymmetric(double[,] upper, int n)
    {
        int k = upper.GetLength(0);
        for (int i = 0; i < k; i++)
        {
            for (int j = i; j < k; j++)
            {
                upper[i, j] /= n;
                upper[j, i] = upper[i, j];
            }
        }

        return upper;
    }

    private static double[,] Square(double[,] s)
    {
        int k = s.GetLength(0);
        var result = new double[k, k];
        for (int i = 0; i < k; i++)
        {
            for (int l = 0; l < k; l++)
            {
                double sil = s[i, l];
                for (int j = 0; j < k; j++)
                {
                    result[i, j] += sil * s[l, j];
                }
            }
        }

        return result;
    }
}
