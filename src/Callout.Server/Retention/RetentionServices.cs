namespace Callout.Server.Retention;

/// The retention purge (docs/operations.md, "Retention").
static class RetentionServices
{
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddSingleton<RetentionMetrics>();
        services.AddSingleton<RetentionPurge>();
        services.AddHostedService(s => s.GetRequiredService<RetentionPurge>());
        return services;
    }
}
