using System.Globalization;

namespace NormGuard;

/// <summary>
/// Raised once when a feature of an <see cref="AdaptiveNormalizer{T}"/> freezes: its decayed statistics left the band
/// around the manifest's parameters that <see cref="AdaptiveOptions"/> allows. Centers and scales are in the space the
/// adapted step sees (after log1p, log or clip pre-steps): mean and std for z-score, midpoint and range for min-max.
/// </summary>
/// <param name="Feature">The manifest feature name.</param>
/// <param name="Reason">Why, in words, with the numbers.</param>
/// <param name="BaselineCenter">The manifest's center.</param>
/// <param name="BaselineScale">The manifest's scale.</param>
/// <param name="ObservedCenter">The decayed center when the threshold was crossed.</param>
/// <param name="ObservedScale">The decayed scale when the threshold was crossed.</param>
/// <param name="Rows">Rows observed when the threshold was crossed.</param>
public sealed record AdaptiveAlert(string Feature, string Reason, double BaselineCenter, double BaselineScale, double ObservedCenter, double ObservedScale, long Rows)
{
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
