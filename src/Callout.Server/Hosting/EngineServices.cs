using Callout.Domain.Engagements;
using Callout.Engine;
using Callout.Engine.Acknowledgement;
using Callout.Engine.Delivery;
using Callout.Engine.Processing;
using Callout.Server.Inbound;

namespace Callout.Server.Hosting;

static class EngineServices
{
    /// `delivery` is bound and checked beside ServerOptions, so a bad provider setting stops the
    /// server before anything starts.
    public static IServiceCollection AddEngine(this IServiceCollection services, DeliveryConfiguration delivery)
    {
        services.AddSingleton<PublicAddress>();
        services.AddSingleton(sp =>
        {
            var server = sp.GetRequiredService<ServerOptions>();
            return new EngineOptions
            {
                PublicUrl = sp.GetRequiredService<PublicAddress>().Url,
                NodeName = server.EffectiveNodeName,
                // A SQLite store has one server (DataDirectoryLock); PostgreSQL may have several.
                SingleNode = server.Store is null,
                Drain = server.ShutdownTimeout,
            };
        });
        services.AddGracefulShutdown();
        services.AddSingleton(new EngineSettings());
        services.AddSingleton(sp =>
        {
            EngineMetrics.CountRunningAtScrape(sp.GetRequiredService<Domain.Ports.IEngineStore>());
            return new EngineMetrics();
        });
        services.AddSingleton<StagesWithoutAnyone>();
        services.AddSingleton<EngineSecrets>();
        services.AddSingleton<IOnCallResolver, RotationOnCallResolver>();
        services.AddSingleton<OutboxSender>();
        services.AddSingleton(delivery);
        services.AddSingleton<CallbackLinks>();
        services.AddSingleton<DeliveryHealth>();
        // Every provider is watched, so the console shows each one's latest outcome (DeliveryHealth).
        services.AddSingleton(sp =>
        {
            var health = sp.GetRequiredService<DeliveryHealth>();
            return new DeliveryRouter(
                delivery.Providers(sp.GetRequiredService<CallbackLinks>()).ToDictionary(p => p.Key, p => health.Watch(p.Value)),
                health.Watch(sp.GetRequiredService<OutboxSender>()));
        });
        services.AddSingleton<StepProcessor>();
        services.AddSingleton<EngagementEngine>();
        services.AddSingleton<EngagementActions>();
        services.AddHostedService<EngineHost>();
        services.AddInbound();
        return services;
    }
}
