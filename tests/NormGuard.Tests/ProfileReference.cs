using System;
using System.Collections.Generic;
using System.Linq;
using NormGuard.Internal;

namespace NormGuard.Tests;

/// <summary>
/// What a feature's outputs must be, written from the contract rather than from the generator: the per-profile
/// formulas of docs/profiles.md (and the constant-feature table of docs/rules/NG0011.md), the missing-value and
/// unknown-category rules of docs/manifest-format.md, read from the manifest the record embeds. Only log and log1p
/// borrow the runtime's <see cref="NormMath"/>, the port of glibc's algorithms the golden vectors check; their IEEE
/// special cases (±0, −1, below −1, ±∞, NaN) are asserted on their own in EdgeValueTests. A NaN input is missing,
/// like null, in every profile.
/// </summary>
internal static class ProfileReference
{
    private const double Epsilon64 = 2.220446049250313e-16;
    private const float Epsilon32 = 1.1920929e-07f;

    /// <summary>The feature's outputs, or the <see cref="NormalizationException.Value"/> the contract requires.</summary>
    public readonly record struct Outcome(float[]? Values, bool Throws, string? ErrorValue)
    {
        public static Outcome Of(params float[] values) => new(values, false, null);

        public static Outcome Error(string? value) => new(null, true, value);
    }

    public static Outcome Expect(Manifest manifest, FeatureManifest feature, object? input)
    {
        NormalizationStep first = feature.Steps[0];
        if (first is OneHotStep oneHot)
        {
            return OneHot(feature, oneHot, input);
        }

        bool wide = manifest.Profile == NormalizationProfile.Spark || (manifest.Profile == NormalizationProfile.ScikitLearn && manifest.DType == ManifestDType.Float64);
        // NaN in a float or double member is missing exactly like null (docs/manifest-format.md); infinities are values.
        bool nan = input is double inputDouble && double.IsNaN(inputDouble) || input is float inputFloat && float.IsNaN(inputFloat);
        if (input is null || nan)
        {
            switch (feature.Missing.Kind)
            {
                case MissingValueKind.Error:
                    return Outcome.Error(nan ? "NaN" : null);
                case MissingValueKind.Propagate:
                    return Outcome.Of(float.NaN);
                default:
                    // The fill replaces the input before the steps, as an imputer ahead of the scaler would.
                    input = feature.Missing.FillValue;
                    break;
            }
        }

        if (first is PassthroughStep)
        {
            return Outcome.Of(wide ? (float)AsDouble(input) : AsFloat(input));
        }

        return Outcome.Of(wide ? (float)Wide(manifest, feature.Steps, AsDouble(input)) : Narrow(manifest, feature.Steps, AsFloat(input)));
    }

    /// <summary>A member's value as the float32 input of a float32 pipeline (one rounding, from the member's own type).</summary>
    public static float AsFloat(object input) => input switch
    {
        float f => f,
        double d => (float)d,
        int i => i,
        long l => l,
        bool b => b ? 1f : 0f,
        _ => throw new ArgumentException("not a number: " + input),
    };

    public static double AsDouble(object input) => input switch
    {
        float f => f,
        double d => d,
        int i => i,
        long l => l,
        bool b => b ? 1d : 0d,
        _ => throw new ArgumentException("not a number: " + input),
    };

    // float64 pipelines: scikit-learn on float64 data, Spark ML.
    private static double Wide(Manifest manifest, IReadOnlyList<NormalizationStep> steps, double x)
    {
        bool spark = manifest.Profile == NormalizationProfile.Spark;
        foreach (NormalizationStep step in steps)
        {
            x = step switch
            {
                Log1pStep => NormMath.Log1p(x),
                LogStep => Math.Log(x),
                ClipStep c => x < c.Min ? c.Min : (x > c.Max ? c.Max : x),
                ZScoreStep z => spark ? (x - z.Mean) * (z.Std == 0 ? 0 : 1 / z.Std) : (x - z.Mean) / z.Std,
                RobustStep r => spark ? (x - r.Center) * (r.Scale == 0 ? 0 : 1 / r.Scale) : (x - r.Center) / r.Scale,
                MaxAbsStep a => spark ? x * (a.MaxAbs == 0 ? 1 : 1 / a.MaxAbs) : x / a.MaxAbs,
                MinMaxStep m => spark ? SparkMinMax(m, x) : SklearnMinMax64(m, x),
                _ => throw new NotSupportedException(step.Op),
            };
        }

        return x;
    }

    private static double SparkMinMax(MinMaxStep m, double x)
    {
        double range = m.Max - m.Min;
        if (range == 0)
        {
            return double.IsNaN(x) ? x : (m.Low + m.High) / 2;
        }

        double v = ((x - m.Min) * ((m.High - m.Low) / range)) + m.Low;
        return m.Clip ? Bound(v, m.Low, m.High) : v;
    }

    private static double SklearnMinMax64(MinMaxStep m, double x)
    {
        double range = m.Max - m.Min;
        double scale = (m.High - m.Low) / (range < 10 * Epsilon64 ? 1 : range);
        double min = m.Low - (m.Min * scale);
        double v = (x * scale) + min;
        return m.Clip ? Bound(v, m.Low, m.High) : v;
    }

    private static double Bound(double x, double low, double high) => x < low ? low : (x > high ? high : x);

    private static float Bound(float x, float low, float high) => x < low ? low : (x > high ? high : x);

