using System;

namespace NormGuard;

/// <summary>How a <see cref="DriftMonitor"/> judges and which rows its snapshots cover.</summary>
/// <example>
/// <code>
/// using var monitor = new DriftMonitor&lt;Diamond&gt;(new DriftMonitorOptions { Window = DriftWindow.Sliding(TimeSpan.FromHours(1), 12) });
/// </code>
/// </example>
public sealed record DriftMonitorOptions
{
    /// <summary>The thresholds, <see cref="DriftThresholds.Default"/> when null.</summary>
    public DriftThresholds? Thresholds { get; init; }

    /// <summary>Which rows snapshots cover; <see cref="DriftWindow.Unbounded"/> (until <see cref="DriftMonitor.Reset"/>)
    /// by default.</summary>
    public DriftWindow Window { get; init; } = DriftWindow.Unbounded;

    /// <summary>The clock that times a time window's buckets; <see cref="TimeProvider.System"/> by default (tests pass a
    /// fake one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
