using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Incidents.ReplicationSets;

namespace Callout.Server.Incidents;

/// The SSM Incidents operations Callout serves; the model's others answer 501 NotImplemented.
static class IncidentsRegistry
{
    public static IServiceCollection AddIncidents(this IServiceCollection services)
    {
        services.AddSingleton<IncidentsEndpoint>();

        services.AddSingleton<IOperation<CreateReplicationSetInput, CreateReplicationSetOutput>, CreateReplicationSet>();
        services.AddSingleton<IOperation<GetReplicationSetInput, GetReplicationSetOutput>, GetReplicationSet>();
        services.AddSingleton<IOperation<ListReplicationSetsInput, ListReplicationSetsOutput>, ListReplicationSets>();
        services.AddSingleton<IOperation<UpdateReplicationSetInput, UpdateReplicationSetOutput>, UpdateReplicationSet>();
        services.AddSingleton<IOperation<DeleteReplicationSetInput, DeleteReplicationSetOutput>, DeleteReplicationSet>();
        services.AddSingleton<IOperation<UpdateDeletionProtectionInput, UpdateDeletionProtectionOutput>, UpdateDeletionProtection>();
        return services;
    }
}
