namespace Callout.Server.Management.AlertSources;

static class AlertSourceOperations
{
    public static IServiceCollection AddAlertSources(this IServiceCollection services)
    {
        services.AddSingleton<IManagementOperation, CreateAlertSource>();
        services.AddSingleton<IManagementOperation, ListAlertSources>();
        services.AddSingleton<IManagementOperation, DeleteAlertSource>();
        return services;
    }
}
