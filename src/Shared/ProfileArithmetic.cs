// Compiled into the generator and the runtime (see src/Shared/README.md), so that the generated code, `normguard verify`
// and the adaptive normalizer derive every profile's offsets and scales with the same code.
#nullable enable
using System;
using System.Collections.Generic;

namespace NormGuard.Manifests
{
    /// <summary>
    /// Derives each profile's offsets, divisors, scales, adds and clip bounds from a manifest step's fitted parameters, in
    /// the order and precision the training library uses (SPEC §5), as a scalar program of <see cref="ArithStep"/>s. The
    /// generator emits this program as code; the runtime interprets it (<c>Internal/StepProgram</c>). The tests'
    /// <c>ProfileReference</c> is a separate transcription of the same rules, kept independent on purpose.
    /// </summary>
    internal static class ProfileArithmetic
    {
        private const double Epsilon64 = 2.220446049250313e-16;
        private const float Epsilon32 = 1.1920929e-07f;

        /// <summary>The precision a feature's arithmetic runs in, for a manifest's <c>profile</c> and <c>dtype</c>.</summary>
        public static Precision PrecisionOf(string profile, string dtype) => profile switch
        {
            "sklearn" => dtype == "float32" ? Precision.Float64Rounded : Precision.Float64,
            "spark" => Precision.Float64,
            _ => Precision.Float32,
        };

        /// <summary>
        /// The scalar program of one numeric feature's <paramref name="steps"/> under <paramref name="profile"/> and
        /// <paramref name="dtype"/> (the manifest's names). Operations that leave every input bit-identical are dropped.
        /// One-hot and passthrough steps carry no arithmetic and add nothing. <paramref name="mlnetVectorColumn"/>: the
        /// feature is a slot of an ML.NET vector column (manifest <c>"mlnetColumn": "vector"</c>).
        /// </summary>
        public static List<ArithStep> Plan(string profile, string dtype, IReadOnlyList<StepData> steps, bool mlnetVectorColumn = false)
        {
            var ops = new List<ArithStep>();
            bool float32Data = dtype == "float32";
            Precision precision = PrecisionOf(profile, dtype);
            for (int i = 0; i < steps.Count; i++)
            {
                StepData step = steps[i];
                switch (step.Op)
                {
                    case ManifestOp.Log1p:
                        ops.Add(new ArithStep(ArithOp.Log1p, 0d));
                        break;
                    case ManifestOp.Log:
                        ops.Add(new ArithStep(ArithOp.Log, 0d));
                        break;
                    case ManifestOp.Clip:
                        ops.Add(Clip(step.Min, step.Max, precision));
                        break;
                    case ManifestOp.ZScore:
                        Affine(ops, profile, step.Mean, step.Std);
                        break;
                    case ManifestOp.Robust:
                        Affine(ops, profile, step.Center, step.Scale);
                        break;
                    case ManifestOp.MaxAbs:
                        MaxAbs(ops, profile, step.MaxAbs);
                        break;
                    case ManifestOp.MinMax:
                        MinMax(ops, profile, float32Data, step, precision);
                        break;
                }
            }

            if (mlnetVectorColumn)
            {
                // ML.NET's vector path (AffineNormalizer ImplVec → BufferBuilder with R4Adder) drops exact zeros, so every
                // zero it writes is +0; adding +0 is that map exactly: −0 + +0 = +0, every other value (NaN too) stays.
                ops.Add(new ArithStep(ArithOp.Add, 0d));
            }

            return ops;
        }

