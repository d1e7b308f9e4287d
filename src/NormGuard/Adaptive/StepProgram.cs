using System;
using System.Collections.Generic;
using NormGuard.Internal;

namespace NormGuard.Adaptive;

/// <summary>
/// One numeric feature's steps as the scalar program the generator emits for them: the same derived offsets and
/// scales, precision, operation order and identity elimination (the generator's <c>ProfileArithmetic</c>, transcribed
/// like the CLI's <c>ManifestInterpreter</c>). <see cref="AdaptiveNormalizer{T}"/> runs it with adapted parameters,
/// so its output is what code generated from a snapshot manifest would write; the tests hold it bit-identical to the
/// generated code for every profile.
/// </summary>
internal sealed class StepProgram
{
    private const double Epsilon64 = 2.220446049250313e-16;
    private const float Epsilon32 = 1.1920929e-07f;

    private readonly Op[] _ops;
    private readonly Precision _precision;

    public StepProgram(IReadOnlyList<NormalizationStep> steps, NormalizationProfile profile, ManifestDType dtype)
    {
        _precision = profile switch
        {
            NormalizationProfile.ScikitLearn => dtype == ManifestDType.Float32 ? Precision.Float64Rounded : Precision.Float64,
            NormalizationProfile.Spark => Precision.Float64,
            _ => Precision.Float32,
        };
        var ops = new List<Op>();
        foreach (NormalizationStep step in steps)
        {
            Plan(ops, step, profile, dtype == ManifestDType.Float32);
        }

        _ops = ops.ToArray();
    }

    private enum Precision
    {
        Float32,
        Float64,
        Float64Rounded,
    }

    private enum Kind
    {
        Sub,
        Div,
        Mul,
        Add,
        Log1p,
        Log,
        Clip,
        ConstantUnlessNaN,
    }

    /// <summary>The feature's output for one input (a number as <c>ReadInputs</c> reports it).</summary>
    public float Apply(double input)
    {
        if (_precision == Precision.Float64)
        {
            double v = input;
            foreach (Op op in _ops)
            {
                v = op.Kind switch
                {
                    Kind.Sub => v - op.A,
                    Kind.Div => v / op.A,
                    Kind.Mul => v * op.A,
                    Kind.Add => v + op.A,
                    Kind.Log1p => NormMath.Log1p(v),
                    Kind.Log => NormMath.Log(v),
                    Kind.Clip => v < op.A ? op.A : (v > op.B ? op.B : v),
                    _ => double.IsNaN(v) ? v : op.A,
                };
            }

            return (float)v;
        }

        // The generated code converts the member to float once, before the first step.
        float f = (float)input;
        bool rounded = _precision == Precision.Float64Rounded;
        foreach (Op op in _ops)
        {
            f = op.Kind switch
            {
                Kind.Sub => rounded ? (float)(f - op.A) : f - (float)op.A,
                Kind.Div => rounded ? (float)(f / op.A) : f / (float)op.A,
                Kind.Mul => rounded ? (float)(f * op.A) : f * (float)op.A,
                Kind.Add => rounded ? (float)(f + op.A) : f + (float)op.A,
                Kind.Log1p => NormMath.Log1p(f),
                Kind.Log => NormMath.Log(f),
                Kind.Clip => f < (float)op.A ? (float)op.A : (f > (float)op.B ? (float)op.B : f),
                _ => float.IsNaN(f) ? f : (float)op.A,
            };
        }

        return f;
    }

