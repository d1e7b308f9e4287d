using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit;

namespace NormGuard.AspNetCore.Tests;

/// <summary>
/// NormGuard.AspNetCore in a real web host on the loopback: the drift endpoint and the health check, registered in two
/// lines (<c>AddDriftMonitor&lt;Diamond&gt;()</c>, <c>AddHealthChecks().AddNormGuardDrift()</c>), fed the Diamonds
/// sample's held-out rows through POST /predict.
/// <para>Expected before running: an empty monitor answers GET /drift with 200 and the report with null PSI, KS and live
/// means (the HTTP 500), byte for byte what <c>JsonSerializer.Serialize(report)</c> writes, and /health says
/// Healthy (no verdict yet: the documented default); every fifth held-out row unchanged (2,158 rows) gives Healthy with
/// the verdict Stable; the same rows with depth moved by half its training std (+0.715) give Degraded, with exactly
/// "depth" drifted in the data and its figures equal to the snapshot's; <c>noVerdictStatus: Degraded</c> makes an empty
/// window Degraded; after <c>Reset</c> GET /drift is 200 with nulls again.</para>
/// </summary>
public sealed class DriftEndpointAndHealthCheckTests
{
    private static readonly Lazy<Diamond[]> Sample = new(() => Diamond.ReadHeldOut().Where((_, i) => i % 5 == 0).ToArray());

    private static void Register(IServiceCollection services)
    {
        services.AddDriftMonitor<Diamond>();
        services.AddHealthChecks().AddNormGuardDrift();
    }

    [Fact]
    public async Task GET_drift_on_an_empty_monitor_returns_200_with_null_figures_and_health_is_Healthy()
    {
        await using DriftService service = await DriftService.StartAsync(Register, app => app.MapNormGuardDrift("/drift"));

        using HttpResponseMessage response = await service.Client.GetAsync("/drift");
        string body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(JsonSerializer.Serialize(service.Services.GetRequiredService<DriftMonitor>().Snapshot()), body);
        JsonElement report = JsonDocument.Parse(body).RootElement;
        Assert.Equal("diamonds", report.GetProperty("FeatureSet").GetString());
        Assert.Equal(0, report.GetProperty("Rows").GetInt64());
        Assert.Equal(9, report.GetProperty("Features").GetArrayLength());
        Assert.All(report.GetProperty("Features").EnumerateArray(), f =>
        {
            Assert.Equal(JsonValueKind.Null, f.GetProperty("Psi").ValueKind);
            Assert.Equal(JsonValueKind.Null, f.GetProperty("Ks").ValueKind);
            Assert.Equal(JsonValueKind.Null, f.GetProperty("LiveMean").ValueKind);
        });

        Assert.Equal("Healthy", await service.Client.GetStringAsync("/health"));
        HealthReportEntry entry = await CheckAsync(service);
        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal("NoVerdict", entry.Data["verdict"]);
        Assert.Contains("not judged yet", entry.Description, StringComparison.Ordinal);
        Assert.Equal(9, ((string[])entry.Data["withoutVerdict"]).Length);
    }

    [Fact]
    public async Task Unchanged_rows_are_Healthy_with_every_feature_judged()
    {
        await using DriftService service = await DriftService.StartAsync(Register, app => app.MapNormGuardDrift("/drift"));
        await service.PredictAsync(Sample.Value);

        Assert.Equal("Healthy", await service.Client.GetStringAsync("/health"));
        HealthReportEntry entry = await CheckAsync(service);
        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal("Stable", entry.Data["verdict"]);
        Assert.Equal((long)Sample.Value.Length, entry.Data["rows"]);
        Assert.Empty((string[])entry.Data["drifted"]);
        Assert.Empty((string[])entry.Data["withoutVerdict"]);

        JsonElement report = JsonDocument.Parse(await service.Client.GetStringAsync("/drift")).RootElement;
        Assert.Equal(Sample.Value.Length, report.GetProperty("Rows").GetInt64());
        Assert.Equal((int)DriftVerdict.Stable, report.GetProperty("Verdict").GetInt32());
    }

