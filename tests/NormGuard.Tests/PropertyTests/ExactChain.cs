using System;
using System.Collections.Generic;

namespace NormGuard.Tests.PropertyTests;

/// <summary>
/// The real-number map of one numeric feature (log1p, log, affine steps, clip), evaluated in float64: used to draw
/// inputs where they matter (a target normalized value mapped back to x), to decide which steps are invertible, and to
/// derive the round-trip error bound from the rounding points of the profile's arithmetic.
/// </summary>
internal sealed class ExactChain
{
    private const double U32 = 5.9604644775390625e-8; // 2^-24: half an ulp of float32, relative
    private const double U64 = 1.1102230246251565e-16; // 2^-53
    private const double HalfSubnormal32 = 7.006492321624085e-46; // 2^-150: half the smallest float32 subnormal

    private readonly List<Step> _steps = new();

    private ExactChain(bool float64Ops)
    {
        Float64Ops = float64Ops;
    }

    /// <summary>The profile computes in float64 and rounds to float32 once (sklearn float64, spark).</summary>
    public bool Float64Ops { get; }

    /// <summary>Every step has an inverse: no zero scale and no constant min-max that the profile maps to a constant.</summary>
    public bool Invertible { get; private set; } = true;

    public bool HasClip { get; private set; }

    public bool HasLog { get; private set; }

    public string Describe { get; private set; } = "passthrough";

    public static ExactChain For(Manifest manifest, FeatureManifest feature)
    {
        NormalizationProfile profile = manifest.Profile;
        bool float32Data = manifest.DType == ManifestDType.Float32;
        var chain = new ExactChain(profile == NormalizationProfile.Spark || (profile == NormalizationProfile.ScikitLearn && !float32Data));
        var names = new List<string>();
        foreach (NormalizationStep step in feature.Steps)
        {
            names.Add(step.Op);
            switch (step)
            {
                case Log1pStep: chain._steps.Add(new Step(StepKind.Log1p)); chain.HasLog = true; break;
                case LogStep: chain._steps.Add(new Step(StepKind.Log)); chain.HasLog = true; break;
                case ZScoreStep z: chain.AddScale(z.Mean, z.Std, profile); break;
                case RobustStep r: chain.AddScale(r.Center, r.Scale, profile); break;
                case MaxAbsStep a:
                    double maxAbs = a.MaxAbs == 0d && profile is NormalizationProfile.Spark or NormalizationProfile.NormGuard ? 1d : a.MaxAbs;
                    chain.AddAffine(0d, maxAbs == 0d ? 0d : 1d / maxAbs, 0d, subtractions: 0, productOfInput: false);
                    break;
                case MinMaxStep m:
                    chain.AddAffine(m.Min, MinMaxSlope(m, profile, float32Data), m.Low, subtractions: 2, productOfInput: true);
                    if (m.Clip)
                    {
                        chain.AddClip(m.Low, m.High);
                    }

                    break;
                case ClipStep c: chain.AddClip(c.Min, c.Max); break;
                case PassthroughStep: break;
                default: throw new ArgumentException($"feature '{feature.Name}' is not numeric");
            }
        }

        if (names.Count > 0)
        {
            chain.Describe = string.Join("+", names);
        }

        return chain;
    }

    /// <summary>The fitted slope (high − low) / range under the profile's constant-feature rule; 0 when the profile maps the feature to a constant.</summary>
    private static double MinMaxSlope(MinMaxStep m, NormalizationProfile profile, bool float32Data)
    {
        switch (profile)
        {
            case NormalizationProfile.Spark:
                return m.Max - m.Min == 0d ? 0d : (m.High - m.Low) / (m.Max - m.Min);
            case NormalizationProfile.MLNet:
                float rangeF = (float)m.Max - (float)m.Min;
                return rangeF > 0f ? (m.High - m.Low) / rangeF : 0d;
            case NormalizationProfile.ScikitLearn or NormalizationProfile.Onnx when float32Data:
                float range32 = (float)m.Max - (float)m.Min;
                return (m.High - m.Low) / (range32 < 10 * 1.1920929e-07f ? 1d : range32);
            default:
                double range = m.Max - m.Min;
                return (m.High - m.Low) / (range < 10 * 2.220446049250313e-16 ? 1d : range);
        }
    }

    private void AddScale(double center, double scale, NormalizationProfile profile)
    {
        // A zero scale: NormGuard's profile counts it as 1; ML.NET and Spark multiply by 0; the others divide by 0.
        if (scale == 0d && profile == NormalizationProfile.NormGuard)
        {
            scale = 1d;
        }

        AddAffine(center, scale == 0d ? 0d : 1d / scale, 0d, subtractions: 1, productOfInput: false);
    }

    private void AddAffine(double center, double slope, double add, int subtractions, bool productOfInput)
    {
        if (slope == 0d || !double.IsFinite(slope))
        {
            Invertible = false;
        }

        _steps.Add(new Step(StepKind.Affine, center, slope, add, subtractions, productOfInput));
    }

    private void AddClip(double low, double high)
    {
        HasClip = true;
        _steps.Add(new Step(StepKind.Clip, low, 0d, 0d, 0, false, low, high));
    }

