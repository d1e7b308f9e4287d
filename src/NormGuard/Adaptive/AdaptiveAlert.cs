using System.Globalization;

namespace NormGuard;

/// <summary>
/// Raised once when a feature of an <see cref="AdaptiveNormalizer{T}"/> freezes: a sudden shift against the parameters
/// in force (<see cref="AdaptiveAlertKind.Jump"/>), or decayed statistics that left the band around the manifest's
/// parameters that <see cref="AdaptiveOptions"/> allows (<see cref="AdaptiveAlertKind.Threshold"/>). Centers and scales are in the space the
/// adapted step sees (after log1p, log or clip pre-steps): mean and std for z-score, midpoint and range for min-max.
/// </summary>
/// <param name="Feature">The manifest feature name.</param>
/// <param name="Reason">Why, in words, with the numbers.</param>
/// <param name="BaselineCenter">The manifest's center.</param>
/// <param name="BaselineScale">The manifest's scale.</param>
/// <param name="ObservedCenter">The decayed center when the threshold was crossed.</param>
/// <param name="ObservedScale">The decayed scale when the threshold was crossed.</param>
/// <param name="Rows">Rows observed when the threshold was crossed (a jump: counting the row that crossed it).</param>
public sealed record AdaptiveAlert(string Feature, string Reason, double BaselineCenter, double BaselineScale, double ObservedCenter, double ObservedScale, long Rows)
{
    /// <summary>What froze the feature.</summary>
    public AdaptiveAlertKind Kind { get; init; }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Feature}: {Reason} (after {Rows} rows)");
}

/// <summary>One adapted feature's state (see <see cref="AdaptiveNormalizer{T}.Features"/>).</summary>
/// <param name="Feature">The manifest feature name.</param>
/// <param name="Op">The adapted step: <c>zscore</c> or <c>minmax</c>.</param>
/// <param name="IsFrozen">Adaptation stopped after an <see cref="AdaptiveAlert"/>; the parameters stay where they were.</param>
/// <param name="Step">The step <c>Normalize</c> currently applies.</param>
/// <param name="DecayedCenter">The exponentially decayed center the parameters move toward.</param>
/// <param name="DecayedScale">The exponentially decayed scale the parameters move toward.</param>
public sealed record AdaptiveFeatureState(string Feature, string Op, bool IsFrozen, NormalizationStep Step, double DecayedCenter, double DecayedScale);

/// <summary>What froze an adapted feature (<see cref="AdaptiveAlert.Kind"/>).</summary>
public enum AdaptiveAlertKind
{
    /// <summary>The decayed center or scale crossed <see cref="AdaptiveOptions.FreezeMeanShift"/> or
    /// <see cref="AdaptiveOptions.FreezeScaleRatio"/> around the manifest's parameters (checked at each step).</summary>
    Threshold,

    /// <summary>The jump detector (<see cref="AdaptiveOptions.JumpThreshold"/>) saw a sudden shift against the
    /// parameters in force; the feature froze at that row, before the next step could follow the shift.</summary>
    Jump,
}
