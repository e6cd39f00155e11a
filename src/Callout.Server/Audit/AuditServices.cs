using Callout.Server.Management;

namespace Callout.Server.Audit;

/// The audit log's parts (docs/security.md, "Audit log").
static class AuditServices
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddSingleton<AuditLog>();
        services.AddSingleton<ApiAudit>();
        services.AddSingleton<ClockAudit>();
        services.AddSingleton<IManagementOperation, ListAuditEvents>();
        return services;
    }
}
