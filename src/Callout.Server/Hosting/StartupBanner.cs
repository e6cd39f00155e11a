using Callout.Server.Hosting.Configuration;
using Callout.Server.Hosting.Tracing;

namespace Callout.Server.Hosting;

/// The line printed for each address once the server listens. Tests and scripts read the address
/// after "Callout listening on " to find the port when started with port 0, so that prefix stays.
static class StartupBanner
{
    public static string Line(string address, ServerOptions options, DeliveryConfiguration delivery, Uri publicUrl, string? configFile, TraceExport? traces) =>
        $"Callout listening on {address} (version: {BuildVersion.Current}, store: {Store(options)}, auth: {options.Auth.ToString().ToLowerInvariant()}, "
        + $"clock: {(options.VirtualClock ? "virtual" : "system")}, public url: {publicUrl}, {delivery.Describe()}, traces: {TraceExport.Describe(traces)}"
        + (configFile is null ? "" : $", config: {configFile}") + ")";

    public static string Store(ServerOptions options) =>
        options.Store is not null ? "postgresql" : options.InMemory ? "in memory" : "sqlite " + StoreStart.DatabaseFile(options);
}