    [Fact]
    public async Task Shifted_depth_makes_the_check_Degraded_naming_depth_with_its_figures()
    {
        await using DriftService service = await DriftService.StartAsync(Register, app => app.MapNormGuardDrift("/drift"));
        await service.PredictAsync(Sample.Value.Select(d => d with { Depth = d.Depth + 0.715 }).ToArray());

        Assert.Equal("Degraded", await service.Client.GetStringAsync("/health"));
        HealthReportEntry entry = await CheckAsync(service);
        FeatureDrift depth = service.Services.GetRequiredService<DriftMonitor<Diamond>>().Snapshot()["depth"];
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Equal("Drifted", entry.Data["verdict"]);
        Assert.Equal(["depth"], (string[])entry.Data["drifted"]);
        Assert.Contains("drifted: depth", entry.Description, StringComparison.Ordinal);
        var figures = (IReadOnlyDictionary<string, object?>)entry.Data["depth"];
        Assert.Equal("Drifted", figures["status"]);
        Assert.Equal(depth.Psi, figures["psi"]);
        Assert.Equal(depth.Ks, figures["ks"]);
        Assert.Equal(depth.KsCritical, figures["ksCritical"]);
        Assert.Equal(depth.MeanShift, figures["meanShift"]);
        Assert.Equal(depth.Reasons, (string[])figures["reasons"]!);
        Assert.NotEmpty(depth.Reasons);
        Assert.False(entry.Data.ContainsKey("carat"), "only drifted features are listed by name");

        JsonElement report = JsonDocument.Parse(await service.Client.GetStringAsync("/drift")).RootElement;
        Assert.Equal((int)DriftVerdict.Drifted, report.GetProperty("Verdict").GetInt32());
        Assert.Equal(["depth"], report.GetProperty("Drifted").EnumerateArray().Select(f => f.GetProperty("Name").GetString()));
    }

    [Fact]
    public async Task After_Reset_GET_drift_is_200_with_nulls_again()
    {
        await using DriftService service = await DriftService.StartAsync(Register, app => app.MapNormGuardDrift("/drift"));
        await service.PredictAsync(Sample.Value);
        service.Services.GetRequiredService<DriftMonitor<Diamond>>().Reset();

        using HttpResponseMessage response = await service.Client.GetAsync("/drift");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(0, report.GetProperty("Rows").GetInt64());
        Assert.All(report.GetProperty("Features").EnumerateArray(), f => Assert.Equal(JsonValueKind.Null, f.GetProperty("Psi").ValueKind));
    }

    [Fact]
    public async Task A_service_can_report_a_window_without_verdict_as_Degraded()
    {
        await using DriftService service = await DriftService.StartAsync(
            services =>
            {
                services.AddDriftMonitor<Diamond>();
                services.AddHealthChecks().AddNormGuardDrift(noVerdictStatus: HealthStatus.Degraded);
            },
            _ => { });

        Assert.Equal("Degraded", await service.Client.GetStringAsync("/health"));
    }

    [Fact]
    public async Task A_monitor_registered_by_its_own_type_is_checked_and_served_by_the_generic_overloads()
    {
        // A monitor the service made itself, under its own type only: the non-generic overloads could not find it.
        await using DriftService service = await DriftService.StartAsync(
            services =>
            {
                services.AddSingleton(new DriftMonitor<Diamond>());
                services.AddHealthChecks().AddNormGuardDrift<DriftMonitor<Diamond>>("diamonds-drift");
            },
            app => app.MapNormGuardDrift<DriftMonitor<Diamond>>("/drift/diamonds"));
        await service.PredictAsync(Sample.Value.Select(d => d with { Depth = d.Depth + 0.715 }).ToArray());

        HealthReportEntry entry = (await service.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["diamonds-drift"];
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Equal(["depth"], (string[])entry.Data["drifted"]);
        JsonElement report = JsonDocument.Parse(await service.Client.GetStringAsync("/drift/diamonds")).RootElement;
        Assert.Equal(Sample.Value.Length, report.GetProperty("Rows").GetInt64());
    }

    private static async Task<HealthReportEntry> CheckAsync(DriftService service) =>
        (await service.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["normguard-drift"];
}
