using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NormGuard.AspNetCore;

/// <summary>How <see cref="DriftHealthCheck"/> reports a window that has no full verdict.</summary>
public sealed class DriftHealthCheckOptions
{
    /// <summary>The status while no feature drifted but some have no verdict (<see cref="DriftVerdict.Incomplete"/> or
    /// <see cref="DriftVerdict.NoVerdict"/>: an empty window at start-up or after a reset, fewer than
    /// <see cref="DriftThresholds.MinTestRows"/> values, a feature without a baseline). Healthy by default, so that a
    /// freshly started or reset service is not taken out of rotation for lack of traffic; the description and the data
    /// say which features wait. Set it to <see cref="HealthStatus.Degraded"/> to alert on thin traffic instead.</summary>
    public HealthStatus NoVerdictStatus { get; set; } = HealthStatus.Healthy;
}
