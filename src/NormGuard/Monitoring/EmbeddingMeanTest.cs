using System;

namespace NormGuard.Monitoring;

/// <summary>
/// The critical value of the cosine distance between the live mean vector and the baseline's (docs/drift.md,
/// "Embeddings"). Under "no drift", the live mean of n vectors and the baseline mean of m differ by e, approximately
/// normal (central limit theorem) with covariance Σ·(1/n + 1/m), so ‖e‖² is a weighted sum of χ²₁ variables whose
/// weights are Σ's eigenvalues times (1/n + 1/m). A bound t on ‖e‖² that holds with probability 1 − α bounds the angle
/// between the baseline mean μ (length L) and μ + e by arcsin(√t / L), so the cosine distance exceeds
/// 1 − √(1 − t/L²) with probability at most α, whatever the direction of e. The bound t:
/// <list type="bullet">
/// <item>with the covariance's Frobenius and Schatten-4 norms (a baseline fitted on vectors, or a fitted manifest's stats): Laurent and Massart's
/// inequality for Gaussian quadratic forms, P(‖e‖² ≥ s·(tr Σ + 2‖Σ‖_F·√x + 2λ·x)) ≤ e⁻ˣ with x = ln(1/α),
/// s = 1/n + 1/m and λ ≥ the largest eigenvalue (the Schatten-4 norm);</item>
/// <item>with the trace alone (what a manifest without the two norms gives, from its norm statistics): Székely and Bakirov's extremal bound,
/// P(‖e‖² ≥ s·tr Σ·z²) ≤ P(Z² ≥ z²) = α for z = Φ⁻¹(1 − α/2), valid for α ≤ 0.215 whatever the eigenvalues — the
/// worst case is all variance in one direction, so it is several times wider for real embeddings.</item>
/// </list>
/// When t ≥ L² the live mean could point anywhere by chance: the test cannot decide and says so.
/// </summary>
internal static class EmbeddingMeanTest
{
    public const string LaurentMassart = "Laurent–Massart bound (covariance norms)";

    public const string SzekelyBakirov = "Székely–Bakirov bound (covariance trace only)";

    /// <summary>The critical cosine distance for <paramref name="live"/> vectors, or null when no distance is
    /// significant at this size (<paramref name="vectorsNeeded"/>: the smallest live count that can decide, or null when
    /// none can, the baseline itself being too small).</summary>
    public static double? Critical(EmbeddingBaseline baseline, long live, double alpha, out string bound, out long? vectorsNeeded)
    {
        double spread = SpreadBound(baseline, alpha, out bound);
        double length2 = baseline.MeanVectorLength * baseline.MeanVectorLength;
        double t = spread * ((1d / live) + (1d / baseline.Count));
        vectorsNeeded = null;
        if (!(t < length2))
        {
            double room = (length2 / spread) - (1d / baseline.Count);
            vectorsNeeded = room > 0 ? (long)Math.Floor(1 / room) + 1 : null;
            return null;
        }

        double ratio = t / length2;
        return ratio / (1 + Math.Sqrt(1 - ratio));
    }

    /// <summary>1 − cos(a, b) for the live mean (sums / count) and the baseline mean.</summary>
    public static double CosineDistance(ReadOnlySpan<double> sums, EmbeddingBaseline baseline)
    {
        double dot = 0, live2 = 0;
        for (int i = 0; i < sums.Length; i++)
        {
            dot += sums[i] * baseline.MeanVector[i];
            live2 += sums[i] * sums[i];
        }

        double denominator = Math.Sqrt(live2) * baseline.MeanVectorLength;
        return denominator > 0 ? 1 - (dot / denominator) : double.NaN;
    }

    /// <summary>The per-unit-of-(1/n + 1/m) bound on ‖e‖² at level α.</summary>
    private static double SpreadBound(EmbeddingBaseline baseline, double alpha, out string bound)
    {
        if (baseline.CovarianceFrobeniusNorm is double frobenius && baseline.CovarianceSchatten4Norm is double largest)
        {
            bound = LaurentMassart;
            double x = -Math.Log(alpha);
            return baseline.CovarianceTrace + (2 * frobenius * Math.Sqrt(x)) + (2 * largest * x);
        }

        bound = SzekelyBakirov;
        double z = UpperNormalQuantile(alpha / 2);
        return baseline.CovarianceTrace * z * z;
    }

    /// <summary>z with P(Z &gt; z) = p, for 0 &lt; p &lt; 0.5: Acklam's rational approximation (relative error
    /// below 1.2·10⁻⁹), accurate far beyond what a significance level needs.</summary>
    internal static double UpperNormalQuantile(double p)
    {
        if (!(p > 0 && p < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Expected 0 < p < 0.5.");
        }

        ReadOnlySpan<double> a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        ReadOnlySpan<double> b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        ReadOnlySpan<double> c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        ReadOnlySpan<double> d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        if (p < 0.02425)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            return -Horner(c, q) / ((Horner(d, q) * q) + 1);
        }

        double u = 0.5 - p, r = u * u;
        return Horner(a, r) * u / ((Horner(b, r) * r) + 1);
    }

    /// <summary>k[0]·xⁿ⁻¹ + k[1]·xⁿ⁻² + … + k[n−1].</summary>
    private static double Horner(ReadOnlySpan<double> k, double x)
    {
        double value = k[0];
        for (int i = 1; i < k.Length; i++)
        {
            value = (value * x) + k[i];
        }

        return value;
    }
}
