using System;
using System.Collections.Generic;
using System.Globalization;
using NormGuard.Manifests;

namespace NormGuard.Tool.Importers;

/// <summary>
/// Turns a library's float32 affine constants (offset, scale, add) into manifest parameters from which the profile's
/// derivation (src/Shared/ProfileArithmetic.cs, the generator's own, SPEC §5) gives back exactly those floats. Every
/// result is checked by running that derivation on it; a lane no parameters can reproduce is reported, never approximated.
/// The searches below invert the derivation; only the final checks call it.
/// </summary>
/// <remarks>
/// The derivations, as ProfileArithmetic has them for a float32 manifest (what the searches invert):
/// <list type="bullet">
/// <item>onnx zscore/robust: offset = f32(mean), scale = f32(1.0 / std); maxabs: scale = f32(1.0 / maxabs);
/// minmax: scikit-learn's float32 <c>scale_ = f32(high − low) / f32(f32(max) − f32(min))</c> (a range under 10·eps
/// counts as 1) and <c>min_ = f32(low) − f32(min)·scale_</c>, then x·scale_ + min_.</item>
/// <item>mlnet zscore/robust: scale = 1f / f32(std) (0 for std 0), offset = f32(mean) (0 when the scale is 0);
/// maxabs: scale = 1f / f32(maxabs); minmax: scale = f32(high − low) / (f32(max) − f32(min)) (0 unless the range is
/// positive), offset = f32(min).</item>
/// </list>
/// An onnx offset of −0 is kept as a mean/center of −0 (written "-0"): x − (−0) turns the input −0 into +0 where x − 0
/// keeps it, and ONNX Runtime's output shows the difference. The mlnet offset −0 is still written as 0 with a warning.
/// </remarks>
internal static class AffineParameters
{
    private const int Reach = 64;

