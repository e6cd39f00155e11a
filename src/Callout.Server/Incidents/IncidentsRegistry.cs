using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Incidents.Findings;
using Callout.Server.Incidents.Records;
using Callout.Server.Incidents.RelatedItems;
using Callout.Server.Incidents.ReplicationSets;
using Callout.Server.Incidents.Timeline;
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

        services.AddSingleton<IIncidentStarter, IncidentStarter>();
        services.AddSingleton<IOperation<StartIncidentInput, StartIncidentOutput>, StartIncident>();
        services.AddSingleton<IOperation<GetIncidentRecordInput, GetIncidentRecordOutput>, GetIncidentRecord>();
        services.AddSingleton<IOperation<ListIncidentRecordsInput, ListIncidentRecordsOutput>, ListIncidentRecords>();
        services.AddSingleton<IOperation<UpdateIncidentRecordInput, UpdateIncidentRecordOutput>, UpdateIncidentRecord>();
        services.AddSingleton<IOperation<DeleteIncidentRecordInput, DeleteIncidentRecordOutput>, DeleteIncidentRecord>();
        services.AddSingleton<IOperation<CreateTimelineEventInput, CreateTimelineEventOutput>, CreateTimelineEvent>();
        services.AddSingleton<IOperation<GetTimelineEventInput, GetTimelineEventOutput>, GetTimelineEvent>();
        services.AddSingleton<IOperation<ListTimelineEventsInput, ListTimelineEventsOutput>, ListTimelineEvents>();
        services.AddSingleton<IOperation<UpdateTimelineEventInput, UpdateTimelineEventOutput>, UpdateTimelineEvent>();
        services.AddSingleton<IOperation<DeleteTimelineEventInput, DeleteTimelineEventOutput>, DeleteTimelineEvent>();
        services.AddSingleton<IOperation<ListRelatedItemsInput, ListRelatedItemsOutput>, ListRelatedItems>();
        services.AddSingleton<IOperation<UpdateRelatedItemsInput, UpdateRelatedItemsOutput>, UpdateRelatedItems>();
        services.AddSingleton<IOperation<ListIncidentFindingsInput, ListIncidentFindingsOutput>, ListIncidentFindings>();
        services.AddSingleton<IOperation<BatchGetIncidentFindingsInput, BatchGetIncidentFindingsOutput>, BatchGetIncidentFindings>();
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
