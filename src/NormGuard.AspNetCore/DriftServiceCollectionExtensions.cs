using System;
using Microsoft.Extensions.DependencyInjection;

namespace NormGuard.AspNetCore;

/// <summary>Registers a <see cref="DriftMonitor{T}"/> for the health check and the endpoint to find.</summary>
public static class DriftServiceCollectionExtensions
{
    /// <summary>Registers one <see cref="DriftMonitor{T}"/> for feature record <typeparamref name="T"/> as a singleton,
    /// resolvable as <see cref="DriftMonitor{T}"/> (inject it where rows arrive, and call <c>Add</c>) and as
    /// <see cref="DriftMonitor"/> (what <c>AddNormGuardDrift()</c> and <c>MapNormGuardDrift(pattern)</c> use; with several
    /// monitors, the last registered: name the others with the generic overloads).</summary>
    public static IServiceCollection AddDriftMonitor<T>(this IServiceCollection services)
        where T : INormalizable<T> => services.AddDriftMonitor<T>(new DriftMonitorOptions());

    /// <summary>As <see cref="AddDriftMonitor{T}(IServiceCollection)"/>, judged with <paramref name="thresholds"/>
    /// (<see cref="DriftThresholds.Default"/> when null).</summary>
    public static IServiceCollection AddDriftMonitor<T>(this IServiceCollection services, DriftThresholds? thresholds)
        where T : INormalizable<T> => services.AddDriftMonitor<T>(new DriftMonitorOptions { Thresholds = thresholds });

    /// <summary>As <see cref="AddDriftMonitor{T}(IServiceCollection)"/>, with the monitor's options:
    /// its thresholds and the window its snapshots cover, e.g.
    /// <c>AddDriftMonitor&lt;Diamond&gt;(new DriftMonitorOptions { Window = DriftWindow.Sliding(TimeSpan.FromHours(1), 12) })</c>,
    /// so the health check and the endpoint judge recent traffic without anyone calling <c>Reset()</c>.</summary>
    public static IServiceCollection AddDriftMonitor<T>(this IServiceCollection services, DriftMonitorOptions options)
        where T : INormalizable<T>
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(_ => new DriftMonitor<T>(options));
        services.AddSingleton<DriftMonitor>(provider => provider.GetRequiredService<DriftMonitor<T>>());
        return services;
    }
}
