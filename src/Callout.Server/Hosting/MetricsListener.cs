using Callout.Protocol.Auth;
using Callout.Server.Api;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Prometheus;

namespace Callout.Server.Hosting;

/// --metrics-urls: GET /metrics on a listener of its own, so a Prometheus scrapes an address the API
/// does not share (and the API port serves no /metrics). Only /metrics is served there; the
/// collectors are the process-wide ones the API port would have shown. --metrics-auth applies here
/// as on the API port.
sealed class MetricsListener(WebApplication app, ServerOptions options) : IAsyncDisposable
{
    public static MetricsListener? Create(ServerOptions options, SigV4Authenticator authenticator, BodyBudget budget)
    {
        if (options.MetricsUrls is null)
        {
            return null;
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.MetricsUrls);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(authenticator);
        builder.Services.AddSingleton(budget);
        builder.Services.AddSingleton<SignedAdminRequests>();
        var app = builder.Build();
        app.UseRouting();
        app.UseMiddleware<SignedAdminRequests>();
        app.MapMetrics("/metrics");
        return new MetricsListener(app, options);
    }

    /// Starts listening and prints one line per address, e.g. `Callout metrics on
    /// http://127.0.0.1:9464/metrics (auth: open)`.
    public async Task StartAsync()
    {
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            Console.WriteLine($"Callout metrics on {address.TrimEnd('/')}/metrics (auth: {options.EffectiveMetricsAuth().ToString().ToLowerInvariant()})");
        }
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
