using System;
using System.Collections.Generic;
using NormGuard.Manifests;

namespace NormGuard.Internal;

/// <summary>
/// One numeric feature's steps as the scalar program the generator emits for them. The derivation — offsets and
/// scales, precision, operation order, identity elimination — is the generator's own (src/Shared/ProfileArithmetic.cs,
/// compiled into both); this class only interprets its result. The adaptive normalizer runs it with adapted parameters,
/// so its output is what code generated from a snapshot manifest would write; <c>normguard verify</c>'s interpreter
/// runs it on the manifest's own parameters. The tests hold both bit-identical to the generated code for every profile.
/// </summary>
internal sealed class StepProgram
{
    private readonly ArithStep[] _ops;
    private readonly Precision _precision;

    // mlnetVectorColumn: the feature is a slot of an ML.NET vector column (FeatureManifest.MLNetVectorColumn).
    public StepProgram(IReadOnlyList<NormalizationStep> steps, NormalizationProfile profile, ManifestDType dtype, bool mlnetVectorColumn = false)
    {
        var data = new StepData[steps.Count];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = steps[i] is OneHotStep or PassthroughStep
                ? throw new ArgumentException($"a {steps[i].Op} step is not numeric arithmetic", nameof(steps))
                : ManifestJson.ToStepData(steps[i]);
        }

        string profileName = Manifest.ProfileName(profile);
        string dtypeName = ManifestJson.DTypeName(dtype);
        _precision = ProfileArithmetic.PrecisionOf(profileName, dtypeName);
        _ops = ProfileArithmetic.Plan(profileName, dtypeName, data, mlnetVectorColumn).ToArray();
    }

    /// <summary>The operations, after the profile's derivation and identity elimination.</summary>
    public ReadOnlySpan<ArithStep> Ops => _ops;

    public Precision Precision => _precision;

    public static Precision PrecisionOf(NormalizationProfile profile, ManifestDType dtype) =>
        ProfileArithmetic.PrecisionOf(Manifest.ProfileName(profile), ManifestJson.DTypeName(dtype));

    /// <summary>The feature's output for one input (a number as <c>ReadInputs</c> reports it).</summary>
    public float Apply(double input) => Run(_ops, _precision, input);

    /// <summary>Runs <paramref name="ops"/> on <paramref name="input"/> in <paramref name="precision"/> (a span, so the
    /// adaptive normalizer's hot path enumerates without allocating), as the generated code computes it.</summary>
    public static float Run(ReadOnlySpan<ArithStep> ops, Precision precision, double input)
    {
        if (precision == Precision.Float64)
        {
            double v = input;
            foreach (ArithStep op in ops)
            {
                v = op.Op switch
                {
                    ArithOp.Sub => v - op.Operand,
                    ArithOp.Div => v / op.Operand,
                    ArithOp.Mul => v * op.Operand,
                    ArithOp.Add => v + op.Operand,
                    ArithOp.Log1p => NormMath.Log1p(v),
                    ArithOp.Log => NormMath.Log(v),
                    ArithOp.Clip => v < op.Operand ? op.Operand : (v > op.Operand2 ? op.Operand2 : v),
                    _ => double.IsNaN(v) ? v : op.Operand,
                };
            }

            return (float)v;
        }

        // The generated code converts the member to float once, before the first step.
        float f = (float)input;
        bool rounded = precision == Precision.Float64Rounded;
        foreach (ArithStep op in ops)
        {
            f = op.Op switch
            {
                ArithOp.Sub => rounded ? (float)(f - op.Operand) : f - (float)op.Operand,
                ArithOp.Div => rounded ? (float)(f / op.Operand) : f / (float)op.Operand,
                ArithOp.Mul => rounded ? (float)(f * op.Operand) : f * (float)op.Operand,
                ArithOp.Add => rounded ? (float)(f + op.Operand) : f + (float)op.Operand,
                ArithOp.Log1p => NormMath.Log1p(f),
                ArithOp.Log => NormMath.Log(f),
                ArithOp.Clip => f < (float)op.Operand ? (float)op.Operand : (f > (float)op.Operand2 ? (float)op.Operand2 : f),
                _ => float.IsNaN(f) ? f : (float)op.Operand,
            };
        }

        return f;
    }
}
