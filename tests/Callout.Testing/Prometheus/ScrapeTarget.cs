using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Callout.Testing.Prometheus;

/// A loopback HTTP server exposing one gauge in the Prometheus text format, set by the test: the
/// monitored system whose state an alerting rule watches.
public sealed class ScrapeTarget : IAsyncDisposable
{
    readonly WebApplication _app;
    long _value;

    ScrapeTarget(WebApplication app, string gauge)
    {
        _app = app;
        Gauge = gauge;
    }

    public string Gauge { get; }

    public Uri MetricsUrl { get; private set; } = null!;

    public long Value
    {
        get => Interlocked.Read(ref _value);
        set => Interlocked.Exchange(ref _value, value);
    }

    public static async Task<ScrapeTarget> StartAsync(string gauge, long value)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var target = new ScrapeTarget(app, gauge) { Value = value };
        app.MapGet("/metrics", (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4";
            return context.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"# TYPE {gauge} gauge\n{gauge} {target.Value}\n"));
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        target.MetricsUrl = new Uri(address.TrimEnd('/') + "/metrics");
        return target;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