    /// <summary>The double with the fewest digits that converts to <paramref name="value"/> (its shortest float text).</summary>
    public static double Short(float value) =>
        value == 0f ? 0d : double.Parse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);

    public static bool Same(float a, float b) => BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b);

    public static bool IsNegativeZero(float value) => BitConverter.SingleToInt32Bits(value) == unchecked((int)0x80000000);

    // ------------------------------------------------------------------------------------------------------------
    // onnx
    // ------------------------------------------------------------------------------------------------------------

    /// <summary>
    /// The step for an ONNX lane y = ((x − offset)·scale) + add in float32 (<paramref name="add"/> null: no Add), labelled
    /// <paramref name="label"/> (null: zscore, or minmax for a lane with an add). Throws <see cref="CliException"/> naming
    /// <paramref name="feature"/> when no parameters reproduce the lane.
    /// </summary>
    public static NormalizationStep Onnx(string feature, float offset, float scale, float? add, string? label, Action<string> warn)
    {
        RequireFinite(feature, ("offset", offset), ("scale", scale), ("add", add ?? 0f));

        // An Add of −0 changes nothing (x + −0 == x for every x, −0 and NaN included).
        bool hasAdd = add is { } b && !IsNegativeZero(b);
        if (hasAdd)
        {
            if (offset != 0f)
            {
                throw new CliException($"feature '{feature}': (x − {Number(offset)})·{Number(scale)} + {Number(add!.Value)} has both an offset and an add; NormGuard's onnx profile has no step with both (skl2onnx writes min-max as Mul and Add, other scalers as a Scaler)");
            }

            if (label is not null and not "minmax")
            {
                throw new CliException($"feature '{feature}': x·{Number(scale)} + {Number(add!.Value)} is a min-max step; --as {label} cannot express the add");
            }

            // An offset of −0 before an add that is not −0 changes nothing: it can only turn a zero product's sign, and
            // ±0 + b is b for b ≠ 0 and +0 for b = +0 under round-to-nearest.
            return OnnxMinMax(feature, scale, add!.Value);
        }

        if (scale == 0f)
        {
            throw new CliException($"feature '{feature}': the scale is 0, which no zscore/robust/maxabs parameter gives under the onnx profile (f32(1/std) is never 0)");
        }

        string op = label ?? "zscore";
        if (op == "minmax")
        {
            throw new CliException($"feature '{feature}': (x − {Number(offset)})·{Number(scale)} has no add, so it is not skl2onnx's min-max form (x·scale + add); label it zscore, robust or maxabs");
        }

        if (op == "maxabs" && (offset != 0f || IsNegativeZero(offset)))
        {
            throw new CliException($"feature '{feature}': --as maxabs needs an offset of 0, not {Number(offset)}");
        }

        double reciprocal = OnnxReciprocal(feature, scale);
        double center = IsNegativeZero(offset) ? -0d : Short(offset);
        NormalizationStep step = op switch
        {
            "robust" => new RobustStep(center, reciprocal),
            "maxabs" => new MaxAbsStep(reciprocal),
            _ => new ZScoreStep(center, reciprocal),
        };

        // the onnx derivation, checked
        (float gotOffset, float gotScale, float gotAdd) = Derived("onnx", step);
        if (!Same(gotOffset, offset) || !Same(gotScale, scale) || !IsNegativeZero(gotAdd))
        {
            throw new CliException($"feature '{feature}': internal error: {step} does not give back offset {Number(offset)}, scale {Number(scale)}");
        }

        return step;
    }

    /// <summary>A double d with f32(1.0 / d) == scale, with as few significant digits as possible.</summary>
    private static double OnnxReciprocal(string feature, float scale)
    {
        double exact = 1d / scale;
        for (int digits = 1; digits <= 17; digits++)
        {
            double candidate = double.Parse(exact.ToString("E" + (digits - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (double.IsFinite(candidate) && Same((float)(1d / candidate), scale))
            {
                return candidate;
            }
        }

        double near = exact;
        for (int k = 0; k < Reach; k++)
        {
            near = Math.BitDecrement(near);
        }

        for (int k = -Reach; k <= Reach; k++, near = Math.BitIncrement(near))
        {
            if (double.IsFinite(near) && Same((float)(1d / near), scale))
            {
                return near;
            }
        }

        throw new CliException($"feature '{feature}': no std gives f32(1/std) == {Number(scale)}");
    }

    /// <summary>skl2onnx's min-max lane x·s + b as a minmax step: scikit-learn's data_min_/data_max_ when they can be found, else the range [0, 1] mapped to [b, b + s].</summary>
    private static MinMaxStep OnnxMinMax(string feature, float s, float b)
    {
        if (s == 0f)
        {
            throw new CliException($"feature '{feature}': x·0 + {Number(b)} cannot be a min-max step (scikit-learn's scale_ is never 0)");
        }

        // 1. data_min_ m with f32(0 − f32(m·s)) == b, then data_max_ M with f32(1 / f32(M − m)) == s, nearest to the exact values
        float minTarget = (float)(-(double)b / s);
        foreach (float m in Around(minTarget))
        {
            if (!float.IsFinite(m) || !Same(0f - (m * s), b))
            {
                continue;
            }

            foreach (float max in Around((float)(m + (1d / s))))
            {
                // checked with the values the manifest will hold (Short(−0) is 0)
                if (float.IsFinite(max) && OnnxMinMaxGives((float)Short(m), (float)Short(max), 0d, 1d, s, b))
                {
                    return new MinMaxStep(Short(m), Short(max));
                }
            }
        }

        // 2. the range [0, 1] mapped to [b, b + s]: x·s + b with scale_ = f32(high − low) = s and min_ = f32(low) = b
        double low = Short(b);
        double high = low + s;
        if (OnnxMinMaxGives(0f, 1f, low, high, s, b))
        {
            return new MinMaxStep(0d, 1d, low, high);
        }

        throw new CliException($"feature '{feature}': no min-max parameters give scale_ {Number(s)} and min_ {Number(b)} under the onnx profile");
    }

    // the onnx derivation of minmax(min, max, low, high): x·scale_ + min_ with offset 0
    private static bool OnnxMinMaxGives(float min, float max, double low, double high, float s, float b)
    {
        (float offset, float scale, float add) = Derived("onnx", new MinMaxStep(min, max, low, high));
        return Same(offset, 0f) && Same(scale, s) && Same(add, b);
    }

    // ------------------------------------------------------------------------------------------------------------
    // mlnet
    // ------------------------------------------------------------------------------------------------------------

    /// <summary>
    /// The step for an ML.NET affine slot (x − offset)·scale in float32 (ML.NET writes x·scale when it has no offset),
    /// labelled <paramref name="label"/> (null: zscore).
    /// </summary>
    public static NormalizationStep MLNet(string feature, float offset, float scale, string? label, Action<string> warn)
    {
        RequireFinite(feature, ("offset", offset), ("scale", scale));
        string op = label ?? "zscore";
        if (scale == 0f)
        {
            // ML.NET's zero-variance / zero-range convention: scale 0 and offset 0, so every finite x gives 0
            if (offset != 0f)
            {
                throw new CliException($"feature '{feature}': scale 0 with offset {Number(offset)}; the mlnet profile's zero scale always has offset 0");
            }

            return op switch
            {
                "robust" => new RobustStep(0d, 0d),
                "maxabs" => new MaxAbsStep(0d),
                "minmax" => new MinMaxStep(0d, 0d),
                _ => new ZScoreStep(0d, 0d),
            };
        }

        if (op == "maxabs" && offset != 0f)
        {
            throw new CliException($"feature '{feature}': --as maxabs needs an offset of 0 (ML.NET's NormalizeMinMax with fixZero), not {Number(offset)}");
        }

        if (IsNegativeZero(offset))
        {
            warn($"feature '{feature}': the offset is -0; the manifest writes 0, which differs only in the sign of a zero result for the input -0");
        }

        double center = Short(offset);
        NormalizationStep step;
        if (op == "minmax")
        {
            float max = Nearest(offset + (1d / scale), candidate => candidate - offset > 0f && Same(1f / (candidate - offset), scale))
                ?? throw new CliException($"feature '{feature}': no float32 max gives 1f / (max − {Number(offset)}) == {Number(scale)}; label it zscore instead");
            step = new MinMaxStep(center, Short(max));
        }
        else
        {
            float reciprocal = Nearest(1d / scale, candidate => Same(1f / candidate, scale))
                ?? throw new CliException($"feature '{feature}': no float32 std gives 1f / std == {Number(scale)} (ML.NET's scale is not a float32 reciprocal)");
            double std = Short(reciprocal);
            step = op switch
            {
                "robust" => new RobustStep(center, std),
                "maxabs" => new MaxAbsStep(std),
                _ => new ZScoreStep(center, std),
            };
        }

        (float gotOffset, float gotScale) = MLNetDerived(step);
        if (!Same(gotOffset, offset == 0f ? 0f : offset) || !Same(gotScale, scale))
        {
            throw new CliException($"feature '{feature}': internal error: {step} gives offset {Number(gotOffset)}, scale {Number(gotScale)}, not {Number(offset)}, {Number(scale)}");
        }

        return step;
    }

    /// <summary>The float32 offset and scale the mlnet profile derives from a step with low 0 (ProfileArithmetic, mlnet).</summary>
    public static (float Offset, float Scale) MLNetDerived(NormalizationStep step)
    {
        (float offset, float scale, float add) = Derived("mlnet", step);
        if (!IsNegativeZero(add))
        {
            throw new ArgumentException("the mlnet derivation of " + step + " adds " + Number(add) + "; ML.NET's affine slot has no add", nameof(step));
        }

        return (offset, scale);
    }

    /// <summary>
    /// The float32 lane ((x − offset)·scale) + add that the shared derivation gives for a single affine
    /// <paramref name="step"/> under a float32 <paramref name="profile"/>; an operation it drops as an identity reads as
    /// offset +0, scale 1, add −0.
    /// </summary>
    private static (float Offset, float Scale, float Add) Derived(string profile, NormalizationStep step)
    {
        List<ArithStep> ops = ProfileArithmetic.Plan(profile, "float32", new[] { ManifestJson.ToStepData(step) });
        float offset = 0f, scale = 1f, add = -0f;
        int next = 0;
        foreach (ArithStep op in ops)
        {
            // the lane's operations come in this order, each at most once
            int order = op.Op switch { ArithOp.Sub => 1, ArithOp.Mul => 2, ArithOp.Add => 3, _ => 4 };
            if (order <= next || order == 4)
            {
                throw new ArgumentException($"the {profile} derivation of {step} is not one affine lane: {string.Join(", ", ops)}", nameof(step));
            }

            next = order;
            switch (op.Op)
            {
                case ArithOp.Sub: offset = (float)op.Operand; break;
                case ArithOp.Mul: scale = (float)op.Operand; break;
                default: add = (float)op.Operand; break;
            }
        }

        return (offset, scale, add);
    }

    // ------------------------------------------------------------------------------------------------------------

    /// <summary>Floats around <paramref name="target"/>, nearest first (within <see cref="Reach"/> units in the last place).</summary>
    private static System.Collections.Generic.IEnumerable<float> Around(float target)
    {
        yield return target;
        float below = target, above = target;
        for (int k = 1; k <= Reach; k++)
        {
            below = MathF.BitDecrement(below);
            above = MathF.BitIncrement(above);
            yield return below;
            yield return above;
        }
    }

    /// <summary>The float nearest to <paramref name="target"/> that satisfies <paramref name="satisfies"/>, among those within <see cref="Reach"/> ulps.</summary>
    private static float? Nearest(double target, Func<float, bool> satisfies)
    {
        float? best = null;
        double bestDistance = double.PositiveInfinity;
        foreach (float candidate in Around((float)target))
        {
            double distance = Math.Abs(candidate - target);
            if (float.IsFinite(candidate) && candidate != 0f && satisfies(candidate) && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    private static void RequireFinite(string feature, params (string Name, float Value)[] values)
    {
        foreach ((string name, float value) in values)
        {
            if (!float.IsFinite(value))
            {
                throw new CliException($"feature '{feature}': the {name} is {Number(value)}; a manifest's parameters are finite");
            }
        }
    }

    private static string Number(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
