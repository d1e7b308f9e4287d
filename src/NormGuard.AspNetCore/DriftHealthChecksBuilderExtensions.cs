using System;
using System.Collections.Generic;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NormGuard.AspNetCore;

/// <summary>Adds <see cref="DriftHealthCheck"/> to the health checks: <c>builder.Services.AddHealthChecks().AddNormGuardDrift()</c>.</summary>
public static class DriftHealthChecksBuilderExtensions
{
    /// <summary>The check's name when none is given.</summary>
    public const string DefaultName = "normguard-drift";

    /// <summary>A drift check over the <see cref="DriftMonitor"/> registered in the services (e.g. by
    /// <see cref="DriftServiceCollectionExtensions.AddDriftMonitor{T}(Microsoft.Extensions.DependencyInjection.IServiceCollection)"/>).</summary>
    /// <param name="builder">The service's health checks.</param>
    /// <param name="name">The check's name in the health report.</param>
    /// <param name="failureStatus">The status when a feature drifted; <see cref="HealthStatus.Degraded"/> when null.</param>
    /// <param name="tags">Tags to filter health endpoints by (e.g. "ready").</param>
    /// <param name="noVerdictStatus">The status while some features have no verdict and none drifted
    /// (<see cref="DriftHealthCheckOptions.NoVerdictStatus"/>, Healthy by default).</param>
    public static IHealthChecksBuilder AddNormGuardDrift(this IHealthChecksBuilder builder, string name = DefaultName, HealthStatus? failureStatus = null, HealthStatus noVerdictStatus = HealthStatus.Healthy, IEnumerable<string>? tags = null) =>
        builder.AddNormGuardDrift<DriftMonitor>(name, failureStatus, noVerdictStatus, tags);

    /// <summary>A drift check over the monitor registered in the services as <typeparamref name="TMonitor"/> (for
    /// instance <c>DriftMonitor&lt;Diamond&gt;</c>, when a service runs several).</summary>
    public static IHealthChecksBuilder AddNormGuardDrift<TMonitor>(this IHealthChecksBuilder builder, string name = DefaultName, HealthStatus? failureStatus = null, HealthStatus noVerdictStatus = HealthStatus.Healthy, IEnumerable<string>? tags = null)
        where TMonitor : DriftMonitor
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var options = new DriftHealthCheckOptions { NoVerdictStatus = noVerdictStatus };
        return builder.Add(new HealthCheckRegistration(
            name,
            provider => new DriftHealthCheck(provider.GetRequiredService<TMonitor>(), options),
            failureStatus ?? HealthStatus.Degraded,
            tags));
    }
}
