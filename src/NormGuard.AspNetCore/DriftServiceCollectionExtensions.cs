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
    public static IServiceCollection AddDriftMonitor<T>(this IServiceCollection services, DriftThresholds? thresholds = null)
        where T : INormalizable<T>
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(_ => new DriftMonitor<T>(thresholds));
        services.AddSingleton<DriftMonitor>(provider => provider.GetRequiredService<DriftMonitor<T>>());
        return services;
    }
}
