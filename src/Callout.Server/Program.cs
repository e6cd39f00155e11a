using Callout.Domain;
using Callout.Domain.Ports;
using Callout.Engine;
using Callout.Engine.Clock;
using Callout.Protocol.Auth;
using Callout.Server.Admin;
using Callout.Server.Api;
using Callout.Server.Hosting;
using Callout.Server.Inbound;
using Callout.Server.Operations;
using Callout.Server.Listing;
using Callout.Server.Sts;
using Callout.Storage.Postgres;
using Callout.Storage.Sqlite;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Prometheus;

ServerOptions options;
DeliveryConfiguration delivery;
try
{
    options = ServerOptions.Parse(args, Environment.GetEnvironmentVariables());
    delivery = DeliveryConfiguration.Parse(Environment.GetEnvironmentVariables());
}
catch (OptionsException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

// GET /metrics publishes Callout's own meters and the runtime's. prometheus-net listens to every
// meter and to the framework's event sources by default; ASP.NET Core and Kestrel then record
// every request for it (figures /metrics never showed), which cost a GetContact about 15 % of
// its CPU (bench/RESULTS.md).
Metrics.ConfigureMeterAdapter(o => o.InstrumentFilterPredicate = instrument =>
    instrument.Meter.Name is "System.Runtime" || instrument.Meter.Name.StartsWith("Callout.", StringComparison.Ordinal));
Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressEventCounters = true });

var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls(options.Urls);
builder.WebHost.ConfigureKestrel(k =>
{
    // The endpoint enforces its own limit so oversized bodies get an AWS-shaped error.
    k.Limits.MaxRequestBodySize = null;
    k.AddServerHeader = false;
});
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o =>
{
    o.SingleLine = true;
    o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
    o.UseUtcTimestamp = true;
});
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
if (Environment.GetEnvironmentVariable("CALLOUT_LOG_LEVEL") is { } level && Enum.TryParse<LogLevel>(level, true, out var parsed))
{
    builder.Logging.SetMinimumLevel(parsed);
}

IStore store = options.Store is { } postgres
    ? await PostgresStore.OpenAsync(postgres, CancellationToken.None)
    : options.InMemory
        ? SqliteStore.OpenInMemory()
        : SqliteStore.OpenFile(options.DataDirectory);
await store.MigrateAsync(CancellationToken.None);

// --clock virtual starts at the real time (or where a rehearsal left it) and then moves only when
// told to.
var virtualClock = options.VirtualClock
    ? new VirtualClock(await VirtualClockStart.ResumeAsync(store, options, TimeProvider.System.GetUtcNow(), CancellationToken.None))
    : null;
TimeProvider time = virtualClock ?? TimeProvider.System;

builder.Services.AddSingleton(options);
builder.Services.AddSingleton(time);
builder.Services.AddSingleton(store);
builder.Services.AddSingleton<IEngineStore>(store);
builder.Services.AddSingleton(new ServiceLimits());
builder.Services.AddSingleton(new SigV4Authenticator(options.Auth, CredentialLoader.Load(options), time));
// The key sealing page tokens lives in the store, so every node of a cluster honours the tokens of
// the others and a file-backed server's tokens outlive a restart.
builder.Services.AddSingleton(new CursorTokens(await store.GetSecretAsync("page-tokens", CancellationToken.None), time));
builder.Services.AddSingleton<ApiMetrics>();
builder.Services.AddSingleton<ApiEndpoint>();
builder.Services.AddSingleton<StsEndpoint>();
builder.Services.AddOperations();
builder.Services.AddEngine(options, delivery);

var app = builder.Build();
var api = app.Services.GetRequiredService<ApiEndpoint>();
var sts = app.Services.GetRequiredService<StsEndpoint>();
app.UseRouting();
// Callout's own endpoints are GETs and anything under /_callout. Every other request is the API,
// whatever its path (an endpoint URL may carry one); the API answers methods other than POST
// with UnknownOperationException, as AWS does. STS's query protocol (an Action parameter, no
// X-Amz-Target) shares the port, so clients can ask it for their account.
app.Use((context, next) =>
    StsEndpoint.MayClaim(context) ? sts.HandleAsync(context, api.HandleAsync)
    : context.GetEndpoint() is null || (!HttpMethods.IsGet(context.Request.Method) && !context.Request.Path.StartsWithSegments("/_callout"))
        ? api.HandleAsync(context)
        : next(context));
app.MapAdmin();
app.MapInbound();
app.MapClock(virtualClock);
app.MapCalendars();
app.MapMetrics("/metrics");

app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    if (options.PublicUrl is null && addresses.FirstOrDefault() is { } bound)
    {
        // With port 0 only the bound address says where links should point.
        app.Services.GetRequiredService<EngineOptions>().PublicUrl = new Uri(bound.TrimEnd('/') + "/");
    }
    var where = options.Store is not null ? "postgresql" : options.InMemory ? "in memory" : Path.GetFullPath(Path.Combine(options.DataDirectory, "callout.db"));
    foreach (var address in addresses)
    {
        // Tests and scripts read this line to find the port when started with port 0.
        Console.WriteLine($"Callout listening on {address} (store: {where}, auth: {options.Auth.ToString().ToLowerInvariant()}, clock: {(virtualClock is null ? "system" : "virtual")})");
    }
});

await app.RunAsync();
await store.DisposeAsync();
return 0;
