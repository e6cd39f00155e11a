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
        services.AddSingleton<AuditPurge>();
        services.AddSingleton<IManagementOperation, ListAuditEvents>();
        services.AddHostedService(s => s.GetRequiredService<AuditPurge>());
        return services;
    }
}
