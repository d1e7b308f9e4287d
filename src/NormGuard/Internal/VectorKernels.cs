using System;
using System.ComponentModel;

namespace NormGuard.Internal;

/// <summary>
/// The vector arithmetic that generated code, the embedding guards and embedding drift call (docs/vector-arithmetic.md).
/// Every kernel takes float32 and gives float32, and gives the same bits on every instruction set (AVX-512, AVX2,
/// SSE/AdvSIMD, none): element-wise steps are one IEEE operation per element, and reductions follow one fixed order.
/// <para>
/// <b>Summation order</b> (<see cref="SumOfSquares"/>, <see cref="Dot"/>, and the norm and projections built on them):
/// each term is a product of two float32 values computed in float64, which is exact (24 + 24 significant bits fit in
/// 53), so a fused multiply-add and a separate multiply and add give the same result. Term i is added, in increasing
/// i, to partial sum p[i mod 16]; the 16 partials start at +0 and are then combined in a fixed tree:
/// p[j] += p[j + 8] (j &lt; 8), p[j] += p[j + 4] (j &lt; 4), p[j] += p[j + 2] (j &lt; 2), result = p[0] + p[1].
/// No finite float32 input overflows or underflows to zero in float64 this way (a square lies between 2⁻²⁹⁸ and 2²⁵⁶).
/// </para>
/// <para>
/// Spans: a source and its destination have equal length unless a kernel says otherwise (else
/// <see cref="ArgumentException"/>). The destination may be the very same memory as the source (in place); a partial
/// overlap is refused with <see cref="ArgumentException"/>.
/// </para>
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class VectorKernels
{
    /// <summary>The source length (d) up to which <see cref="PcaProject"/> centers into stack memory, not a pooled array.</summary>
    public const int PcaStackScratchLimit = 2048;

    /// <summary>
    /// 10 · 2⁻²³ = 1.1920929E-06 (exact in float32): the norm below which scikit-learn's <c>normalize</c> leaves a
    /// float32 row unchanged (<c>_handle_zeros_in_scale</c>: <c>scale &lt; 10 * np.finfo(np.float32).eps</c>).
    /// </summary>
    public const float SklearnNormFloor = 1.1920929E-06f;

    /// <summary>
    /// Σ x[i]² in float64, in the fixed summation order of the class remarks: each square is exact, the sum is rounded
    /// once per addition. NaN in, NaN out; an infinite element gives +∞. Empty: +0.
    /// </summary>
    public static double SumOfSquares(ReadOnlySpan<float> x) => SumOfSquaresOn(x, Best);

    /// <summary>
    /// The Euclidean norm: <c>(float)Math.Sqrt(SumOfSquares(x))</c>, the float64 square root rounded once to float32.
    /// A vector whose norm exceeds <see cref="float.MaxValue"/> (possible only with elements above about 10³⁷) gives +∞.
    /// </summary>
    public static float Norm(ReadOnlySpan<float> x) => (float)Math.Sqrt(SumOfSquares(x));

    /// <summary>
    /// Σ a[i]·b[i] in float64, each product exact, in the fixed summation order of the class remarks.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        RequireSameLength(a.Length, b.Length, nameof(b), "b", "a");
        return SumOfProducts(a, b, Best);
    }

    /// <summary>
    /// Unit L2 normalization with scikit-learn's rule (<c>normalize(X, norm="l2")</c>, scikit-learn 1.2.1):
    /// n = <see cref="Norm"/>(x); a norm below <see cref="SklearnNormFloor"/> (10 · float32 epsilon, as
    /// scikit-learn's <c>_handle_zeros_in_scale</c>) counts as 1, so the zero vector and any vector shorter than that
    /// stay as they are (−0 elements included); then y[i] = x[i] / n, one float32 division per element (not a
    /// multiplication by 1/n, which rounds differently). NaN anywhere makes every element NaN; an infinite element
    /// makes the norm +∞, so finite elements become ±0 and infinite ones NaN (scikit-learn gives the same). scikit-learn
    /// takes the norm in float32 (<c>np.einsum</c>): where its norm differs in the last bit the row differs by an ulp or
    /// two, and where float32 squares overflow (elements above about 1.8·10¹⁹) its norm is +∞ and its row zeros, while
    /// this kernel gives the unit vector (docs/vector-arithmetic.md).
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, or the spans overlap partially.</exception>
    public static void L2Normalize(ReadOnlySpan<float> source, Span<float> destination)
    {
        RequireElementwise(source, destination);
        L2NormalizeSklearn(source, destination, Best);
    }

    /// <summary>
    /// Unit L2 normalization with PyTorch's rule (<c>F.normalize(x, p=2, eps=ε)</c>, which is x / max(‖x‖, ε)):
    /// n = <see cref="Norm"/>(x), d = max(n, ε) in float32 (NaN if n is NaN), y[i] = x[i] / d, one float32 division per
    /// element. The zero vector stays zero; a vector shorter than ε is scaled by 1/ε and keeps its short length.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is not a finite number &gt; 0.</exception>
    /// <exception cref="ArgumentException">Lengths differ, or the spans overlap partially.</exception>
    public static void L2Normalize(ReadOnlySpan<float> source, Span<float> destination, float epsilon)
    {
        if (!(epsilon > 0f) || float.IsInfinity(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "The PyTorch rule needs a finite epsilon > 0; use the overload without epsilon for scikit-learn's rule.");
        }

        RequireElementwise(source, destination);
        L2NormalizeTorch(source, destination, epsilon, Best);
    }

    /// <summary>Centering, profile normguard: y[i] = x[i] − offset[i], one float32 subtraction per element.</summary>
    /// <exception cref="ArgumentException">Lengths differ, or the spans overlap partially.</exception>
    public static void Subtract(ReadOnlySpan<float> source, ReadOnlySpan<float> offset, Span<float> destination)
    {
        RequireElementwise(source, destination);
        RequireSameLength(source.Length, offset.Length, nameof(offset), "offset", "source");
        Subtract(source, offset, destination, Best);
    }

    /// <summary>
    /// Z-score, profile normguard: y[i] = (x[i] − offset[i]) · scale[i] in float32, each operation rounded (not fused).
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, or the spans overlap partially.</exception>
    public static void SubtractMultiply(ReadOnlySpan<float> source, ReadOnlySpan<float> offset, ReadOnlySpan<float> scale, Span<float> destination)
    {
        RequireElementwise(source, destination);
        RequireSameLength(source.Length, offset.Length, nameof(offset), "offset", "source");
        RequireSameLength(source.Length, scale.Length, nameof(scale), "scale", "source");
        SubtractMultiply(source, offset, scale, destination, Best);
    }

    /// <summary>
    /// Centering, profile sklearn (<c>StandardScaler(with_std=False).transform</c> on float32, whose <c>mean_</c> is
    /// float64): y[i] = (float)((double)x[i] − mean[i]), the subtraction in float64 rounded once to float32.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, or the spans overlap partially.</exception>
    public static void SubtractSklearn(ReadOnlySpan<float> source, ReadOnlySpan<double> mean, Span<float> destination)
    {
        RequireElementwise(source, destination);
        RequireSameLength(source.Length, mean.Length, nameof(mean), "mean", "source");
        SubtractSklearn(source, mean, destination, Best);
    }

    /// <summary>
    /// Z-score, profile sklearn (<c>StandardScaler().transform</c> on float32: <c>X -= mean_; X /= scale_</c> with
    /// float64 parameters): t = (float)((double)x[i] − mean[i]); y[i] = (float)((double)t / scale[i]), each operation in
    /// float64 rounded to float32 before the next.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, or the spans overlap partially.</exception>
    public static void SubtractDivideSklearn(ReadOnlySpan<float> source, ReadOnlySpan<double> mean, ReadOnlySpan<double> scale, Span<float> destination)
    {
        RequireElementwise(source, destination);
        RequireSameLength(source.Length, mean.Length, nameof(mean), "mean", "source");
        RequireSameLength(source.Length, scale.Length, nameof(scale), "scale", "source");
        SubtractDivideSklearn(source, mean, scale, destination, Best);
    }

    /// <summary>
    /// PCA projection as scikit-learn's <c>PCA.transform</c> on float32 data: c[i] = x[i] − mean[i] in float32 (d
    /// values); y[j] = (float)<see cref="Dot"/>(c, components row j) for each of the k = destination.Length rows of the
    /// row-major k×d <paramref name="components"/>; with whitening, y[j] = y[j] / whitenDivisors[j] in float32 (the
    /// divisors are sqrt(explained variance) in float32). scikit-learn takes the dot products in float32 BLAS, whose
    /// order is its own: the results differ by the bound in docs/vector-arithmetic.md. The destination may overlap the
    /// source in any way: the source is read whole (centered into scratch: the stack up to
    /// <see cref="PcaStackScratchLimit"/> values, a pooled array above) before anything is written.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// mean is not d long, components is not k·d long, or whitenDivisors is neither empty nor k long.
    /// </exception>
    public static void PcaProject(ReadOnlySpan<float> source, ReadOnlySpan<float> mean, ReadOnlySpan<float> components, ReadOnlySpan<float> whitenDivisors, Span<float> destination)
    {
        int d = source.Length;
        int k = destination.Length;
        RequireSameLength(d, mean.Length, nameof(mean), "mean", "source");
        if ((long)k * d != components.Length)
        {
            throw new ArgumentException($"components has {components.Length} values; a {k}×{d} row-major matrix (destination length × source length) has {(long)k * d}.", nameof(components));
        }

        if (whitenDivisors.Length != 0 && whitenDivisors.Length != k)
        {
            throw new ArgumentException($"whitenDivisors has {whitenDivisors.Length} values; expected none (no whitening) or one per component ({k}).", nameof(whitenDivisors));
        }

        PcaProjectOn(source, mean, components, whitenDivisors, destination, Best);
    }

    private static void RequireElementwise(ReadOnlySpan<float> source, ReadOnlySpan<float> destination)
    {
        RequireSameLength(source.Length, destination.Length, nameof(destination), "destination", "source");
        if (source.Overlaps(destination, out int offset) && offset != 0)
        {
            throw new ArgumentException($"destination overlaps source shifted by {offset} elements; it must be the same memory (in place) or separate.", nameof(destination));
        }
    }

    private static void RequireSameLength(int expected, int actual, string parameter, string name, string against)
    {
        if (expected != actual)
        {
            throw new ArgumentException($"{name} has {actual} values; {against} has {expected} and they must be equal.", parameter);
        }
    }
}
