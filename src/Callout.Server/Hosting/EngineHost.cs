using Callout.Engine.Processing;

namespace Callout.Server.Hosting;

/// Runs the engagement engine for the life of the server, from the moment the server listens: the
/// engine's links need the public URL, which with port 0 only the bound address gives
/// (PublicAddress). Hosted services otherwise start before the server binds.
sealed class EngineHost(IServiceProvider services, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }
        await services.GetRequiredService<EngagementEngine>().RunAsync(stoppingToken);
    }
}
