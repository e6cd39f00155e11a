using Callout.Domain;
using Callout.Domain.Ports;
using Callout.Engine;
using Callout.Engine.Clock;
using Callout.Protocol.Auth;
using Callout.Server.Admin;
using Callout.Server.Alerts;
using Callout.Server.Alerts.PagerDuty;
using Callout.Server.Alerts.Sns;
using Callout.Server.Api;
using Callout.Server.Audit;
using Callout.Server.WebConsole;
using Callout.Server.Hosting;
using Callout.Server.Hosting.Configuration;
using Callout.Server.Hosting.Logging;
using Callout.Server.Hosting.Tracing;
using Callout.Server.Inbound;
using Callout.Server.Incidents;
using Callout.Server.Operations;
using Callout.Server.Listing;
using Callout.Server.Management;
using Callout.Server.Management.AlertSources;
using Callout.Server.Management.CalendarFeeds;
using Callout.Server.Retention;
using Callout.Server.Sts;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Prometheus;

// `callout [serve|check-config|migrate|backup|restore] [options]`: serve, the default, runs below;
// the other verbs run in Hosting/Verbs.cs and exit.
var invocation = Verbs.Split(args);
if (invocation.Verb != Verb.Serve)
{
    return await Verbs.RunAsync(invocation);
}

// Flags, CALLOUT_* variables and callout.json, bound and checked before anything starts: a bad
// setting is one line on stderr and exit code 2 (Hosting/Configuration/Settings.cs lists them).
ServerOptions options;
DeliveryConfiguration delivery;
SnsTrust snsTrust;
IReadOnlyCollection<Credential> credentials;
string? configFile;
TraceExport? traces;
try
{
    var command = CommandLine.Parse(invocation.Arguments);
    if (command.Help)
    {
        Console.Out.Write(HelpText.Render());
        return 0;
    }
    if (command.Version)
    {
        Console.WriteLine(BuildVersion.Line);
        return 0;
    }
    (options, delivery, snsTrust, credentials, configFile) = LoadedSettings.Load(command);
    // OpenTelemetry's own OTEL_* variables, not Callout settings: off unless an endpoint is set.
    traces = TraceExport.FromEnvironment(Environment.GetEnvironmentVariable);
}
catch (OptionsException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

// GET /metrics publishes Callout's own collectors (created at start-up, so they count from there)
// and the runtime's meter. prometheus-net listens to every meter and to the framework's event
// sources by default; ASP.NET Core and Kestrel then record every request for it (figures /metrics
// never showed), which cost a GetContact about 15 % of its CPU (bench/RESULTS.md).
Metrics.ConfigureMeterAdapter(o => o.InstrumentFilterPredicate = instrument => instrument.Meter.Name is "System.Runtime");
Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressEventCounters = true });

var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls(options.Urls);
builder.WebHost.ConfigureKestrel(k =>
{
    // The endpoint enforces its own limit so oversized bodies get an AWS-shaped error.
    k.Limits.MaxRequestBodySize = null;
    // Kestrel's slow-client limits (MinRequestBodyDataRate, RequestHeadersTimeout) stay at their
    // defaults; this caps how many connections can be held open at all (docs/security.md).
    k.Limits.MaxConcurrentConnections = options.MaxConnections > 0 ? options.MaxConnections : null;
    k.AddServerHeader = false;
});
LogOutput.Configure(builder.Logging, options.LogFormat);
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Logging.SetMinimumLevel(options.LogLevel);
// The audit log's JSON lines are kept when --log-level drops the per-request lines (Warning,
// Error); only None silences them (docs/security.md).
builder.Logging.AddFilter(AuditLog.Category, options.LogLevel == LogLevel.None ? LogLevel.None : LogLevel.Information);
// A port already in use is reported below as one line; while starting, the host would log it again
// with its stack trace.
var starting = true;
builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", level => level >= options.LogLevel && (!starting || level < LogLevel.Error));

