using System;
using System.Globalization;
using NormGuard.Internal;

namespace NormGuard.Adaptive;

/// <summary>
/// One adapted feature: where it sits in the row, its exponentially decayed statistics in the space its z-score or
/// min-max step sees, and the step rule. Mutated only under the normalizer's lock.
/// </summary>
internal sealed class FeatureTracker
{
    private readonly NormalizationStep[] _preSteps;
    private double _mean;
    private double _variance;
    private double _min;
    private double _max;

    public FeatureTracker(FeatureManifest feature, int input, int output, int stepIndex)
    {
        Feature = feature;
        Input = input;
        Output = output;
        StepIndex = stepIndex;
        Baseline = feature.Steps[stepIndex];
        IsMinMax = Baseline is MinMaxStep;
        (BaselineCenter, BaselineScale) = CenterAndScale(Baseline);
        _preSteps = new NormalizationStep[stepIndex];
        for (int i = 0; i < stepIndex; i++)
        {
            _preSteps[i] = feature.Steps[i];
        }

        Reset();
    }

    public FeatureManifest Feature { get; }

    public string Name => Feature.Name;

    /// <summary>Index in <c>ReadInputs</c>' output.</summary>
    public int Input { get; }

    /// <summary>Index of the feature's single output column.</summary>
    public int Output { get; }

    /// <summary>Index of the adapted step among the feature's steps.</summary>
    public int StepIndex { get; }

    public NormalizationStep Baseline { get; }

    public bool IsMinMax { get; }

    public double BaselineCenter { get; }

    public double BaselineScale { get; }

    public bool IsFrozen { get; set; }

    /// <summary>The decayed center: the mean for z-score, the midpoint of the decayed extremes for min-max.</summary>
    public double Center => IsMinMax ? (_min + _max) / 2 : _mean;

    /// <summary>The decayed scale: the std for z-score, the decayed range for min-max.</summary>
    public double Scale => IsMinMax ? _max - _min : Math.Sqrt(_variance);

    public static (double Center, double Scale) CenterAndScale(NormalizationStep step) => step switch
    {
        ZScoreStep z => (z.Mean, z.Std),
        MinMaxStep m => ((m.Min + m.Max) / 2, m.Max - m.Min),
        _ => throw new ArgumentException("only z-score and min-max steps adapt", nameof(step)),
    };

    /// <summary>Why this feature's steps cannot adapt, or null when they can; <paramref name="stepIndex"/> is the adapted step.</summary>
    public static string? Ineligible(FeatureManifest feature, out int stepIndex)
    {
        stepIndex = -1;
        for (int i = 0; i < feature.Steps.Count; i++)
        {
            switch (feature.Steps[i])
            {
                case ZScoreStep or MinMaxStep when stepIndex < 0:
                    stepIndex = i;
                    break;
                case ZScoreStep or MinMaxStep:
                    return "it has more than one z-score or min-max step";
                case Log1pStep or LogStep or ClipStep:
                    break;
                default:
                    return $"its {feature.Steps[i].Op} step does not adapt (only z-score and min-max do, after log1p, log or clip)";
            }
        }

        if (stepIndex < 0)
        {
            return "it has no z-score or min-max step";
        }

        (double center, double scale) = CenterAndScale(feature.Steps[stepIndex]);
        return double.IsFinite(center) && double.IsFinite(scale) && scale > 0
            ? null
            : "its manifest scale is zero or not finite, so shifts cannot be measured in its units";
    }

    /// <summary>Back to the manifest's parameters; not frozen.</summary>
    public void Reset()
    {
        IsFrozen = false;
        switch (Baseline)
        {
            case ZScoreStep z:
                _mean = z.Mean;
                _variance = z.Std * z.Std;
                break;
            case MinMaxStep m:
                _min = m.Min;
                _max = m.Max;

                // The relaxation target; the raw-space training mean is right only when no pre-step transforms it.
                _mean = StepIndex == 0 && Feature.Stats?.Mean is double mean && double.IsFinite(mean) ? mean : (m.Min + m.Max) / 2;
                break;
        }
    }

