using System;
using System.Globalization;
using NormGuard.Internal;

namespace NormGuard;

/// <summary>
/// Runtime guards for vectors that arrive from outside (another service, an embedding API, a vector store), at the two
/// places a vector of a space can be met:
/// <list type="bullet">
/// <item><see cref="CheckInput(ReadOnlySpan{float}, string?)"/>: what the producing model emits, before the space's steps:
/// <see cref="NativeDimension"/> values, all finite, from <see cref="Model"/>;</item>
/// <item><see cref="CheckNormalized(ReadOnlySpan{float}, string?, float)"/>: what a consumer receives after the steps:
/// <see cref="Dimension"/> values, all finite, and, when the space <see cref="IsUnitLength"/>, a norm within a tolerance
/// of 1 (or the zero vector, which the <c>l2</c> step leaves zero).</item>
/// </list>
/// Each throws <see cref="EmbeddingSpaceException"/> naming the space, what was expected and what was found. The
/// overloads with a <c>modelId</c> argument also compare it (ordinal) with <see cref="Model"/>; a null or empty id is
/// rejected, not skipped: a producer that does not say which model made a vector cannot be shown to be in this space.
/// </summary>
public sealed partial class EmbeddingSpace
{
    /// <summary>2⁻²⁴, the unit roundoff of float32: half the spacing of floats just below 1.</summary>
    private const double Float32UnitRoundoff = 1.0 / (1 << 24);

    /// <summary>
    /// The norm tolerance <see cref="CheckNormalized(ReadOnlySpan{float})"/> uses by default: (<see cref="Dimension"/> + 5)·2⁻²⁴
    /// (2.3e-5 for 384 dimensions, 9.2e-5 for 1,536). A producer that normalizes in float32 as numpy and scikit-learn do
    /// (squares summed one by one in float32, a float32 square root, each element divided and rounded) leaves a norm
    /// within about (d/2 + 2)·2⁻²⁴ of 1 to first order: d roundings in the sum of squares (halved by the square root),
    /// one in the root, one in each quotient; this check's own norm (summed in float64, rounded once to float32) adds half
    /// a unit. The default is twice that bound, so a vector normalized in float32 in any summation order passes, and a
    /// vector that was not normalized (raw model outputs have norms far from 1) or was changed after the steps fails.
    /// A producer that normalizes in half precision (float16/bfloat16 on a GPU) needs a wider tolerance, about d·2⁻¹¹:
    /// pass it to <see cref="CheckNormalized(ReadOnlySpan{float}, string?, float)"/>.
    /// </summary>
    public float DefaultNormTolerance => (float)((Math.Max(Dimension, 0) + 5) * Float32UnitRoundoff);

    /// <summary>Checks a vector as the producing model emits it: <see cref="NativeDimension"/> finite values. Use it when the
    /// producer is known to run <see cref="Model"/> (a local model); otherwise pass its model id.</summary>
    /// <exception cref="EmbeddingSpaceException">The length or a value is wrong.</exception>
    public void CheckInput(ReadOnlySpan<float> vector)
    {
        CheckLength(vector, NativeDimension, "the native dimension of " + Model);
        CheckFinite(vector);
    }

    /// <summary>Checks a vector as the producing model emits it, and the id of the model that produced it.</summary>
    /// <param name="vector">The vector as the model emitted it, before the space's steps.</param>
    /// <param name="modelId">The producer's model id (for example an embedding API's <c>model</c> field); null or empty is rejected.</param>
    /// <exception cref="EmbeddingSpaceException">The model, the length or a value is wrong.</exception>
    public void CheckInput(ReadOnlySpan<float> vector, string? modelId)
    {
        CheckModel(modelId);
        CheckInput(vector);
    }

    /// <summary>Checks a vector after the space's steps with <see cref="DefaultNormTolerance"/>: <see cref="Dimension"/>
    /// finite values and, when the space <see cref="IsUnitLength"/>, a norm within the tolerance of 1 or exactly 0.</summary>
    /// <exception cref="EmbeddingSpaceException">The length, a value or the norm is wrong.</exception>
    public void CheckNormalized(ReadOnlySpan<float> vector) => CheckNormalized(vector, DefaultNormTolerance);

