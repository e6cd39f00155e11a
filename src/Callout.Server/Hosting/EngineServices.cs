using Callout.Domain.Engagements;
using Callout.Engine;
using Callout.Engine.Acknowledgement;
using Callout.Engine.Delivery;
using Callout.Engine.Processing;

namespace Callout.Server.Hosting;

static class EngineServices
{
    public static IServiceCollection AddEngine(this IServiceCollection services, ServerOptions options)
    {
        var publicUrl = options.PublicUrl ?? DefaultPublicUrl(options.Urls);
        services.AddSingleton(new EngineOptions { PublicUrl = publicUrl });
        services.AddSingleton(new EngineSettings());
        services.AddSingleton<EngineMetrics>();
        services.AddSingleton<EngineSecrets>();
        services.AddSingleton<IOnCallResolver, NobodyOnCall>();
        services.AddSingleton<OutboxSender>();
        // TODO(issue 4): SMTP, Twilio and webhook providers chosen by configuration.
        services.AddSingleton(sp => new DeliveryRouter(new Dictionary<Domain.Channels.ChannelKind, IMessageSender>(), sp.GetRequiredService<OutboxSender>()));
        services.AddSingleton<StepProcessor>();
        services.AddSingleton<EngagementEngine>();
        services.AddSingleton<EngagementActions>();
        services.AddHostedService<EngineHost>();
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
