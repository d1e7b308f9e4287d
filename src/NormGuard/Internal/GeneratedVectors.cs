using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NormGuard.Internal;

/// <summary>
/// Checks, throw paths and inverses of the code generated for vector (embedding) features; the forward arithmetic is
/// <see cref="VectorKernels"/>'. Kept out of line so that the generated hot paths stay small.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedVectors
{
    /// <summary>Whether every value is NaN: how Normalize writes a missing vector under "propagate" (Denormalize reads it
    /// back as the member's missing value). An empty span is not.</summary>
    public static bool AllNaN(ReadOnlySpan<float> values)
    {
        foreach (float value in values)
        {
            if (!float.IsNaN(value))
            {
                return false;
            }
        }

        return values.Length > 0;
    }

    /// <summary>The index of the first NaN or infinity in <paramref name="values"/>, or −1 when every value is finite.</summary>
    public static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<float>.Count)
        {
            // x − x is 0 for every finite x and NaN for NaN and ±∞: one compare per lane finds both.
            for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var lanes = new Vector<float>(values.Slice(i));
                if (!Vector.EqualsAll(lanes - lanes, Vector<float>.Zero))
                {
                    break;
                }
            }
        }

        for (; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A vector of the wrong length: names the feature set, the feature, the space and both lengths.</summary>
    [DoesNotReturn]
    public static void WrongLength(string featureSet, string feature, string space, int expected, int found) =>
        throw new NormalizationException(featureSet, feature, Count(found),
            $"Feature set '{featureSet}', feature '{feature}' (embedding space '{space}'): expected {Count(expected)} values, found {Count(found)}; nothing was written. A vector of another length comes from another model or a truncated embedding: check the producer against the space.");

    /// <summary>A null array or an empty memory under the manifest's policy "error".</summary>
    [DoesNotReturn]
    public static void Missing(string featureSet, string feature, string space) =>
        throw new NormalizationException(featureSet, feature, null,
            $"Feature set '{featureSet}', feature '{feature}' (embedding space '{space}'): the vector is missing (null or empty) and the manifest's policy is \"error\" (use \"propagate\" to write NaN for a missing vector).");

    /// <summary>A NaN or an infinity inside a vector under the manifest's policy "error".</summary>
    [DoesNotReturn]
    public static void NonFinite(string featureSet, string feature, string space, int index, float value) =>
        throw new NormalizationException(featureSet, feature, value.ToString("R", CultureInfo.InvariantCulture),
            $"Feature set '{featureSet}', feature '{feature}' (embedding space '{space}'): the value at index {Count(index)} is {value.ToString("R", CultureInfo.InvariantCulture)}, not a finite number, and the manifest's policy is \"error\"; nothing was written.");

    /// <summary>
    /// Writes a vector's values as doubles (what drift monitoring reads): NaN for each when the vector is missing.
    /// A present vector of the wrong length throws as <c>Normalize</c> does.
    /// </summary>
    public static void ReadInputs(ReadOnlySpan<float> values, bool missing, int dimension, ref double destination, string featureSet, string feature, string space)
    {
        if (missing)
        {
            for (int i = 0; i < dimension; i++)
            {
                Unsafe.Add(ref destination, i) = double.NaN;
            }

            return;
        }

        if (values.Length != dimension)
        {
            WrongLength(featureSet, feature, space, dimension, values.Length);
        }

        for (int i = 0; i < dimension; i++)
        {
            Unsafe.Add(ref destination, i) = values[i];
        }
    }

    /// <summary>The inverse of <c>VectorKernels.Subtract</c>/<c>VectorKernels.SubtractMultiply</c> in
    /// place: x = y / scale + offset in float64, rounded once (a zero scale leaves y − … unscaled, as the scalar inverse does).</summary>
    public static void UndoSubtractMultiply(Span<float> values, ReadOnlySpan<float> offset, ReadOnlySpan<float> scale)
    {
        for (int i = 0; i < values.Length; i++)
        {
            double y = values[i];
            double s = scale.IsEmpty ? 1d : scale[i];
            values[i] = (float)((s == 0d ? y : y / s) + offset[i]);
        }
    }

    /// <summary>The inverse of <c>VectorKernels.SubtractSklearn</c>/<c>VectorKernels.SubtractDivideSklearn</c>
    /// in place, as scikit-learn's <c>inverse_transform</c>: x = y · scale + mean in float64, rounded once.</summary>
    public static void UndoSubtractDivideSklearn(Span<float> values, ReadOnlySpan<double> mean, ReadOnlySpan<double> scale)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)((values[i] * (scale.IsEmpty ? 1d : scale[i])) + mean[i]);
        }
    }

    /// <summary>
    /// The inverse of <c>VectorKernels.PcaProject</c>, as scikit-learn's <c>PCA.inverse_transform</c>:
    /// x[j] = mean[j] + Σᵢ yᵢ·wᵢ·components[i, j] (wᵢ the whiten divisor, or 1), in float64. Exact only when the
    /// components span the input (k = d); otherwise the part outside the kept components is lost.
    /// </summary>
    public static void UndoPca(ReadOnlySpan<float> projected, ReadOnlySpan<float> mean, ReadOnlySpan<float> components, ReadOnlySpan<float> whitenDivisors, Span<float> destination)
    {
        int d = destination.Length;
        for (int j = 0; j < d; j++)
        {
            double sum = mean[j];
            for (int i = 0; i < projected.Length; i++)
            {
                double y = whitenDivisors.IsEmpty ? projected[i] : (double)projected[i] * whitenDivisors[i];
                sum += y * components[(i * d) + j];
            }

            destination[j] = (float)sum;
        }
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
