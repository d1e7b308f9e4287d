using System;
using System.Collections.Generic;
using System.Globalization;

namespace NormGuard.Internal;

/// <summary>Where a feature's arithmetic runs (the generator's <c>Precision</c>).</summary>
internal enum Precision
{
    /// <summary>float32 operations on float32 operands.</summary>
    Float32,

    /// <summary>float64 operations, one rounding to float32 at the end.</summary>
    Float64,

    /// <summary>float64 operations rounded to float32 after each one (numpy in place on a float32 array).</summary>
    Float64Rounded,
}

internal enum ArithOp
{
    Sub,
    Div,
    Mul,
    Add,
    Log1p,
    Log,

    /// <summary>Bound to [Operand, Operand2]; NaN stays NaN.</summary>
    Clip,

    /// <summary>A constant output (Spark's constant min-max feature); NaN stays NaN.</summary>
    ConstantUnlessNaN,
}

/// <summary>One operation of a feature's scalar program: v = v op operand.</summary>
internal readonly record struct ArithStep(ArithOp Op, double Operand, double Operand2 = 0d)
{
    public override string ToString() => Op switch
    {
        ArithOp.Sub => "- " + Number(Operand),
        ArithOp.Div => "/ " + Number(Operand),
        ArithOp.Mul => "* " + Number(Operand),
        ArithOp.Add => "+ " + Number(Operand),
        ArithOp.Log1p => "log1p",
        ArithOp.Log => "log",
        ArithOp.Clip => $"clip [{Number(Operand)}, {Number(Operand2)}]",
        _ => "= " + Number(Operand),
    };

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>
/// One numeric feature's steps as the scalar program the generator emits for them: the same derived offsets and
/// scales, precision, operation order and identity elimination (the generator's <c>ProfileArithmetic</c>, step for
/// step). The adaptive normalizer runs it with adapted parameters, so its output is what code generated from a
/// snapshot manifest would write; <c>normguard verify</c>'s interpreter runs it on the manifest's own parameters.
/// The tests hold both bit-identical to the generated code for every profile.
/// </summary>
internal sealed class StepProgram
{
    private const double Epsilon64 = 2.220446049250313e-16;
    private const float Epsilon32 = 1.1920929e-07f;

    private readonly ArithStep[] _ops;
    private readonly Precision _precision;

    // mlnetVectorColumn: the feature is a slot of an ML.NET vector column (FeatureManifest.MLNetVectorColumn).
    public StepProgram(IReadOnlyList<NormalizationStep> steps, NormalizationProfile profile, ManifestDType dtype, bool mlnetVectorColumn = false)
    {
        _precision = PrecisionOf(profile, dtype);
        var ops = new List<ArithStep>();
        foreach (NormalizationStep step in steps)
        {
            Plan(ops, step, profile, dtype == ManifestDType.Float32);
        }

        if (mlnetVectorColumn)
        {
            // ML.NET's vector path (AffineNormalizer ImplVec → BufferBuilder with R4Adder) drops exact zeros, so every zero
            // it writes is +0; adding +0 is that map exactly: −0 + +0 = +0, and every other value (NaN too) stays.
            ops.Add(new ArithStep(ArithOp.Add, 0d));
        }

        _ops = ops.ToArray();
    }

    /// <summary>The operations, after the profile's derivation and identity elimination.</summary>
    public ReadOnlySpan<ArithStep> Ops => _ops;

    public Precision Precision => _precision;

    public static Precision PrecisionOf(NormalizationProfile profile, ManifestDType dtype) => profile switch
    {
        NormalizationProfile.ScikitLearn => dtype == ManifestDType.Float32 ? Precision.Float64Rounded : Precision.Float64,
        NormalizationProfile.Spark => Precision.Float64,
        _ => Precision.Float32,
    };

    /// <summary>The feature's output for one input (a number as <c>ReadInputs</c> reports it).</summary>
    public float Apply(double input) => Run(_ops, _precision, input);

    /// <summary>Runs <paramref name="ops"/> on <paramref name="input"/> in <paramref name="precision"/> (a span, so the
    /// adaptive normalizer's hot path enumerates without allocating).</summary>
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

    private void Plan(List<ArithStep> ops, NormalizationStep step, NormalizationProfile profile, bool float32Data)
    {
        switch (step)
        {
            case Log1pStep:
                ops.Add(new ArithStep(ArithOp.Log1p, 0d));
                break;
            case LogStep:
                ops.Add(new ArithStep(ArithOp.Log, 0d));
                break;
            case ClipStep clip:
                ops.Add(Clip(clip.Min, clip.Max));
                break;
            case ZScoreStep z:
                Affine(ops, profile, z.Mean, z.Std);
                break;
            case RobustStep r:
                Affine(ops, profile, r.Center, r.Scale);
                break;
            case MaxAbsStep a:
                MaxAbs(ops, profile, a.MaxAbs);
                break;
            case MinMaxStep m:
                MinMax(ops, profile, m, float32Data);
                break;
            default:
                throw new ArgumentException($"a {step.Op} step is not numeric arithmetic", nameof(step));
        }
    }

    // (x − center) / scale in each library's form.
    private static void Affine(List<ArithStep> ops, NormalizationProfile profile, double center, double scale)
    {
        switch (profile)
        {
            case NormalizationProfile.ScikitLearn:
                Add(ops, ArithOp.Sub, center);
                Add(ops, ArithOp.Div, scale);
                break;
            case NormalizationProfile.Spark:
                Add(ops, ArithOp.Sub, center);
                Add(ops, ArithOp.Mul, scale == 0d ? 0d : 1d / scale);
                break;
            case NormalizationProfile.MLNet:
                float mlScale = scale == 0d ? 0f : 1f / (float)scale;
                Add(ops, ArithOp.Sub, mlScale == 0f ? 0d : (float)center);
                Add(ops, ArithOp.Mul, mlScale);
                break;
            case NormalizationProfile.Onnx:
                Add(ops, ArithOp.Sub, (float)center);
                Add(ops, ArithOp.Mul, (float)(1d / scale));
                break;
            default:
                Add(ops, ArithOp.Sub, (float)center);
                Add(ops, ArithOp.Mul, (float)(scale == 0d ? 1d : 1d / scale));
                break;
        }
    }

    private static void MaxAbs(List<ArithStep> ops, NormalizationProfile profile, double maxAbs)
    {
        switch (profile)
        {
            case NormalizationProfile.ScikitLearn:
                Add(ops, ArithOp.Div, maxAbs);
                break;
            case NormalizationProfile.Spark:
                Add(ops, ArithOp.Mul, maxAbs == 0d ? 1d : 1d / maxAbs);
                break;
            case NormalizationProfile.MLNet:
                Add(ops, ArithOp.Mul, maxAbs == 0d ? 0f : 1f / (float)maxAbs);
                break;
            case NormalizationProfile.Onnx:
                Add(ops, ArithOp.Mul, (float)(1d / maxAbs));
                break;
            default:
                Add(ops, ArithOp.Mul, (float)(maxAbs == 0d ? 1d : 1d / maxAbs));
                break;
        }
    }

    private void MinMax(List<ArithStep> ops, NormalizationProfile profile, MinMaxStep step, bool float32Data)
    {
        switch (profile)
        {
            case NormalizationProfile.ScikitLearn:
            case NormalizationProfile.Onnx:
                (double scale, double min) = SklearnScaleAndMin(step, float32Data);
                if (profile == NormalizationProfile.Onnx)
                {
                    scale = (float)scale;
                    min = (float)min;
                }

                Add(ops, ArithOp.Mul, scale);
                Add(ops, ArithOp.Add, min);
                break;
            case NormalizationProfile.Spark:
                double range = step.Max - step.Min;
                double k = range != 0d ? (step.High - step.Low) / range : 0d;
                if (k == 0d)
                {
                    ops.Add(new ArithStep(ArithOp.ConstantUnlessNaN, (step.Low + step.High) / 2d));
                }
                else
                {
                    Add(ops, ArithOp.Sub, step.Min);
                    Add(ops, ArithOp.Mul, k);
                    Add(ops, ArithOp.Add, step.Low);
                }

                break;
            case NormalizationProfile.MLNet:
                float rangeF = (float)step.Max - (float)step.Min;
                float kF = rangeF > 0f ? (float)(step.High - step.Low) / rangeF : 0f;
                Add(ops, ArithOp.Sub, kF == 0f ? 0d : (float)step.Min);
                Add(ops, ArithOp.Mul, kF);
                if (step.Low != 0d)
                {
                    Add(ops, ArithOp.Add, (float)step.Low);
                }

                break;
            default:
                double rangeD = step.Max - step.Min;
                double scaleD = (step.High - step.Low) / (rangeD < 10 * Epsilon64 ? 1d : rangeD);
                Add(ops, ArithOp.Mul, (float)scaleD);
                Add(ops, ArithOp.Add, (float)(step.Low - (step.Min * scaleD)));
                break;
        }

        if (step.Clip)
        {
            ops.Add(Clip(step.Low, step.High));
        }
    }

    // scikit-learn's scale_ and min_, computed as MinMaxScaler.fit does, in the data's dtype.
    private static (double Scale, double Min) SklearnScaleAndMin(MinMaxStep step, bool float32Data)
    {
        if (float32Data)
        {
            float range = (float)step.Max - (float)step.Min;
            if (range < 10 * Epsilon32)
            {
                range = 1f;
            }

            float scale = (float)(step.High - step.Low) / range;
            float product = (float)step.Min * scale;
            return (scale, (float)step.Low - product);
        }

        double rangeD = step.Max - step.Min;
        if (rangeD < 10 * Epsilon64)
        {
            rangeD = 1d;
        }

        double scaleD = (step.High - step.Low) / rangeD;
        return (scaleD, step.Low - (step.Min * scaleD));
    }

    private ArithStep Clip(double low, double high) =>
        _precision == Precision.Float64 ? new ArithStep(ArithOp.Clip, low, high) : new ArithStep(ArithOp.Clip, (float)low, (float)high);

    // The generator drops operations that leave every input bit-identical (−0 and NaN included).
    private static void Add(List<ArithStep> ops, ArithOp kind, double operand)
    {
        bool identity = kind switch
        {
            ArithOp.Sub => BitConverter.DoubleToInt64Bits(operand) == 0L,
            ArithOp.Add => BitConverter.DoubleToInt64Bits(operand) == BitConverter.DoubleToInt64Bits(-0d),
            ArithOp.Mul or ArithOp.Div => operand == 1d,
            _ => false,
        };
        if (!identity)
        {
            ops.Add(new ArithStep(kind, operand));
        }
    }

}
