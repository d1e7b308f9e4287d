using System;
using System.Collections.Generic;

namespace NormGuard;

/// <summary>
/// How an <see cref="AdaptiveNormalizer{T}"/> follows drifting data: how fast it forgets (<see cref="HalfLifeRows"/>),
/// how often and how far its parameters may move (<see cref="StepRows"/>, <see cref="MaxStepStd"/>), and when it stops
/// adapting and alerts instead (<see cref="JumpShiftStd"/> and <see cref="JumpThreshold"/> for a sudden shift,
/// <see cref="FreezeMeanShift"/> and <see cref="FreezeScaleRatio"/> for a drift that went too far). See
/// docs/adaptive-normalization.md for the update rule.
/// </summary>
public sealed record AdaptiveOptions
{
    /// <summary>The defaults: half-life 10,000 rows, a step every 1,000 rows of at most 0.1 std, freeze on a sudden
    /// shift of about 0.5 std or more (CUSUM threshold 50), at a 1-std drift or a 2× spread change, every z-score and
    /// min-max feature adapts.</summary>
    public static AdaptiveOptions Default { get; } = new();

    /// <summary>Rows after which an observation's weight has halved: each row multiplies the weight of the past by
    /// λ = 2^(−1/HalfLifeRows). Default 10,000.</summary>
    public double HalfLifeRows { get; init; } = 10_000;

    /// <summary>The parameters used by <c>Normalize</c> change only every this many observed rows, so that
    /// consecutive predictions share parameters and each parameter set can be snapshotted. Default 1,000.</summary>
    public int StepRows { get; init; } = 1_000;

    /// <summary>The most one step may move a parameter: the center (z-score mean, min-max midpoint) by this many
    /// current std units (the z-score std; for min-max the training std σ₀ scaled with the range, see
    /// docs/adaptive-normalization.md), and the scale (std, range) by a factor within [1/(1 + m), 1 + m].
    /// Default 0.1.</summary>
    public double MaxStepStd { get; init; } = 0.1;

    /// <summary>A feature freezes when its decayed center is this many baseline std units (the manifest's std; for
    /// min-max σ₀) from the manifest's. Default 1.0.</summary>
    public double FreezeMeanShift { get; init; } = 1.0;

    /// <summary>A feature freezes when its decayed scale is more than this factor above or below the manifest's.
    /// Must exceed 1. Default 2.0.</summary>
    public double FreezeScaleRatio { get; init; } = 2.0;

    /// <summary>The smallest sudden level shift, in std units of the parameters in force, that the jump detector is
    /// tuned to catch quickly: a two-sided CUSUM on the inputs standardized by the parameters in force, with an
    /// allowance of half this per row. Default 0.5.</summary>
    public double JumpShiftStd { get; init; } = 0.5;

    /// <summary>The CUSUM sum (in std units) past which a sudden shift freezes the feature, at the row it is crossed.
    /// Higher: fewer false freezes, later detection (a shift of δ std units is caught after about
    /// JumpThreshold / (δ − JumpShiftStd/2) rows). <see cref="double.PositiveInfinity"/> turns the detector off.
    /// Default 50.</summary>
    public double JumpThreshold { get; init; } = 50;

    /// <summary>The manifest feature names that adapt; <c>null</c> (the default) adapts every feature whose steps
    /// hold one z-score or min-max step among parameter-free pre-steps and clips (log1p, log, clip).</summary>
    public IReadOnlyCollection<string>? Features { get; init; }

    /// <summary>The clock stamped on snapshots (<c>fit.fittedAt</c>); default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        Check(HalfLifeRows > 0 && double.IsFinite(HalfLifeRows), nameof(HalfLifeRows), "must be a positive finite number of rows");
        Check(StepRows > 0, nameof(StepRows), "must be positive");
        Check(MaxStepStd > 0 && double.IsFinite(MaxStepStd), nameof(MaxStepStd), "must be positive and finite");
        Check(FreezeMeanShift > 0 && !double.IsNaN(FreezeMeanShift), nameof(FreezeMeanShift), "must be positive");
        Check(FreezeScaleRatio > 1 && !double.IsNaN(FreezeScaleRatio), nameof(FreezeScaleRatio), "must exceed 1");
        Check(JumpShiftStd > 0 && double.IsFinite(JumpShiftStd), nameof(JumpShiftStd), "must be positive and finite");
        Check(JumpThreshold > 0 && !double.IsNaN(JumpThreshold), nameof(JumpThreshold), "must be positive (PositiveInfinity turns the jump detector off)");
        if (TimeProvider is null)
        {
            throw new ArgumentNullException(nameof(TimeProvider));
        }
    }

    private static void Check(bool valid, string name, string rule)
    {
        if (!valid)
        {
            throw new ArgumentOutOfRangeException(name, $"AdaptiveOptions.{name} {rule}.");
        }
    }
}