    // float32 pipelines: normguard, onnx, mlnet (float32 operations), scikit-learn on float32 data (float64 operations
    // rounded to float32 after each, as numpy computes in place).
    private static float Narrow(Manifest manifest, IReadOnlyList<NormalizationStep> steps, float x)
    {
        NormalizationProfile profile = manifest.Profile;
        bool float32Data = manifest.DType == ManifestDType.Float32;
        foreach (NormalizationStep step in steps)
        {
            switch (step)
            {
                case Log1pStep:
                    x = NormMath.Log1p(x);
                    break;
                case LogStep:
                    x = MathF.Log(x);
                    break;
                case ClipStep c:
                    x = Bound(x, (float)c.Min, (float)c.Max);
                    break;
                case ZScoreStep z:
                    x = Affine(profile, x, z.Mean, z.Std);
                    break;
                case RobustStep r:
                    x = Affine(profile, x, r.Center, r.Scale);
                    break;
                case MaxAbsStep a:
                    x = profile switch
                    {
                        NormalizationProfile.ScikitLearn => (float)(x / a.MaxAbs),
                        NormalizationProfile.MLNet => x * (a.MaxAbs == 0 ? 0f : 1f / (float)a.MaxAbs),
                        NormalizationProfile.Onnx => x * (float)(1 / a.MaxAbs),
                        _ => x * (float)(a.MaxAbs == 0 ? 1 : 1 / a.MaxAbs),
                    };
                    break;
                case MinMaxStep m:
                    x = MinMax32(profile, float32Data, m, x);
                    if (m.Clip)
                    {
                        x = Bound(x, (float)m.Low, (float)m.High);
                    }

                    break;
                default:
                    throw new NotSupportedException(step.Op);
            }
        }

        return x;
    }

    private static float Affine(NormalizationProfile profile, float x, double center, double scale)
    {
        switch (profile)
        {
            case NormalizationProfile.ScikitLearn:
                return (float)((float)(x - center) / scale);
            case NormalizationProfile.MLNet:
                // ML.NET: offset (float)mean, scale 1f/(float)std; a zero std gives scale 0 (and offset 0).
                float s = scale == 0 ? 0f : 1f / (float)scale;
                return (x - (s == 0f ? 0f : (float)center)) * s;
            case NormalizationProfile.Onnx:
                return (x - (float)center) * (float)(1 / scale);
            default:
                return (x - (float)center) * (float)(scale == 0 ? 1 : 1 / scale);
        }
    }

    private static float MinMax32(NormalizationProfile profile, bool float32Data, MinMaxStep m, float x)
    {
        switch (profile)
        {
            case NormalizationProfile.MLNet:
                float range = (float)m.Max - (float)m.Min;
                float k = range > 0 ? (float)(m.High - m.Low) / range : 0f;
                float v = (x - (k == 0 ? 0f : (float)m.Min)) * k;
                return m.Low == 0 ? v : v + (float)m.Low;
            case NormalizationProfile.ScikitLearn:
            case NormalizationProfile.Onnx:
                (double scale, double min) = SklearnScaleAndMin(m, float32Data);
                return profile == NormalizationProfile.Onnx
                    ? (x * (float)scale) + (float)min
                    : (float)((float)(x * scale) + min);
            default:
                double rangeD = m.Max - m.Min;
                double kD = (m.High - m.Low) / (rangeD < 10 * Epsilon64 ? 1 : rangeD);
                return (x * (float)kD) + (float)(m.Low - (m.Min * kD));
        }
    }

    // MinMaxScaler.fit: scale_ and min_ in the data's dtype, a range under 10·eps counting as 1.
    private static (double Scale, double Min) SklearnScaleAndMin(MinMaxStep m, bool float32Data)
    {
        if (float32Data)
        {
            float range = (float)m.Max - (float)m.Min;
            range = range < 10 * Epsilon32 ? 1f : range;
            float scale = (float)(m.High - m.Low) / range;
            return (scale, (float)m.Low - ((float)m.Min * scale));
        }

        double rangeD = m.Max - m.Min;
        rangeD = rangeD < 10 * Epsilon64 ? 1 : rangeD;
        double scaleD = (m.High - m.Low) / rangeD;
        return (scaleD, m.Low - (m.Min * scaleD));
    }

    private static Outcome OneHot(FeatureManifest feature, OneHotStep step, object? input)
    {
        float[] outputs = new float[step.Categories.Count];
        // NaN in a float or double member is missing exactly like null (docs/manifest-format.md); infinities are values.
        bool nan = input is double inputDouble && double.IsNaN(inputDouble) || input is float inputFloat && float.IsNaN(inputFloat);
        if (input is null || nan)
        {
            switch (feature.Missing.Kind)
            {
                case MissingValueKind.Error:
                    return Outcome.Error(nan ? "NaN" : null);
                case MissingValueKind.Propagate:
                    Array.Fill(outputs, float.NaN);
                    return Outcome.Of(outputs);
                default:
                    // The fill number is matched against the category texts; no match writes zeros.
                    string fill = feature.Missing.FillValue.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                    int index = step.Categories.ToList().IndexOf(fill);
                    if (index >= 0)
                    {
                        outputs[index] = 1f;
                    }

                    return Outcome.Of(outputs);
            }
        }

        string text = input switch
        {
            Enum e => e.ToString(),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => input.ToString()!,
        };
        int hit = step.Categories.ToList().IndexOf(text);
        if (hit >= 0)
        {
            outputs[hit] = 1f;
            return Outcome.Of(outputs);
        }

        return step.Unknown == UnknownCategory.AllZeros ? Outcome.Of(outputs) : Outcome.Error(text);
    }
}
