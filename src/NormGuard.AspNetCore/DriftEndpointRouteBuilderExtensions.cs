using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace NormGuard.AspNetCore;

/// <summary>Serves a monitor's <see cref="DriftReport"/> as JSON: <c>app.MapNormGuardDrift("/drift")</c>.</summary>
public static class DriftEndpointRouteBuilderExtensions
{
    /// <summary>GET <paramref name="pattern"/> answers 200 with a fresh snapshot of the <see cref="DriftMonitor"/>
    /// registered in the services, written through <see cref="NormGuardJsonContext"/> (no reflection; the same JSON as
    /// <c>JsonSerializer.Serialize(report)</c>, undefined figures as <c>null</c>), in every state of the window.</summary>
    public static IEndpointConventionBuilder MapNormGuardDrift(this IEndpointRouteBuilder endpoints, string pattern = "/drift") =>
        endpoints.MapNormGuardDrift<DriftMonitor>(pattern);

    /// <summary>As <see cref="MapNormGuardDrift(IEndpointRouteBuilder, string)"/>, for the monitor registered as
    /// <typeparamref name="TMonitor"/>.</summary>
    public static IEndpointConventionBuilder MapNormGuardDrift<TMonitor>(this IEndpointRouteBuilder endpoints, string pattern = "/drift")
        where TMonitor : DriftMonitor
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        return endpoints.MapGet(pattern, context =>
        {
            DriftReport report = context.RequestServices.GetRequiredService<TMonitor>().Snapshot();
            return context.Response.WriteAsJsonAsync(report, NormGuardJsonContext.Default.DriftReport, contentType: null, context.RequestAborted);
        });
    }
}
