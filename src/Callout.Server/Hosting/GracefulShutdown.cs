namespace Callout.Server.Hosting;

/// SIGTERM and Ctrl-C stop every hosted part at once rather than one after another: Kestrel stops
/// accepting connections and finishes the requests it has while the engine, just as soon, stops
/// claiming and lets its sends in flight finish (EngagementEngine.StopAsync). The host's own
/// timeout, past which it stops waiting for them, is the drain bound with room to hand the leases
/// back after it (docs/operations.md, Shutdown).
static class GracefulShutdown
{
    static readonly TimeSpan AfterDrain = TimeSpan.FromSeconds(10);

    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services)
    {
        services.AddOptions<HostOptions>().Configure<ServerOptions>((host, server) =>
        {
            host.ServicesStopConcurrently = true;
            host.ShutdownTimeout = server.ShutdownTimeout + AfterDrain;
        });
        return services;
    }
}
