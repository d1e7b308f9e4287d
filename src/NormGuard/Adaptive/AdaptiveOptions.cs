using System;
using System.Collections.Generic;

namespace NormGuard;

/// <summary>
/// How an <see cref="AdaptiveNormalizer{T}"/> follows drifting data: how fast it forgets (<see cref="HalfLifeRows"/>),
/// how often and how far its parameters may move (<see cref="StepRows"/>, <see cref="MaxStepStd"/>), and when it stops
/// adapting and alerts instead (<see cref="FreezeMeanShift"/>, <see cref="FreezeScaleRatio"/>). See
/// docs/adaptive-normalization.md for the update rule.
/// </summary>
public sealed record AdaptiveOptions
{
    /// <summary>The defaults: half-life 10,000 rows, a step every 1,000 rows of at most 0.1 std, freeze at a 1-std
    /// shift or a 2× spread change, every z-score and min-max feature adapts.</summary>
    public static AdaptiveOptions Default { get; } = new();

    /// <summary>Rows after which an observation's weight has halved: each row multiplies the weight of the past by
    /// λ = 2^(−1/HalfLifeRows). Default 10,000.</summary>
    public double HalfLifeRows { get; init; } = 10_000;

    /// <summary>The parameters used by <c>Normalize</c> change only every this many observed rows, so that
    /// consecutive predictions share parameters and each parameter set can be snapshotted. Default 1,000.</summary>
    public int StepRows { get; init; } = 1_000;

    /// <summary>The most one step may move a parameter: the center (z-score mean, min-max midpoint) by this many
    /// current scales (z-score std, min-max range), and the scale by a factor within [1/(1 + m), 1 + m].
    /// Default 0.1.</summary>
    public double MaxStepStd { get; init; } = 0.1;

    /// <summary>A feature freezes when its decayed center is this many baseline scales (std, or range for min-max)
    /// from the manifest's. Default 1.0.</summary>
    public double FreezeMeanShift { get; init; } = 1.0;

    /// <summary>A feature freezes when its decayed scale is more than this factor above or below the manifest's.
    /// Must exceed 1. Default 2.0.</summary>
    public double FreezeScaleRatio { get; init; } = 2.0;

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
