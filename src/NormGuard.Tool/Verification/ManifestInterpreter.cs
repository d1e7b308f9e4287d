using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NormGuard.Internal;

namespace NormGuard.Tool.Verification;

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

internal enum FeatureKind
{
    Numeric,
    OneHot,
    Passthrough,
}

/// <summary>One manifest feature as the generator binds it: its outputs and its scalar program.</summary>
internal sealed record FeatureProgram(string Name, int Offset, int Width, FeatureKind Kind, Precision Precision, IReadOnlyList<ArithStep> Ops)
{
    public IReadOnlyList<string> Categories { get; init; } = Array.Empty<string>();

    public bool UnknownAllZeros { get; init; }

    public MissingValuePolicy Missing { get; init; } = MissingValuePolicy.Error;
}

/// <summary>One input value of a feature: missing (a <c>null</c> member), a number (NaN counts as missing), or a category's text.</summary>
internal readonly record struct FeatureValue(bool IsMissing, double Number, string? Text)
{
    public static FeatureValue MissingValue => new(true, double.NaN, null);

    public static FeatureValue Of(double number) => new(false, number, null);

    public static FeatureValue Of(string text) => new(false, double.NaN, text);
}

/// <summary>The input cannot be normalized: the generated code would throw (missing under "error", unknown category under "error").</summary>
internal sealed class InterpreterRejection(string message) : Exception(message);

/// <summary>
/// A reference interpreter of a manifest: applies each feature's steps with exactly the arithmetic the NormGuard source
/// generator emits for it (<c>Binding/ProfileArithmetic.cs</c> and <c>Emit/RowEmitter.cs</c>) — the same derived
/// offsets and scales, precision, operation order, identity elimination, <see cref="NormMath"/> for log1p and log,
/// clip bounds, one-hot with its unknown and missing policies, passthrough, missing-value policies — so that
/// <c>normguard verify</c> can check fixed vectors without a compiled record. Any change to those two generator files
/// must be made here too; the golden vectors test keeps both honest.
/// </summary>
internal sealed class ManifestInterpreter
{
    private const double Epsilon64 = 2.220446049250313e-16;
    private const float Epsilon32 = 1.1920929e-07f;

    public ManifestInterpreter(Manifest manifest)
    {
        Manifest = manifest;
        ProfileName = Commands.Options.ProfileName(manifest.Profile);
        Float32Data = manifest.DType == ManifestDType.Float32;
        Precision = PrecisionOf(ProfileName, Float32Data);
        var features = new List<FeatureProgram>();
        var columns = new List<string>();
        foreach (FeatureManifest feature in manifest.Features)
        {
            FeatureProgram program = Bind(feature, columns.Count);
            features.Add(program);
            if (program.Kind == FeatureKind.OneHot)
            {
                columns.AddRange(program.Categories.Select(c => feature.Name + "=" + c));
            }
            else
            {
                columns.Add(feature.Name);
            }
        }

        Features = features;
        OutputColumns = columns;
    }

    public Manifest Manifest { get; }

    public string ProfileName { get; }

    /// <summary>The training pipeline computed in float32: inputs are float32 values (the record's members are <c>float</c>).</summary>
    public bool Float32Data { get; }

    public Precision Precision { get; }

    public IReadOnlyList<FeatureProgram> Features { get; }

    /// <summary>Output column names in output order: a feature's name, or <c>feature=category</c> for one-hot outputs.</summary>
    public IReadOnlyList<string> OutputColumns { get; }

    public int Width => OutputColumns.Count;

    public static Precision PrecisionOf(string profile, bool float32Data) => profile switch
    {
        "sklearn" => float32Data ? Precision.Float64Rounded : Precision.Float64,
        "spark" => Precision.Float64,
        _ => Precision.Float32,
    };

    /// <summary>
    /// Writes the feature's outputs to <paramref name="destination"/> (its <see cref="FeatureProgram.Width"/> floats).
    /// Throws <see cref="InterpreterRejection"/> where the generated code throws.
    /// </summary>
    public void Normalize(FeatureProgram feature, FeatureValue value, Span<float> destination)
    {
        if (feature.Kind == FeatureKind.OneHot)
        {
            OneHot(feature, value, destination[..feature.Width]);
        }
        else
        {
            destination[0] = Numeric(feature, value);
        }
    }

