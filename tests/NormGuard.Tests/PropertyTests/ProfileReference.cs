using System;
using System.Collections.Generic;
using NormGuard.Internal;

namespace NormGuard.Tests.PropertyTests;

/// <summary>
/// A plain scalar reference of each profile's arithmetic, written from the profile definitions (docs/profiles.md,
/// SPEC §5, /work/shared/spec/NOTES.md) and nothing else: one function per profile, one line per manifest step, from
/// the manifest's raw statistics. It shares no code with the generator or the CLI's interpreter: it does not drop
/// identity operations, does not build operation lists and does not know the stream kernels' table shapes. Only the
/// log functions are shared (<see cref="NormMath"/>: the fdlibm log1p port and the C library's log that the profiles
/// specify), because a second port of fdlibm would only test the port.
/// </summary>
internal static class ProfileReference
{
    private const double Epsilon64 = 2.220446049250313e-16; // numpy.finfo(float64).eps
    private const float Epsilon32 = 1.1920929e-07f; // numpy.finfo(float32).eps

    /// <summary>The float the profile writes for input <paramref name="x"/> (a member value, widened to double).</summary>
    public static float Normalize(Manifest manifest, FeatureManifest feature, double x)
    {
        IReadOnlyList<NormalizationStep> steps = feature.Steps;
        bool float32Data = manifest.DType == ManifestDType.Float32;
        return manifest.Profile switch
        {
            NormalizationProfile.ScikitLearn => float32Data ? SklearnFloat32(steps, (float)x) : SklearnFloat64(steps, x),
            NormalizationProfile.Onnx => Onnx(steps, (float)x, float32Data),
            NormalizationProfile.MLNet => MLNet(steps, (float)x),
            NormalizationProfile.Spark => Spark(steps, x),
            _ => NormGuardDefault(steps, (float)x),
        };
    }

    /// <summary>scikit-learn on float64 data: numpy operations in float64, the result rounded to float32 once.</summary>
    public static float SklearnFloat64(IReadOnlyList<NormalizationStep> steps, double x)
    {
        double v = x;
        foreach (NormalizationStep step in steps)
        {
            switch (step)
            {
                case Log1pStep: v = NormMath.Log1p(v); break;
                case LogStep: v = NormMath.Log(v); break;
                case ZScoreStep z: v -= z.Mean; v /= z.Std; break; // StandardScaler: X -= mean_; X /= scale_
                case RobustStep r: v -= r.Center; v /= r.Scale; break; // RobustScaler: X -= center_; X /= scale_
                case MaxAbsStep a: v /= a.MaxAbs; break; // MaxAbsScaler: X /= scale_
                case MinMaxStep m:
                    // MinMaxScaler.fit: data_range = max − min (under 10·eps it counts as 1); scale_ = (high − low) / range;
                    // min_ = low − min · scale_. transform: X *= scale_; X += min_; clip to [low, high] last.
                    double range = m.Max - m.Min;
                    if (range < 10 * Epsilon64)
                    {
                        range = 1d;
                    }

                    double scale = (m.High - m.Low) / range;
                    double min = m.Low - (m.Min * scale);
                    v *= scale;
                    v += min;
                    if (m.Clip)
                    {
                        v = Clip(v, m.Low, m.High);
                    }

                    break;
                case ClipStep c: v = Clip(v, c.Min, c.Max); break;
            }
        }

        return (float)v;
    }

    /// <summary>
    /// scikit-learn on float32 data: each in-place numpy operation computed in float64 (the fitted attributes are
    /// float64) and stored back in the float32 array; MinMaxScaler's own scale_/min_ are float32.
    /// </summary>
    public static float SklearnFloat32(IReadOnlyList<NormalizationStep> steps, float x)
    {
        float v = x;
        foreach (NormalizationStep step in steps)
        {
            switch (step)
            {
                case Log1pStep: v = NormMath.Log1p(v); break; // numpy log1p on float32: log1pf
                case LogStep: v = NormMath.Log(v); break;
                case ZScoreStep z: v = (float)(v - z.Mean); v = (float)(v / z.Std); break;
                case RobustStep r: v = (float)(v - r.Center); v = (float)(v / r.Scale); break;
                case MaxAbsStep a: v = (float)(v / a.MaxAbs); break;
                case MinMaxStep m:
                    float range = (float)m.Max - (float)m.Min;
                    if (range < 10 * Epsilon32)
                    {
                        range = 1f;
                    }

                    float scale = (float)(m.High - m.Low) / range;
                    float min = (float)m.Low - ((float)m.Min * scale);
                    v *= scale;
                    v += min;
                    if (m.Clip)
                    {
                        v = Clip(v, (float)m.Low, (float)m.High);
                    }

                    break;
                case ClipStep c: v = Clip(v, (float)c.Min, (float)c.Max); break;
            }
        }

        return v;
    }

