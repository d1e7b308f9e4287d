using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit;

namespace NormGuard.AspNetCore.Tests;

/// <summary>
/// A service chooses its drift window where it registers the monitor, so nobody calls <c>Reset()</c> by hand.
/// <para>Expected before running: with a tumbling window of exactly the sample's row count (2,158), the sample with depth
/// moved by +0.715 fills the first window and makes /health Degraded naming depth; the same count of unchanged rows then
/// fills the second window, so the snapshot covers those rows alone: /health Healthy, verdict Stable, 2,158 rows in
/// GET /drift. The monitor resolved from the services carries the chosen window and thresholds.</para>
/// </summary>
public sealed class DriftWindowRegistrationTests
{
    private static readonly Lazy<Diamond[]> Sample = new(() => Diamond.ReadHeldOut().Where((_, i) => i % 5 == 0).ToArray());

    [Fact]
    public async Task A_tumbling_window_chosen_at_registration_moves_by_itself_behind_the_check_and_the_endpoint()
    {
        Diamond[] rows = Sample.Value;
        var options = new DriftMonitorOptions { Window = DriftWindow.Tumbling(rows.Length), Thresholds = DriftThresholds.Default with { Psi = 0.3 } };
        await using DriftService service = await DriftService.StartAsync(
            services =>
            {
                services.AddDriftMonitor<Diamond>(options);
                services.AddHealthChecks().AddNormGuardDrift();
            },
            app => app.MapNormGuardDrift("/drift"));

        DriftMonitor monitor = service.Services.GetRequiredService<DriftMonitor>();
        Assert.Same(service.Services.GetRequiredService<DriftMonitor<Diamond>>(), monitor);
        Assert.Equal(options.Window, monitor.Window);
        Assert.Equal(0.3, monitor.Snapshot().Thresholds.Psi);

        await service.PredictAsync(rows.Select(d => d with { Depth = d.Depth + 0.715 }).ToArray());
        Assert.Equal("Degraded", await service.Client.GetStringAsync("/health"));
        Assert.Equal(["depth"], (string[])(await CheckAsync(service)).Data["drifted"]);

        await service.PredictAsync(rows);
        Assert.Equal("Healthy", await service.Client.GetStringAsync("/health"));
        HealthReportEntry entry = await CheckAsync(service);
        Assert.Equal("Stable", entry.Data["verdict"]);
        JsonElement report = JsonDocument.Parse(await service.Client.GetStringAsync("/drift")).RootElement;
        Assert.Equal(rows.Length, report.GetProperty("Rows").GetInt64());
        Assert.Equal((int)DriftVerdict.Stable, report.GetProperty("Verdict").GetInt32());
    }

    private static async Task<HealthReportEntry> CheckAsync(DriftService service) =>
        (await service.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["normguard-drift"];
}