    private float Numeric(FeatureProgram feature, FeatureValue value)
    {
        if (value.Text is not null)
        {
            throw new InterpreterRejection($"feature '{feature.Name}' is numeric, not a category: \"{value.Text}\"");
        }

        bool wide = feature.Precision == Precision.Float64;
        double input = value.Number;

        // NaN is a missing value like null (only float and double members hold it), as the generated code treats it.
        // Infinities are not: they go through the steps.
        if (value.IsMissing || double.IsNaN(input))
        {
            switch (feature.Missing.Kind)
            {
                case MissingValueKind.Propagate:
                    return float.NaN;
                case MissingValueKind.Fill:
                    input = wide ? feature.Missing.FillValue : (float)feature.Missing.FillValue;
                    break;
                default:
                    throw new InterpreterRejection(value.IsMissing
                        ? $"feature '{feature.Name}' is missing, and its missing policy is \"error\""
                        : $"feature '{feature.Name}' is NaN, which counts as missing, and its missing policy is \"error\"");
            }
        }

        if (wide)
        {
            double v = input;
            if (feature.Kind == FeatureKind.Numeric)
            {
                foreach (ArithStep step in feature.Ops)
                {
                    v = step.Op switch
                    {
                        ArithOp.Sub => v - step.Operand,
                        ArithOp.Div => v / step.Operand,
                        ArithOp.Mul => v * step.Operand,
                        ArithOp.Add => v + step.Operand,
                        ArithOp.Log1p => NormMath.Log1p(v),
                        ArithOp.Log => NormMath.Log(v),
                        ArithOp.Clip => v < step.Operand ? step.Operand : (v > step.Operand2 ? step.Operand2 : v),
                        _ => double.IsNaN(v) ? v : step.Operand,
                    };
                }
            }

            return (float)v;
        }

        float f = (float)input;
        if (feature.Kind == FeatureKind.Numeric)
        {
            bool rounded = feature.Precision == Precision.Float64Rounded;
            foreach (ArithStep step in feature.Ops)
            {
                f = step.Op switch
                {
                    ArithOp.Sub => rounded ? (float)(f - step.Operand) : f - (float)step.Operand,
                    ArithOp.Div => rounded ? (float)(f / step.Operand) : f / (float)step.Operand,
                    ArithOp.Mul => rounded ? (float)(f * step.Operand) : f * (float)step.Operand,
                    ArithOp.Add => rounded ? (float)(f + step.Operand) : f + (float)step.Operand,
                    ArithOp.Log1p => NormMath.Log1p(f),
                    ArithOp.Log => NormMath.Log(f),
                    ArithOp.Clip => f < (float)step.Operand ? (float)step.Operand : (f > (float)step.Operand2 ? (float)step.Operand2 : f),
                    _ => float.IsNaN(f) ? f : (float)step.Operand,
                };
            }
        }

        return f;
    }

    private static void OneHot(FeatureProgram feature, FeatureValue value, Span<float> destination)
    {
        destination.Clear();
        if (value.IsMissing)
        {
            switch (feature.Missing.Kind)
            {
                case MissingValueKind.Propagate:
                    destination.Fill(float.NaN);
                    return;
                case MissingValueKind.Fill:
                    int fill = FillCategory(feature);
                    if (fill >= 0)
                    {
                        destination[fill] = 1f;
                    }

                    return;
                default:
                    throw new InterpreterRejection($"feature '{feature.Name}' is missing, and its missing policy is \"error\"");
            }
        }

        string text = value.Text ?? value.Number.ToString("R", CultureInfo.InvariantCulture);
        for (int i = 0; i < feature.Categories.Count; i++)
        {
            if (feature.Categories[i] == text)
            {
                destination[i] = 1f;
                return;
            }
        }

        if (!feature.UnknownAllZeros)
        {
            throw new InterpreterRejection($"feature '{feature.Name}' has no category \"{text}\" (categories: {string.Join(", ", feature.Categories.Take(20))}{(feature.Categories.Count > 20 ? ", …" : string.Empty)}), and unknown categories are an error");
        }
    }

    // As the generator does: the fill value's canonical JSON text against the category texts; an enum's numeric values
    // play no part.
    private static int FillCategory(FeatureProgram feature)
    {
        double fill = feature.Missing.FillValue;
        string canonical = CanonicalNumber(fill);
        for (int i = 0; i < feature.Categories.Count; i++)
        {
            if (feature.Categories[i] == canonical)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A number as ECMAScript's <c>Number.prototype.toString</c> writes it (the manifest's canonical form).</summary>
    internal static string CanonicalNumber(double value)
    {
        if (value == 0d)
        {
            return "0";
        }

        string shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);

        // Digits and decimal exponent of the shortest round-trip form.
        string mantissa = shortest;
        int exponent = 0;
        int e = shortest.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            mantissa = shortest[..e];
            exponent = int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        int point = mantissa.IndexOf('.');
        string digits = point < 0 ? mantissa : mantissa[..point] + mantissa[(point + 1)..];
        int pointPosition = (point < 0 ? mantissa.Length : point) + exponent;
        int leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        pointPosition -= leadingZeros;

        // value = 0.digits × 10^pointPosition; ECMAScript's n is pointPosition, k is digits.Length.
        int k = digits.Length, n = pointPosition;
        string sign = value < 0 ? "-" : string.Empty;
        if (k <= n && n <= 21)
        {
            return sign + digits + new string('0', n - k);
        }

        if (0 < n && n <= 21)
        {
            return sign + digits[..n] + "." + digits[n..];
        }

        if (-6 < n && n <= 0)
        {
            return sign + "0." + new string('0', -n) + digits;
        }

        string exp = (n - 1 >= 0 ? "+" : "-") + Math.Abs(n - 1).ToString(CultureInfo.InvariantCulture);
        return sign + (k == 1 ? digits : digits[..1] + "." + digits[1..]) + "e" + exp;
    }