    /// <summary>
    /// ai.onnx.ml.Scaler as skl2onnx converts the scikit-learn scalers: (x − offset) · scale with float32
    /// offset = f32(mean_) and scale = f32(1 / scale_); MinMaxScaler as Mul(f32(scale_)) then Add(f32(min_)), with
    /// scale_/min_ as scikit-learn computes them in the training dtype.
    /// </summary>
    public static float Onnx(IReadOnlyList<NormalizationStep> steps, float x, bool float32Data)
    {
        float v = x;
        foreach (NormalizationStep step in steps)
        {
            switch (step)
            {
                case Log1pStep: v = NormMath.Log1p(v); break;
                case LogStep: v = NormMath.Log(v); break;
                case ZScoreStep z: v = (v - (float)z.Mean) * (float)(1d / z.Std); break;
                case RobustStep r: v = (v - (float)r.Center) * (float)(1d / r.Scale); break;
                case MaxAbsStep a: v *= (float)(1d / a.MaxAbs); break;
                case MinMaxStep m:
                    float scale, min;
                    if (float32Data)
                    {
                        float range = (float)m.Max - (float)m.Min;
                        range = range < 10 * Epsilon32 ? 1f : range;
                        scale = (float)(m.High - m.Low) / range;
                        min = (float)m.Low - ((float)m.Min * scale);
                    }
                    else
                    {
                        double range = m.Max - m.Min;
                        range = range < 10 * Epsilon64 ? 1d : range;
                        double scale64 = (m.High - m.Low) / range;
                        scale = (float)scale64;
                        min = (float)(m.Low - (m.Min * scale64));
                    }

                    v *= scale;
                    v += min;
                    if (m.Clip)
                    {
                        v = Clip(v, (float)m.Low, (float)m.High);
                    }

                    break;
                case ClipStep c: v = Clip(v, (float)c.Min, (float)c.Max); break;
            }
        }

        return v;
    }

    /// <summary>
    /// ML.NET's affine normalizers: (x − offset) · scale in float32. Mean-variance: offset = (float)mean,
    /// scale = 1f / (float)std, and a zero std gives scale 0 with offset 0. Min-max: offset = (float)min,
    /// scale = (float)(high − low) / ((float)max − (float)min), a non-positive range giving scale 0 with offset 0; the
    /// target low is added when it is not 0 (ML.NET itself maps to [0, 1]). Max-abs: scale = 1f / (float)maxabs, 0 for 0.
    /// </summary>
    public static float MLNet(IReadOnlyList<NormalizationStep> steps, float x)
    {
        float v = x;
        foreach (NormalizationStep step in steps)
        {
            switch (step)
            {
                case Log1pStep: v = NormMath.Log1p(v); break;
                case LogStep: v = NormMath.Log(v); break;
                case ZScoreStep z: v = MLNetAffine(v, z.Mean, z.Std); break;
                case RobustStep r: v = MLNetAffine(v, r.Center, r.Scale); break;
                case MaxAbsStep a: v *= a.MaxAbs == 0d ? 0f : 1f / (float)a.MaxAbs; break;
                case MinMaxStep m:
                    float range = (float)m.Max - (float)m.Min;
                    float scale = range > 0f ? (float)(m.High - m.Low) / range : 0f;
                    float offset = scale == 0f ? 0f : (float)m.Min;
                    v = (v - offset) * scale;
                    if (m.Low != 0d)
                    {
                        v += (float)m.Low;
                    }

                    if (m.Clip)
                    {
                        v = Clip(v, (float)m.Low, (float)m.High);
                    }

                    break;
                case ClipStep c: v = Clip(v, (float)c.Min, (float)c.Max); break;
            }
        }

        return v;
    }

