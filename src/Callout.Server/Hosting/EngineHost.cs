using Callout.Engine.Processing;

namespace Callout.Server.Hosting;

/// Runs the engagement engine for the life of the server.
sealed class EngineHost(EngagementEngine engine) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => engine.RunAsync(stoppingToken);
}