    private FeatureProgram Bind(FeatureManifest feature, int offset)
    {
        if (feature.Steps.Count == 0)
        {
            throw new CliException($"feature '{feature.Name}' has no steps");
        }

        CheckFinite(feature);
        switch (feature.Steps[0])
        {
            case OneHotStep oneHot:
                return new FeatureProgram(feature.Name, offset, oneHot.Categories.Count, FeatureKind.OneHot, Precision, Array.Empty<ArithStep>())
                {
                    Categories = oneHot.Categories,
                    UnknownAllZeros = oneHot.Unknown == UnknownCategory.AllZeros,
                    Missing = feature.Missing,
                };
            case PassthroughStep:
                return new FeatureProgram(feature.Name, offset, 1, FeatureKind.Passthrough, Precision, Array.Empty<ArithStep>()) { Missing = feature.Missing };
            default:
                return new FeatureProgram(feature.Name, offset, 1, FeatureKind.Numeric, Precision, Plan(feature.Steps)) { Missing = feature.Missing };
        }
    }

    // The generator binds nothing for a non-finite parameter (NG0011), so there is no arithmetic to reproduce.
    private static void CheckFinite(FeatureManifest feature)
    {
        foreach (NormalizationStep step in feature.Steps)
        {
            double[] parameters = step switch
            {
                ZScoreStep z => [z.Mean, z.Std],
                MinMaxStep m => [m.Min, m.Max, m.Low, m.High],
                MaxAbsStep a => [a.MaxAbs],
                RobustStep r => [r.Center, r.Scale],
                ClipStep c => [c.Min, c.Max],
                _ => [],
            };
            if (parameters.Any(p => !double.IsFinite(p)))
            {
                throw new CliException($"feature '{feature.Name}': the {step.Op} step has a non-finite parameter (NG0011); the generator emits no code for it");
            }
        }

        if (feature.Missing.Kind == MissingValueKind.Fill && !double.IsFinite(feature.Missing.FillValue))
        {
            throw new CliException($"feature '{feature.Name}': the missing fill value is not finite (NG0011)");
        }
    }

    // ProfileArithmetic.Plan, step for step.
    private List<ArithStep> Plan(IReadOnlyList<NormalizationStep> steps)
    {
        var ops = new List<ArithStep>();
        foreach (NormalizationStep step in steps)
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
                    Affine(ops, z.Mean, z.Std);
                    break;
                case RobustStep r:
                    Affine(ops, r.Center, r.Scale);
                    break;
                case MaxAbsStep a:
                    MaxAbs(ops, a.MaxAbs);
                    break;
                case MinMaxStep m:
                    MinMax(ops, m);
                    break;
            }
        }

        return ops;
    }

    // (x − center) / scale in each library's form.
    private void Affine(List<ArithStep> ops, double center, double scale)
    {
        switch (ProfileName)
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
                float mlScale = scale == 0d ? 0f : 1f / (float)scale;
                Add(ops, ArithOp.Sub, mlScale == 0f ? 0d : (float)center);
                Add(ops, ArithOp.Mul, mlScale);
                break;
            case "onnx":
                Add(ops, ArithOp.Sub, (float)center);
                Add(ops, ArithOp.Mul, (float)(1d / scale));
                break;
            default:
                Add(ops, ArithOp.Sub, (float)center);
                Add(ops, ArithOp.Mul, (float)(scale == 0d ? 1d : 1d / scale));
                break;
        }
    }

    private void MaxAbs(List<ArithStep> ops, double maxAbs)
    {
        switch (ProfileName)
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

    private void MinMax(List<ArithStep> ops, MinMaxStep step)
    {
        switch (ProfileName)
        {
            case "sklearn":
            case "onnx":
                (double scale, double min) = SklearnScaleAndMin(step, Float32Data);
                if (ProfileName == "onnx")
                {
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
            ops.Add(Clip(step.Low, step.High));
        }
    }

    /// <summary>scikit-learn's <c>scale_</c> and <c>min_</c>, computed as MinMaxScaler.fit does, in the data's dtype.</summary>
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

    private ArithStep Clip(double low, double high) =>
        Precision == Precision.Float64
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
