using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NormGuard.Internal;

/// <summary>
/// The parts of the generated per-row code that are the same for every feature set, written once here instead of
/// once per set (a set's generated file is compiled in every build of the project that declares it). The
/// normalizing helpers take every parameter as an argument and inline, so the generated <c>Normalize</c> keeps its
/// constants baked in; the <c>Denormalize</c> helpers are ordinary calls.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedRows
{
    /// <summary>v bound to [low, high]; NaN stays NaN (neither comparison holds).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Clip(float v, float low, float high) => v < low ? low : (v > high ? high : v);

    /// <summary>v bound to [low, high]; NaN stays NaN (neither comparison holds).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Clip(double v, double low, double high) => v < low ? low : (v > high ? high : v);

    /// <summary>A constant output (Spark's constant min-max feature), except that NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ConstantUnlessNaN(float v, float constant) => float.IsNaN(v) ? v : constant;

    /// <summary>A constant output (Spark's constant min-max feature), except that NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ConstantUnlessNaN(double v, double constant) => double.IsNaN(v) ? v : constant;

    /// <summary>
    /// The <paramref name="width"/> one-hot outputs at <paramref name="output"/> for a category index found by a
    /// switch: 1 at <paramref name="index"/> and 0 elsewhere; all 0 for −1 (unknown, allowed); all NaN for −2 (a
    /// missing value under "propagate", the only policy that reaches here with one).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void OneHot(ref float output, int width, int index)
    {
        Span<float> outputs = MemoryMarshal.CreateSpan(ref output, width);
        outputs.Clear();
        if (index >= 0)
        {
            Unsafe.Add(ref output, index) = 1f;
        }
        else if (index == -2)
        {
            outputs.Fill(float.NaN);
        }
    }

    /// <summary>
    /// <c>Denormalize</c>: <paramref name="value"/>, or throws when it is NaN and the member's type (int, bool,
    /// decimal…) has no NaN and no null.
    /// </summary>
    public static double Defined(double value, string featureSet, string feature, string type)
    {
        if (double.IsNaN(value))
        {
            ThrowHelper.NoValue(featureSet, feature, type);
        }

        return value;
    }

    /// <summary>
    /// <c>Denormalize</c> into a decimal: <paramref name="value"/> (NaN included, which a nullable member reads as null),
    /// or throws beyond ±7.9e28 and at ±∞, where there is no decimal: 0 would be a value made up, null would claim
    /// the value was missing.
    /// </summary>
    public static double DecimalRange(double value, string featureSet, string feature)
    {
        if (!(Math.Abs(value) < 7.9228162514264e28d) && !double.IsNaN(value))
        {
            ThrowHelper.OutOfRange(featureSet, feature, value, "decimal");
        }

        return value;
    }

    /// <summary><c>Denormalize</c> into an integer type: rounded to the nearest and clamped to [min, max].</summary>
    public static double Integral(double value, double min, double max) => Math.Clamp(Math.Round(value), min, max);

    /// <summary>
    /// <c>Denormalize</c> of a one-hot feature: the index of the arg-max of the <paramref name="width"/> scores at
    /// <paramref name="scores"/> (a model's may all be negative), the first on ties, NaN scores skipped; −1 when there is
    /// no winner. What <c>Normalize</c> writes for "no category" has none: all NaN (a propagated missing value), all
    /// zeros (an unknown category under allZeros, a fill that matches no category), or any mix of the two, since a
    /// zero is not a score that beats a NaN.
    /// </summary>
    public static int ArgMax(ref float scores, int width)
    {
        int best = -1;
        float bestValue = float.NegativeInfinity;
        bool anyScore = false;
        for (int i = 0; i < width; i++)
        {
            float value = Unsafe.Add(ref scores, i);
            anyScore |= value != 0f && !float.IsNaN(value);
            if (!float.IsNaN(value) && (best < 0 || value > bestValue))
            {
                best = i;
                bestValue = value;
            }
        }

        return anyScore ? best : -1;
    }

    /// <summary>
    /// <see cref="ArgMax"/> for a member that cannot be null: throws when there is no winner, since default(T) would
    /// be a category made up (an enum's 0, an integer 0 that may not even be a category).
    /// </summary>
    public static int Winner(ref float scores, int width, string featureSet, string feature)
    {
        int best = ArgMax(ref scores, width);
        if (best < 0)
        {
            ThrowHelper.NoCategory(featureSet, feature, MemoryMarshal.CreateReadOnlySpan(ref scores, width));
        }

        return best;
    }
}
