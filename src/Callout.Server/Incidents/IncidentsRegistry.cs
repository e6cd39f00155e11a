using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Incidents.ReplicationSets;
using Callout.Server.Incidents.ResourcePolicies;
using Callout.Server.Incidents.ResponsePlans;
using Callout.Server.Incidents.Tags;

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
        services.AddSingleton<IOperation<CreateResponsePlanInput, CreateResponsePlanOutput>, CreateResponsePlan>();
        services.AddSingleton<IOperation<GetResponsePlanInput, GetResponsePlanOutput>, GetResponsePlan>();
        services.AddSingleton<IOperation<ListResponsePlansInput, ListResponsePlansOutput>, ListResponsePlans>();
        services.AddSingleton<IOperation<UpdateResponsePlanInput, UpdateResponsePlanOutput>, UpdateResponsePlan>();
        services.AddSingleton<IOperation<DeleteResponsePlanInput, DeleteResponsePlanOutput>, DeleteResponsePlan>();
        services.AddSingleton<IOperation<PutResourcePolicyInput, PutResourcePolicyOutput>, PutResourcePolicy>();
        services.AddSingleton<IOperation<GetResourcePoliciesInput, GetResourcePoliciesOutput>, GetResourcePolicies>();
        services.AddSingleton<IOperation<DeleteResourcePolicyInput, DeleteResourcePolicyOutput>, DeleteResourcePolicy>();
        services.AddSingleton<IOperation<TagResourceRequest, TagResourceResponse>, Tags.TagResource>();
        services.AddSingleton<IOperation<UntagResourceRequest, UntagResourceResponse>, Tags.UntagResource>();
        services.AddSingleton<IOperation<ListTagsForResourceRequest, ListTagsForResourceResponse>, Tags.ListTagsForResource>();
        return services;
    }
}
