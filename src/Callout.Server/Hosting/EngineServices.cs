using Callout.Domain.Engagements;
using Callout.Engine;
using Callout.Engine.Acknowledgement;
using Callout.Engine.Delivery;
using Callout.Engine.Processing;
using Callout.Server.Inbound;

namespace Callout.Server.Hosting;

static class EngineServices
{
    /// `delivery` is read from the environment when not given; parsing it beside ServerOptions, inside
    /// Program's OptionsException handler, turns a bad provider setting into exit code 2.
    public static IServiceCollection AddEngine(this IServiceCollection services, ServerOptions options, DeliveryConfiguration? delivery = null)
    {
        delivery ??= DeliveryConfiguration.Parse(Environment.GetEnvironmentVariables());
        var publicUrl = options.PublicUrl ?? DefaultPublicUrl(options.Urls);
        services.AddSingleton(new EngineOptions { PublicUrl = publicUrl });
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
        services.AddSingleton(sp => new DeliveryRouter(
            delivery.Providers(sp.GetRequiredService<CallbackLinks>()),
            sp.GetRequiredService<OutboxSender>()));
        services.AddSingleton<StepProcessor>();
        services.AddSingleton<EngagementEngine>();
        services.AddSingleton<EngagementActions>();
        services.AddHostedService<EngineHost>();
        services.AddInbound();
        return services;
    }

    /// Links in pages point at the first address the server listens on unless --public-url says otherwise.
    static Uri DefaultPublicUrl(string urls)
    {
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries)[0].Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal);
        return new Uri(first.TrimEnd('/') + "/");
    }
}