IStore store;
IReadOnlyList<DataDirectoryModes.Tightened> tightened;
// One server per data directory (DataDirectoryLock), held until the process ends.
DataDirectoryLock? dataDirectoryLock = null;
try
{
    if (options.Store is null && !options.InMemory)
    {
        dataDirectoryLock = DataDirectoryLock.Take(options.DataDirectory);
    }
    (store, tightened) = await StoreStart.OpenAsync(options, CancellationToken.None);
}
catch (StartupException e)
{
    Console.Error.WriteLine(e.Message);
    return e.ExitCode;
}

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
builder.Services.AddSingleton<StoreHealth>();
builder.Services.AddSingleton(new ServiceLimits());
// A signature's 15-minute window is about the request's real age: checked against the virtual
// clock, a rehearsal that moved time forward would lock every signed client out.
builder.Services.AddSingleton(new SigV4Authenticator(options.Auth, credentials, TimeProvider.System, options.Regions));
builder.Services.AddSingleton(new RequestThrottle(options.ThrottleRate, options.ThrottleBurst));
builder.Services.AddSingleton(new BodyBudget(options.MaxBufferedBytes));
builder.Services.AddSingleton<RequestGate>();
// The key sealing page tokens lives in the store, so every node of a cluster honours the tokens of
// the others and a file-backed server's tokens outlive a restart.
builder.Services.AddSingleton(new CursorTokens(await store.GetSecretAsync("page-tokens", CancellationToken.None), time));
builder.Services.AddSingleton<ApiMetrics>();
builder.Services.AddSingleton<ApiEndpoint>();
builder.Services.AddSingleton<StsEndpoint>();
builder.Services.AddSingleton<SignedAdminRequests>();
builder.Services.AddOperations();
builder.Services.AddIncidents();
builder.Services.AddManagement();
builder.Services.AddCalendarFeeds();
builder.Services.AddAlertSources();
builder.Services.AddAlerts();
builder.Services.AddAudit();
builder.Services.AddRetention();
builder.Services.AddSnsAlerts(snsTrust);
builder.Services.AddEngine(delivery);
builder.Services.AddConsole(options.Oidc);
traces?.AddTo(builder.Services, options.EffectiveNodeName);

var app = builder.Build();
DataDirectoryModes.Warn(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DataDirectoryModes).FullName!), tightened);
var api = app.Services.GetRequiredService<ApiEndpoint>();
var sts = app.Services.GetRequiredService<StsEndpoint>();
var incidents = app.Services.GetRequiredService<IncidentsEndpoint>();
app.UseRouting();
// Callout's own endpoints are GETs and anything under /_callout. Every other request is the API,
// whatever its path (an endpoint URL may carry one); the API answers methods other than POST
// with UnknownOperationException, as AWS does. STS's query protocol (an Action parameter, no
// X-Amz-Target) shares the port, so clients can ask it for their account. PagerDuty's Events API
// keeps its own path (POST /v2/enqueue, no X-Amz-Target), so its senders change only the host.
// SSM Incidents (rest-json) claims only the methods and paths its model names, and never a
// request with X-Amz-Target. The web console's forms post under /console, form-encoded like STS's
// calls but never with X-Amz-Target, and go to the console first.
app.Use((context, next) =>
    ConsoleRoutes.Claims(context) ? next(context)
    : IncidentsEndpoint.Claim(context) is { } incident ? incidents.HandleAsync(context, incident)
    : StsEndpoint.MayClaim(context) ? sts.HandleAsync(context, api.HandleAsync)
    : context.GetEndpoint() is null || (!HttpMethods.IsGet(context.Request.Method) && !context.Request.Path.StartsWithSegments("/_callout")
        && !PagerDutyEndpoint.Claims(context))
        ? api.HandleAsync(context)
        : next(context));
// Under --auth strict Callout's own endpoints need a signed request too, unless they carry a proof
// of their own (Admin/Surfaces.cs; docs/security.md, "Surfaces").
app.UseMiddleware<SignedAdminRequests>();
app.UseConsole();
Surfaces.LogAtStart(app, options, options.Auth != AuthMode.Off);
RemoteAccess.WarnAtStart(app, options);
app.MapAdmin();
app.MapInbound();
app.MapAlerts();
app.MapSnsAlerts();
app.MapClock(virtualClock);
app.MapCalendars();
app.MapConsole();
// --metrics-urls moves /metrics to a listener of its own.
await using var metricsListener = MetricsListener.Create(options, app.Services.GetRequiredService<SigV4Authenticator>(), app.Services.GetRequiredService<BodyBudget>());
if (metricsListener is null)
{
    app.MapMetrics("/metrics");
}

app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    var publicUrl = app.Services.GetRequiredService<PublicAddress>().Url;
    foreach (var address in addresses)
    {
        Console.WriteLine(LogOutput.Line(StartupBanner.Line(address, options, delivery, publicUrl, configFile, traces), typeof(StartupBanner).FullName!, options.LogFormat));
    }
});

try
{
    await app.StartAsync();
    if (metricsListener is not null)
    {
        await metricsListener.StartAsync();
    }
}
catch (IOException e)
{
    // Kestrel's "Failed to bind to address ...: address already in use."
    Console.Error.WriteLine(e.Message.ReplaceLineEndings(" "));
    return 1;
}
catch (System.Net.Sockets.SocketException e)
{
    // An address this machine does not have.
    Console.Error.WriteLine($"Failed to bind to {options.Urls}: {e.Message}");
    return 1;
}
finally
{
    starting = false;
}
await app.WaitForShutdownAsync();
await app.DisposeAsync();
await store.DisposeAsync();
dataDirectoryLock?.Dispose();
return 0;