    /// <summary>
    /// One row's input, weighted α = 1 − λ against the past (λ = 2^(−1/half-life)): West's exponentially weighted mean
    /// and variance; for min-max the extremes relax toward the mean at the same rate and jump to any new extreme.
    /// Missing and non-finite values are skipped: they say nothing about the level.
    /// </summary>
    public void Observe(double input, double alpha)
    {
        double x = Transform(input);
        if (!double.IsFinite(x))
        {
            return;
        }

        double diff = x - _mean;
        double increment = alpha * diff;
        _mean += increment;
        _variance = (1 - alpha) * (_variance + (diff * increment));
        if (IsMinMax)
        {
            double min = _min + (alpha * (_mean - _min));
            double max = _max - (alpha * (_max - _mean));
            _min = x < min ? x : min;
            _max = x > max ? x : max;
        }
    }

    /// <summary>The decayed statistics against the freeze band around the manifest's parameters; null when inside.</summary>
    public AdaptiveAlert? CheckFreeze(AdaptiveOptions options, long rows)
    {
        double center = Center, scale = Scale;
        double shift = Math.Abs(center - BaselineCenter) / BaselineScale;
        double ratio = scale / BaselineScale;
        string unit = IsMinMax ? "manifest ranges" : "manifest stds";
        string? reason = null;
        if (shift > options.FreezeMeanShift)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"decayed {(IsMinMax ? "midpoint" : "mean")} {center:G6} is {shift:0.###} {unit} from the manifest's {BaselineCenter:G6} (limit {options.FreezeMeanShift})");
        }
        else if (ratio > options.FreezeScaleRatio || ratio < 1 / options.FreezeScaleRatio || !double.IsFinite(ratio))
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"decayed {(IsMinMax ? "range" : "std")} {scale:G6} is {ratio:0.###}× the manifest's {BaselineScale:G6} (limit {options.FreezeScaleRatio}×)");
        }

        return reason is null ? null : new AdaptiveAlert(Name, reason, BaselineCenter, BaselineScale, center, scale, rows);
    }

    /// <summary>
    /// <paramref name="current"/> moved toward the decayed statistics, at most <see cref="AdaptiveOptions.MaxStepStd"/>
    /// current scales for the center and a factor 1 + MaxStepStd for the scale; the same instance when nothing moves.
    /// </summary>
    public NormalizationStep Step(NormalizationStep current, double maxStep)
    {
        (double center, double scale) = CenterAndScale(current);
        double targetCenter = Center, targetScale = Scale;
        double move = double.IsFinite(targetCenter) ? Math.Clamp(targetCenter - center, -maxStep * scale, maxStep * scale) : 0;
        double ratio = double.IsFinite(targetScale) && targetScale > 0 ? Math.Clamp(targetScale / scale, 1 / (1 + maxStep), 1 + maxStep) : 1;
        if (move == 0 && ratio == 1)
        {
            return current;
        }

        double newCenter = center + move, newScale = scale * ratio;
        return current switch
        {
            ZScoreStep z => z with { Mean = newCenter, Std = newScale },
            MinMaxStep m => m with { Min = newCenter - (newScale / 2), Max = newCenter + (newScale / 2) },
            _ => current,
        };
    }

    // The pre-steps in float64: statistics need the adapted step's input space, not the profile's last bit.
    private double Transform(double input)
    {
        double v = input;
        foreach (NormalizationStep step in _preSteps)
        {
            v = step switch
            {
                Log1pStep => NormMath.Log1p(v),
                LogStep => NormMath.Log(v),
                ClipStep c => v < c.Min ? c.Min : (v > c.Max ? c.Max : v),
                _ => v,
            };
        }

        return v;
    }
}