    /// <summary>The exact normalized value of <paramref name="x"/> (float64 arithmetic, no float32 roundings).</summary>
    public double Forward(double x)
    {
        double v = x;
        foreach (Step step in _steps)
        {
            v = step.Apply(v);
        }

        return v;
    }

    /// <summary>The input whose exact normalized value is <paramref name="y"/> (clip steps pass through).</summary>
    public double Inverse(double y)
    {
        double v = y;
        for (int i = _steps.Count - 1; i >= 0; i--)
        {
            v = _steps[i].Invert(v);
        }

        return v;
    }

    /// <summary>
    /// The input that <c>Denormalize(Normalize(x))</c> should give back: x itself, or, when a clip bounded the value,
    /// the preimage of the bound.
    /// </summary>
    public double Recovered(double x) => HasClip && IsClipped(x) ? Inverse(Forward(x)) : x;

    private bool IsClipped(double x)
    {
        double v = x;
        foreach (Step step in _steps)
        {
            double next = step.Apply(v);
            if (step.Kind == StepKind.Clip && next != v)
            {
                return true;
            }

            v = next;
        }

        return false;
    }

    /// <summary>
    /// The round-trip error bound |Denormalize(Normalize(x)) − x| for an x whose normalized value the clip steps leave
    /// alone, derived from where the arithmetic rounds. With D(w) = |dx/dw| the sensitivity of x to an intermediate w:
    /// <list type="bullet">
    /// <item>a double member converted to float32 for float32 arithmetic: ½ ulp(x) = u·|x|;</item>
    /// <item>each rounded operation of the forward program (float32 or numpy's float64-then-float32: u = 2⁻²⁴; float64
    /// profiles: u = 2⁻⁵³) adds u·|w|·D(w) (at least 2⁻¹⁵⁰·D(w) for a float32 subnormal result): for
    /// (x − c)·k: the difference and the product; for min-max, both of the forms the profiles use
    /// (x·k + b and (x − min)·k + low), so |x| + 2|x − min| + |y|/|k|;</item>
    /// <item>log and log1p: within 1 ulp of the result, 2u·|w|·D(w), with D growing by |v| (log) or |1 + v| (log1p);</item>
    /// <item>float64 profiles: the final rounding to float32, u₃₂·|y|·D(y);</item>
    /// <item>the inverse runs in float64 with the very constants the forward code used (so the float32 rounding of the
    /// parameters cancels): 2⁻⁵¹ of every intermediate in x units, covering exp/expm1 to 1 ulp;</item>
    /// <item>a float member: the result rounded back to float32, ½ ulp(x).</item>
    /// </list>
    /// The sum is a first-order bound; the factor 1.001 covers the second-order terms (products of two roundings).
    /// For a plain z-score in float32 this is 2u·|x − mean| + u·|x| (+ u·|x| for a float member): a few float32 ulps
    /// of max(|x|, |x − mean|).
    /// </summary>
    public double RoundTripBound(double x, bool floatMember)
    {
        double u = Float64Ops ? U64 : U32;
        double error = 0d;
        double inverse = Math.Abs(x);
        double v = x, d = 1d;
        if (!Float64Ops && !floatMember)
        {
            error += Round32(x);
        }

        foreach (Step step in _steps)
        {
            switch (step.Kind)
            {
                case StepKind.Log1p:
                case StepKind.Log:
                    double w = step.Apply(v);
                    d *= Math.Abs(step.Kind == StepKind.Log1p ? 1d + v : v);
                    error += 2 * RoundOp(w, u) * d;
                    v = w;
                    break;
                case StepKind.Affine:
                    double k = Math.Abs(step.Slope);
                    error += step.Subtractions * RoundOp(v - step.Center, u) * d;
                    if (step.ProductOfInput)
                    {
                        error += RoundOp(v * k, u) * d / k;
                    }

                    double y = step.Apply(v);
                    d /= k;
                    error += RoundOp(y, u) * d;
                    v = y;
                    break;
                default:
                    v = step.Apply(v);
                    break;
            }

            inverse += Math.Abs(v) * d;
        }

        if (Float64Ops)
        {
            error += Round32(v) * d;
        }

        error += 4 * U64 * inverse;
        if (floatMember)
        {
            error += Round32(x);
        }

        return error * 1.001;
    }

    private static double Round32(double w) => Math.Max(U32 * Math.Abs(w), HalfSubnormal32);

    private static double RoundOp(double w, double u) => u == U32 ? Round32(w) : u * Math.Abs(w);

    private enum StepKind
    {
        Log1p,
        Log,
        Affine,
        Clip,
    }

    /// <summary>One step; affine: (v − Center) · Slope + Add.</summary>
    private readonly record struct Step(StepKind Kind, double Center = 0, double Slope = 1, double Add = 0, int Subtractions = 0, bool ProductOfInput = false, double Low = 0, double High = 0)
    {
        public double Apply(double v) => Kind switch
        {
            StepKind.Log1p => double.LogP1(v),
            StepKind.Log => Math.Log(v),
            StepKind.Affine => ((v - Center) * Slope) + Add,
            _ => v < Low ? Low : (v > High ? High : v),
        };

        public double Invert(double y) => Kind switch
        {
            StepKind.Log1p => double.ExpM1(y),
            StepKind.Log => Math.Exp(y),
            StepKind.Affine => ((y - Add) / Slope) + Center,
            _ => y,
        };
    }
}