    private static float MLNetAffine(float v, double center, double std)
    {
        float scale = std == 0d ? 0f : 1f / (float)std;
        float offset = scale == 0f ? 0f : (float)center;
        return (v - offset) * scale;
    }

    /// <summary>
    /// Spark ML's scaler models in float64: StandardScalerModel (x − mean) · (1/std, 0 for std 0); MinMaxScalerModel
    /// (x − min) · k + low with k = (high − low) / range, a constant feature giving (low + high) / 2 (NaN stays NaN);
    /// MaxAbsScalerModel x · (1/maxAbs, 1 for 0); RobustScalerModel (x − median) · (1/range, 0 for 0).
    /// </summary>
    public static float Spark(IReadOnlyList<NormalizationStep> steps, double x)
    {
        double v = x;
        foreach (NormalizationStep step in steps)
        {
            switch (step)
            {
                case Log1pStep: v = NormMath.Log1p(v); break;
                case LogStep: v = NormMath.Log(v); break;
                case ZScoreStep z: v = (v - z.Mean) * (z.Std == 0d ? 0d : 1d / z.Std); break;
                case RobustStep r: v = (v - r.Center) * (r.Scale == 0d ? 0d : 1d / r.Scale); break;
                case MaxAbsStep a: v *= a.MaxAbs == 0d ? 1d : 1d / a.MaxAbs; break;
                case MinMaxStep m:
                    double range = m.Max - m.Min;
                    if (range == 0d)
                    {
                        v = double.IsNaN(v) ? v : (m.Low + m.High) / 2d;
                    }
                    else
                    {
                        v = ((v - m.Min) * ((m.High - m.Low) / range)) + m.Low;
                    }

                    if (m.Clip)
                    {
                        v = Clip(v, m.Low, m.High);
                    }

                    break;
                case ClipStep c: v = Clip(v, c.Min, c.Max); break;
            }
        }

        return (float)v;
    }

    /// <summary>
    /// NormGuard's own float32 arithmetic: z-score and robust (x − f32(center)) · f32(1/scale) (a zero scale counts
    /// as 1, as the fitters' constant-feature rule makes it); min-max x · f32(k) + f32(b) with k = (high − low) / range
    /// (a range under 10·eps counts as 1) and b = low − min · k in float64; max-abs x · f32(1/maxabs) (0 counts as 1).
    /// </summary>
    public static float NormGuardDefault(IReadOnlyList<NormalizationStep> steps, float x)
    {
        float v = x;
        foreach (NormalizationStep step in steps)
        {
            switch (step)
            {
                case Log1pStep: v = NormMath.Log1p(v); break;
                case LogStep: v = NormMath.Log(v); break;
                case ZScoreStep z: v = (v - (float)z.Mean) * (float)(z.Std == 0d ? 1d : 1d / z.Std); break;
                case RobustStep r: v = (v - (float)r.Center) * (float)(r.Scale == 0d ? 1d : 1d / r.Scale); break;
                case MaxAbsStep a: v *= (float)(a.MaxAbs == 0d ? 1d : 1d / a.MaxAbs); break;
                case MinMaxStep m:
                    double range = m.Max - m.Min;
                    double k = (m.High - m.Low) / (range < 10 * Epsilon64 ? 1d : range);
                    double b = m.Low - (m.Min * k);
                    v = (v * (float)k) + (float)b;
                    if (m.Clip)
                    {
                        v = Clip(v, (float)m.Low, (float)m.High);
                    }

                    break;
                case ClipStep c: v = Clip(v, (float)c.Min, (float)c.Max); break;
            }
        }

        return v;
    }

    // numpy.clip: NaN stays NaN.
    private static double Clip(double v, double low, double high) => v < low ? low : (v > high ? high : v);

    private static float Clip(float v, float low, float high) => v < low ? low : (v > high ? high : v);
}