        // (x − center) / scale in each library's form.
        private static void Affine(List<ArithStep> ops, string profile, double center, double scale)
        {
            switch (profile)
            {
                case "sklearn":
                    Add(ops, ArithOp.Sub, center);
                    Add(ops, ArithOp.Div, scale);
                    break;
                case "spark":
                    Add(ops, ArithOp.Sub, center);
                    Add(ops, ArithOp.Mul, scale == 0d ? 0d : 1d / scale);
                    break;
                case "mlnet":
                    // ML.NET: offset = (float)mean, scale = 1f / (float)std; a zero std gives scale 0 and offset 0.
                    float mlScale = scale == 0d ? 0f : 1f / (float)scale;
                    Add(ops, ArithOp.Sub, mlScale == 0f ? 0d : (float)center);
                    Add(ops, ArithOp.Mul, mlScale);
                    break;
                case "onnx":
                    // skl2onnx: offset = f32(mean_), scale = f32(1.0 / scale_).
                    Add(ops, ArithOp.Sub, (float)center);
                    Add(ops, ArithOp.Mul, (float)(1d / scale));
                    break;
                default:
                    // normguard: a zero scale (a constant feature) leaves x − center unscaled.
                    Add(ops, ArithOp.Sub, (float)center);
                    Add(ops, ArithOp.Mul, (float)(scale == 0d ? 1d : 1d / scale));
                    break;
            }
        }

        private static void MaxAbs(List<ArithStep> ops, string profile, double maxAbs)
        {
            switch (profile)
            {
                case "sklearn":
                    Add(ops, ArithOp.Div, maxAbs);
                    break;
                case "spark":
                    Add(ops, ArithOp.Mul, maxAbs == 0d ? 1d : 1d / maxAbs);
                    break;
                case "mlnet":
                    Add(ops, ArithOp.Mul, maxAbs == 0d ? 0f : 1f / (float)maxAbs);
                    break;
                case "onnx":
                    Add(ops, ArithOp.Mul, (float)(1d / maxAbs));
                    break;
                default:
                    Add(ops, ArithOp.Mul, (float)(maxAbs == 0d ? 1d : 1d / maxAbs));
                    break;
            }
        }

        private static void MinMax(List<ArithStep> ops, string profile, bool float32Data, StepData step, Precision precision)
        {
            switch (profile)
            {
                case "sklearn":
                case "onnx":
                    (double scale, double min) = SklearnScaleAndMin(step, float32Data);
                    if (profile == "onnx")
                    {
                        // skl2onnx: Mul(f32(scale_)) then Add(f32(min_)) in float32.
                        scale = (float)scale;
                        min = (float)min;
                    }

                    Add(ops, ArithOp.Mul, scale);
                    Add(ops, ArithOp.Add, min);
                    break;
                case "spark":
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
                case "mlnet":
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
                ops.Add(Clip(step.Low, step.High, precision));
            }
        }

        /// <summary>scikit-learn's <c>scale_</c> and <c>min_</c>, computed as MinMaxScaler.fit does, in the data's dtype
        /// (a range under 10·eps of the dtype counts as 1).</summary>
        public static (double Scale, double Min) SklearnScaleAndMin(StepData step, bool float32Data)
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
                float min = (float)step.Low - product;
                return (scale, min);
            }

            double rangeD = step.Max - step.Min;
            if (rangeD < 10 * Epsilon64)
            {
                rangeD = 1d;
            }

            double scaleD = (step.High - step.Low) / rangeD;
            return (scaleD, step.Low - (step.Min * scaleD));
        }

        private static ArithStep Clip(double low, double high, Precision precision) =>
            precision == Precision.Float64
                ? new ArithStep(ArithOp.Clip, low, high)
                : new ArithStep(ArithOp.Clip, (float)low, (float)high);

        // Operations that leave every input bit-identical (−0 and NaN included) are dropped.
        private static void Add(List<ArithStep> ops, ArithOp op, double operand)
        {
            bool identity = op switch
            {
                ArithOp.Sub => BitConverter.DoubleToInt64Bits(operand) == 0L,
                ArithOp.Add => BitConverter.DoubleToInt64Bits(operand) == BitConverter.DoubleToInt64Bits(-0d),
                ArithOp.Mul or ArithOp.Div => operand == 1d,
                _ => false,
            };
            if (!identity)
            {
                ops.Add(new ArithStep(op, operand));
            }
        }
    }
}
