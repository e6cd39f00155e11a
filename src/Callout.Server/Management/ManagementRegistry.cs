namespace Callout.Server.Management;

/// Callout's own operations, each registered once here beside the catalog that finds them.
static class ManagementRegistry
{
    public static IServiceCollection AddManagement(this IServiceCollection services)
    {
        services.AddSingleton<ManagementCatalog>();
        return services;
    }
}