    /// <summary>As <see cref="CheckNormalized(ReadOnlySpan{float})"/>, with the given norm tolerance.</summary>
    /// <param name="vector">The vector after the space's steps.</param>
    /// <param name="normTolerance">The largest |‖x‖ − 1| accepted; finite and ≥ 0. Ignored when the space is not unit length.</param>
    public void CheckNormalized(ReadOnlySpan<float> vector, float normTolerance)
    {
        if (!(normTolerance >= 0f) || float.IsInfinity(normTolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(normTolerance), normTolerance, "The norm tolerance must be finite and non-negative.");
        }

        CheckLength(vector, Dimension, Dimension == NativeDimension ? "the dimension of " + Model : "the dimension after " + Normalization);
        CheckFinite(vector);
        if (IsUnitLength)
        {
            CheckUnitNorm(vector, normTolerance);
        }
    }

    /// <summary>As <see cref="CheckNormalized(ReadOnlySpan{float})"/>, and the id of the model that produced it.</summary>
    /// <param name="vector">The vector after the space's steps.</param>
    /// <param name="modelId">The producer's model id; null or empty is rejected.</param>
    public void CheckNormalized(ReadOnlySpan<float> vector, string? modelId) => CheckNormalized(vector, modelId, DefaultNormTolerance);

    /// <summary>As <see cref="CheckNormalized(ReadOnlySpan{float}, float)"/>, and the id of the model that produced it.</summary>
    public void CheckNormalized(ReadOnlySpan<float> vector, string? modelId, float normTolerance)
    {
        CheckModel(modelId);
        CheckNormalized(vector, normTolerance);
    }

    private void CheckModel(string? modelId)
    {
        if (string.IsNullOrEmpty(modelId))
        {
            throw Mismatch(
                EmbeddingSpaceMismatch.Model,
                Model,
                modelId is null ? "no model id" : "an empty model id",
                "the producer did not say which model made the vector, so it cannot be shown to be in this space");
        }

        if (!string.Equals(modelId, Model, StringComparison.Ordinal))
        {
            throw Mismatch(
                EmbeddingSpaceMismatch.Model,
                Model,
                modelId!,
                "vectors of another model are in another space even when their dimension matches (ids are compared exactly, case included)");
        }
    }

    private void CheckLength(ReadOnlySpan<float> vector, int expected, string meaning)
    {
        if (vector.Length != expected)
        {
            throw Mismatch(
                EmbeddingSpaceMismatch.Dimension,
                Count(expected),
                Count(vector.Length),
                expected.ToString(CultureInfo.InvariantCulture) + " is " + meaning);
        }
    }

    private void CheckFinite(ReadOnlySpan<float> vector)
    {
        for (int i = 0; i < vector.Length; i++)
        {
            if (!float.IsFinite(vector[i]))
            {
                throw Mismatch(
                    EmbeddingSpaceMismatch.NonFiniteValue,
                    "a finite value",
                    Number(vector[i]) + " at index " + i.ToString(CultureInfo.InvariantCulture),
                    "no step of the space can make a vector with a non-finite element usable");
            }
        }
    }

    private void CheckUnitNorm(ReadOnlySpan<float> vector, float tolerance)
    {
        float norm = VectorKernels.Norm(vector);
        if (norm == 0f || Math.Abs((double)norm - 1.0) <= tolerance)
        {
            return;
        }

        throw Mismatch(
            EmbeddingSpaceMismatch.Norm,
            "a norm within " + Number(tolerance) + " of 1 (or a zero vector)",
            "a norm of " + Number(norm),
            "the space's steps (" + Normalization + ") end with l2, so its vectors have unit length; this one was not normalized with them, or was changed after them, and a dot-product or Euclidean ranking of it differs from cosine");
    }

    private EmbeddingSpaceException Mismatch(EmbeddingSpaceMismatch mismatch, string expected, string found, string why) =>
        new(
            Name,
            mismatch,
            expected,
            found,
            "Embedding space '" + Name + "' (" + Model + (Revision is null ? string.Empty : "@" + Revision) + ", " + Normalization + "): expected " +
            (mismatch == EmbeddingSpaceMismatch.Model ? "model '" + expected + "'" : expected) + ", found " +
            (mismatch == EmbeddingSpaceMismatch.Model && !found.StartsWith("no ", StringComparison.Ordinal) && !found.StartsWith("an empty", StringComparison.Ordinal) ? "'" + found + "'" : found) +
            "; " + why + ".");

    private static string Count(int values) => values.ToString(CultureInfo.InvariantCulture) + (values == 1 ? " value" : " values");

    private static string Number(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