    private void Plan(List<Op> ops, NormalizationStep step, NormalizationProfile profile, bool float32Data)
    {
        switch (step)
        {
            case Log1pStep:
                ops.Add(new Op(Kind.Log1p, 0d));
                break;
            case LogStep:
                ops.Add(new Op(Kind.Log, 0d));
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
    private static void Affine(List<Op> ops, NormalizationProfile profile, double center, double scale)
    {
        switch (profile)
        {
            case NormalizationProfile.ScikitLearn:
                Add(ops, Kind.Sub, center);
                Add(ops, Kind.Div, scale);
                break;
            case NormalizationProfile.Spark:
                Add(ops, Kind.Sub, center);
                Add(ops, Kind.Mul, scale == 0d ? 0d : 1d / scale);
                break;
            case NormalizationProfile.MLNet:
                float mlScale = scale == 0d ? 0f : 1f / (float)scale;
                Add(ops, Kind.Sub, mlScale == 0f ? 0d : (float)center);
                Add(ops, Kind.Mul, mlScale);
                break;
            case NormalizationProfile.Onnx:
                Add(ops, Kind.Sub, (float)center);
                Add(ops, Kind.Mul, (float)(1d / scale));
                break;
            default:
                Add(ops, Kind.Sub, (float)center);
                Add(ops, Kind.Mul, (float)(scale == 0d ? 1d : 1d / scale));
                break;
        }
    }

    private static void MaxAbs(List<Op> ops, NormalizationProfile profile, double maxAbs)
    {
        switch (profile)
        {
            case NormalizationProfile.ScikitLearn:
                Add(ops, Kind.Div, maxAbs);
                break;
            case NormalizationProfile.Spark:
                Add(ops, Kind.Mul, maxAbs == 0d ? 1d : 1d / maxAbs);
                break;
            case NormalizationProfile.MLNet:
                Add(ops, Kind.Mul, maxAbs == 0d ? 0f : 1f / (float)maxAbs);
                break;
            case NormalizationProfile.Onnx:
                Add(ops, Kind.Mul, (float)(1d / maxAbs));
                break;
            default:
                Add(ops, Kind.Mul, (float)(maxAbs == 0d ? 1d : 1d / maxAbs));
                break;
        }
    }

    private void MinMax(List<Op> ops, NormalizationProfile profile, MinMaxStep step, bool float32Data)
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

                Add(ops, Kind.Mul, scale);
                Add(ops, Kind.Add, min);
                break;
            case NormalizationProfile.Spark:
                double range = step.Max - step.Min;
                double k = range != 0d ? (step.High - step.Low) / range : 0d;
                if (k == 0d)
                {
                    ops.Add(new Op(Kind.ConstantUnlessNaN, (step.Low + step.High) / 2d));
                }
                else
                {
                    Add(ops, Kind.Sub, step.Min);
                    Add(ops, Kind.Mul, k);
                    Add(ops, Kind.Add, step.Low);
                }

                break;
            case NormalizationProfile.MLNet:
                float rangeF = (float)step.Max - (float)step.Min;
                float kF = rangeF > 0f ? (float)(step.High - step.Low) / rangeF : 0f;
                Add(ops, Kind.Sub, kF == 0f ? 0d : (float)step.Min);
                Add(ops, Kind.Mul, kF);
                if (step.Low != 0d)
                {
                    Add(ops, Kind.Add, (float)step.Low);
                }

                break;
            default:
                double rangeD = step.Max - step.Min;
                double scaleD = (step.High - step.Low) / (rangeD < 10 * Epsilon64 ? 1d : rangeD);
                Add(ops, Kind.Mul, (float)scaleD);
                Add(ops, Kind.Add, (float)(step.Low - (step.Min * scaleD)));
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

    private Op Clip(double low, double high) =>
        _precision == Precision.Float64 ? new Op(Kind.Clip, low, high) : new Op(Kind.Clip, (float)low, (float)high);

    // The generator drops operations that leave every input bit-identical (−0 and NaN included).
    private static void Add(List<Op> ops, Kind kind, double operand)
    {
        bool identity = kind switch
        {
            Kind.Sub => BitConverter.DoubleToInt64Bits(operand) == 0L,
            Kind.Add => BitConverter.DoubleToInt64Bits(operand) == BitConverter.DoubleToInt64Bits(-0d),
            Kind.Mul or Kind.Div => operand == 1d,
            _ => false,
        };
        if (!identity)
        {
            ops.Add(new Op(kind, operand));
        }
    }

    private readonly record struct Op(Kind Kind, double A, double B = 0d);
}
