using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NormGuard.AspNetCore;

/// <summary>
/// A health check over a <see cref="DriftMonitor"/>'s current window: <see cref="HealthStatus.Healthy"/> when every
/// feature was judged and none drifted, the registration's failure status (<see cref="HealthStatus.Degraded"/> by
/// default) when a feature drifted, and <see cref="DriftHealthCheckOptions.NoVerdictStatus"/> (Healthy by default)
/// while no feature drifted but some could not be judged yet (an empty window at start-up or after
/// <see cref="DriftMonitor.Reset"/>, too few rows, no baseline). The result's data holds the verdict, the row count,
/// the drifted features with their figures and the features still without a verdict.
/// </summary>
public sealed class DriftHealthCheck : IHealthCheck
{
    private readonly DriftMonitor _monitor;
    private readonly DriftHealthCheckOptions _options;

    public DriftHealthCheck(DriftMonitor monitor, DriftHealthCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        _monitor = monitor;
        _options = options ?? new DriftHealthCheckOptions();
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        DriftReport report = _monitor.Snapshot();
        IReadOnlyDictionary<string, object> data = DriftHealthData.From(report);
        string subject = string.Create(CultureInfo.InvariantCulture, $"{report.FeatureSet} v{report.Version}, {report.Rows:N0} rows");
        HealthCheckResult result = report.Verdict switch
        {
            DriftVerdict.Drifted => new HealthCheckResult(context.Registration.FailureStatus, $"{subject}: drifted: {string.Join(", ", DriftedNames(report))}", data: data),
            DriftVerdict.Stable => HealthCheckResult.Healthy($"{subject}: every feature judged, none drifted", data),
            _ => new HealthCheckResult(_options.NoVerdictStatus, $"{subject}: no drift seen, but not judged yet: {string.Join(", ", WithoutVerdictNames(report))}", data: data),
        };
        return Task.FromResult(result);
    }

    private static IEnumerable<string> DriftedNames(DriftReport report) =>
        report.Drifted.Select(f => f.Name).Concat(report.Embeddings.Where(e => e.Drifted).Select(e => e.Name));

    private static IEnumerable<string> WithoutVerdictNames(DriftReport report) =>
        report.WithoutVerdict.Select(f => f.Name).Concat(report.Embeddings.Where(e => !e.HasVerdict).Select(e => e.Name));
}
