using Callout.Domain.Incidents;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;
using ReplicationSetShape = Callout.Protocol.Incidents.Shapes.ReplicationSet;

namespace Callout.Server.Incidents.ReplicationSets;

/// Always ACTIVE, as every region is (docs/spec/incidents.md §2): Callout keeps incident data in
/// its own store, so there is nothing to replicate and nothing to wait for.
sealed class GetReplicationSet(IStore store) : IOperation<GetReplicationSetInput, GetReplicationSetOutput>
{
    /// What AWS reports for a region that uses the AWS-owned key.
    const string DefaultKey = "DefaultKey";

    public async Task<GetReplicationSetOutput> HandleAsync(GetReplicationSetInput request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var (set, arn) = await ReplicationSets.FindAsync(session, context, request.Arn, ct);
        return new() { ReplicationSet = ToShape(set, arn) };
    }

    static ReplicationSetShape ToShape(Domain.Incidents.ReplicationSet set, string arn) => new()
    {
        Arn = arn,
        CreatedBy = set.CreatedBy,
        CreatedTime = set.CreatedAt.ToDateTimeOffset(),
        DeletionProtected = set.DeletionProtected,
        LastModifiedBy = set.LastModifiedBy,
        LastModifiedTime = set.LastModifiedAt.ToDateTimeOffset(),
        RegionMap = set.Regions.ToDictionary(r => r.Name, r => new RegionInfo
        {
            SseKmsKeyId = r.KmsKeyId ?? DefaultKey,
            Status = RegionStatus.Active,
            StatusUpdateDateTime = r.AddedAt.ToDateTimeOffset(),
        }, StringComparer.Ordinal),
        Status = ReplicationSetStatus.Active,
    };
}
