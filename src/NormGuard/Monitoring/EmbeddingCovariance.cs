using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.InteropServices;

namespace NormGuard.Monitoring;

/// <summary>
/// Two norms of the population covariance Σ of a set of vectors, for the mean-vector test's critical value:
/// ‖Σ‖_F = √tr(Σ²) and the Schatten-4 norm (tr Σ⁴)^¼, which is never below Σ's largest eigenvalue (an upper bound
/// without an eigen-solver, which could only give a lower one without a convergence proof). Both come from whichever
/// of the d×d covariance and the n×n Gram matrix of the centred vectors is smaller: they share their non-zero
/// eigenvalues. Every entry is a dot product of two double arrays, so the work is k²/2 dot products of length
/// max(n, d) and k²/2 of length k, for k = min(n, d).
/// </summary>
internal static class EmbeddingCovariance
{
    public static (double Frobenius, double Schatten4) Norms(IReadOnlyList<float[]> vectors, double[] mean)
    {
        int n = vectors.Count, d = mean.Length;

        // Covariance (d ≤ n): entry (i, j) is the dot product of centred columns i and j. Gram (d > n): of rows.
        bool byColumn = d <= n;
        double[][] lines = new double[byColumn ? d : n][];
        for (int l = 0; l < lines.Length; l++)
        {
            lines[l] = new double[byColumn ? n : d];
        }

        for (int r = 0; r < n; r++)
        {
            for (int i = 0; i < d; i++)
            {
                double centred = vectors[r][i] - mean[i];
                if (byColumn)
                {
                    lines[i][r] = centred;
                }
                else
                {
                    lines[r][i] = centred;
                }
            }
        }

        double[][] s = SymmetricProducts(lines, lines, 1d / n);

        // For symmetric S: tr S² is the sum of its squared entries, and (S²)_ij = row_i · row_j.
        double[][] square = SymmetricProducts(s, s, 1);
        // Schatten-4 ≤ Frobenius (equal at rank one, where rounding could put it an ulp above): capped, as the fitters do.
        double frobenius = Math.Sqrt(SumOfSquares(s));
        return (frobenius, Math.Min(frobenius, Math.Sqrt(Math.Sqrt(SumOfSquares(square)))));
    }

    /// <summary>M_ij = scale · (a_i · b_j) for a symmetric result, computed on the upper triangle and mirrored.</summary>
    private static double[][] SymmetricProducts(double[][] a, double[][] b, double scale)
    {
        int k = a.Length;
        var result = new double[k][];
        for (int i = 0; i < k; i++)
        {
            result[i] = new double[k];
        }

        for (int i = 0; i < k; i++)
        {
            for (int j = i; j < k; j++)
            {
                double value = Dot(a[i], b[j]) * scale;
                result[i][j] = value;
                result[j][i] = value;
            }
        }

        return result;
    }

    private static double SumOfSquares(double[][] m)
    {
        double sum = 0;
        foreach (double[] row in m)
        {
            sum += Dot(row, row);
        }

        return sum;
    }

    private static double Dot(double[] a, double[] b)
    {
        int i = 0;
        var acc = Vector<double>.Zero;
        ReadOnlySpan<Vector<double>> va = MemoryMarshal.Cast<double, Vector<double>>(a);
        ReadOnlySpan<Vector<double>> vb = MemoryMarshal.Cast<double, Vector<double>>(b);
        for (int v = 0; v < va.Length; v++)
        {
            acc += va[v] * vb[v];
        }

        double sum = Vector.Dot(acc, Vector<double>.One);
        for (i = va.Length * Vector<double>.Count; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
