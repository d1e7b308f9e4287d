using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NormGuard.AspNetCore.Tests;

/// <summary>A real web service on a loopback port (Kestrel), set up the way the service was: POST /predict feeds
/// the monitor, GET /health and GET /drift read it. <paramref name="register"/> registers the monitor and the check (the
/// two lines a service needs), <paramref name="map"/> maps the drift endpoint.</summary>
internal sealed class DriftService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DriftService(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<DriftService> StartAsync(Action<IServiceCollection> register, Action<WebApplication> map)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        register(builder.Services);

        WebApplication app = builder.Build();
        app.MapPost("/predict", (Diamond[] rows, DriftMonitor<Diamond> monitor) =>
        {
            monitor.Add(rows);
            return Results.Ok(rows.Length);
        });
        app.MapHealthChecks("/health");
        map(app);
        await app.StartAsync();

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new DriftService(app, new HttpClient { BaseAddress = new Uri(address) });
    }

    /// <summary>Sends rows to /predict in batches of 500, as clients would.</summary>
    public async Task PredictAsync(Diamond[] rows)
    {
        foreach (Diamond[] batch in rows.Chunk(500))
        {
            using HttpResponseMessage response = await Client.PostAsJsonAsync("/predict", batch);
            response.EnsureSuccessStatusCode();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
