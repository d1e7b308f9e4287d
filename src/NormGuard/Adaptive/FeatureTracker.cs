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
    private readonly JumpDetector _jump = new();

    public FeatureTracker(FeatureManifest feature, int input, int output, int stepIndex)
    {
        Feature = feature;
        Input = input;
        Output = output;
        StepIndex = stepIndex;
        Baseline = feature.Steps[stepIndex];
        IsMinMax = Baseline is MinMaxStep;
        (BaselineCenter, BaselineScale) = CenterAndScale(Baseline);
        BaselineUnit = IsMinMax ? MinMaxUnit(feature, stepIndex, BaselineScale) : BaselineScale;
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

    /// <summary>
    /// The std unit σ₀ that shifts, steps and the jump detector are measured in: the manifest's std for z-score; for
    /// min-max the training std in the step's input space (the manifest's <c>stats.std</c> when the min-max step is the
    /// first step), else range/√12, the std of values spread evenly over the manifest's range.
    /// </summary>
    public double BaselineUnit { get; }

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

    /// <summary>The std unit of a step in force: its std for z-score; for min-max σ₀ scaled with the range, so that a
    /// range that has grown by a factor carries a std unit grown by the same factor.</summary>
    public double Unit(NormalizationStep current)
    {
        (_, double scale) = CenterAndScale(current);
        return IsMinMax ? scale * (BaselineUnit / BaselineScale) : scale;
    }

    private static double MinMaxUnit(FeatureManifest feature, int stepIndex, double range)
    {
        double? std = stepIndex == 0 ? feature.Stats?.Std : null;
        return std is double s && double.IsFinite(s) && s > 0 ? s : range / Math.Sqrt(12);
    }

    /// <summary>Why this feature's steps cannot adapt, or null when they can; <paramref name="stepIndex"/> is the adapted step.</summary>
    public static string? Ineligible(FeatureManifest feature, out int stepIndex)
    {
        stepIndex = -1;
        if (feature.IsVector)
        {
            return "it is a vector (embedding) feature: its steps (l2, center, vector z-score, PCA, truncate) are fitted per dimension and do not adapt; the generated code writes it unchanged";
        }

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
        Unfreeze();
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

    /// <summary>Adapts again from where it stopped: the jump detector starts from zero against the parameters in force.</summary>
    public void Unfreeze()
    {
        IsFrozen = false;
        _jump.Clear();
    }

    /// <summary>
    /// The two-sided CUSUM on this row, already <see cref="Transform"/>ed, standardized by <paramref name="inForce"/>;
    /// an alert when it crosses the threshold (the caller freezes the feature). Non-finite inputs are skipped.
    /// </summary>
    public AdaptiveAlert? DetectJump(double x, NormalizationStep inForce, AdaptiveOptions options, long rows)
    {
        if (!double.IsFinite(x) || double.IsPositiveInfinity(options.JumpThreshold))
        {
            return null;
        }

        (double center, _) = CenterAndScale(inForce);
        double unit = Unit(inForce);
        if (!_jump.Add((x - center) / unit, options.JumpShiftStd / 2, options.JumpThreshold, out int direction, out double sum, out long run))
        {
            return null;
        }

        double allowance = options.JumpShiftStd / 2;
        double shift = direction * (allowance + (sum / run));
        string what = IsMinMax ? "midpoint" : "mean";
        string reason = string.Create(CultureInfo.InvariantCulture, $"sudden {(direction > 0 ? "rise" : "fall")}: inputs standardized by the parameters in force ({what} {center:G6}, std unit {unit:G6}) ran {sum:0.##} past an allowance of {allowance:0.###} per row over the last {run} rows (threshold {options.JumpThreshold}); their level is about {center + (shift * unit):G6}, {shift:+0.###;-0.###} std units from the parameters in force");
        return new AdaptiveAlert(Name, reason, BaselineCenter, BaselineScale, Center, Scale, rows) { Kind = AdaptiveAlertKind.Jump };
    }

    /// <summary>
    /// One row's input, weighted α = 1 − λ against the past (λ = 2^(−1/half-life)): West's exponentially weighted mean
    /// and variance; for min-max the extremes relax toward the mean at the same rate and jump to any new extreme.
    /// Missing and non-finite values are skipped: they say nothing about the level.
    /// </summary>
    public void Observe(double x, double alpha)
    {
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
        double shift = Math.Abs(center - BaselineCenter) / BaselineUnit;
        double ratio = scale / BaselineScale;
        string unit = IsMinMax ? string.Create(CultureInfo.InvariantCulture, $"std units (σ₀ = {BaselineUnit:G6})") : "manifest stds";
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
    /// current std units (<see cref="Unit"/>) for the center and a factor 1 + MaxStepStd for the scale; the same instance when nothing moves.
    /// </summary>
    public NormalizationStep Step(NormalizationStep current, double maxStep)
    {
        (double center, double scale) = CenterAndScale(current);
        double targetCenter = Center, targetScale = Scale;
        double unit = Unit(current);
        double move = double.IsFinite(targetCenter) ? Math.Clamp(targetCenter - center, -maxStep * unit, maxStep * unit) : 0;
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

    /// <summary>Every accumulator, for <see cref="AdaptiveState"/>.</summary>
    public AdaptiveState.Tracker Save(NormalizationStep inForce)
    {
        (double first, double second) = inForce switch
        {
            ZScoreStep z => (z.Mean, z.Std),
            MinMaxStep m => (m.Min, m.Max),
            _ => throw new ArgumentException("only z-score and min-max steps adapt", nameof(inForce)),
        };
        return new AdaptiveState.Tracker(Name, Baseline.Op, first, second, IsFrozen, _mean, _variance, _min, _max, _jump.Up, _jump.Down, _jump.UpRun, _jump.DownRun);
    }

    /// <summary>Puts back what <see cref="Save"/> took and returns the step in force it held.</summary>
    public NormalizationStep Restore(AdaptiveState.Tracker saved)
    {
        IsFrozen = saved.Frozen;
        (_mean, _variance, _min, _max) = (saved.Mean, saved.Variance, saved.Min, saved.Max);
        _jump.Restore(saved.CusumUp, saved.CusumDown, saved.RunUp, saved.RunDown);
        return Baseline switch
        {
            ZScoreStep z => z with { Mean = saved.First, Std = saved.Second },
            MinMaxStep m => m with { Min = saved.First, Max = saved.Second },
            _ => Baseline,
        };
    }

    // The pre-steps in float64: statistics need the adapted step's input space, not the profile's last bit.
    public double Transform(double input)
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
