using Callout.Domain.Errors;
using Callout.Domain.Incidents;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Server.Api;
using Callout.Server.Sts;

namespace Callout.Server.Incidents.ReplicationSets;

/// What the replication set operations share: finding the account's set by the ARN a caller gave,
/// and who the caller is.
static class ReplicationSets
{
    /// The account's set when `arn` names it; otherwise ResourceNotFound, as for any unknown ARN.
    public static async Task<(ReplicationSet Set, string Arn)> FindAsync(IStoreSession session, RequestContext context, string arn, CancellationToken ct)
    {
        var set = await session.FindReplicationSetAsync(ct);
        if (set is null || IncidentArns.ReplicationSet(context.Scope(), set.Id) != arn)
        {
            throw new ResourceNotFound(arn, ResourceTypes.ReplicationSet, $"Replication set {arn} not found.");
        }
        return (set, arn);
    }

    /// createdBy and lastModifiedBy: the caller as STS GetCallerIdentity reports it.
    public static string Caller(RequestContext context) => CallerIdentity.RootOf(context.AccountId, context.Region).Arn;
}
