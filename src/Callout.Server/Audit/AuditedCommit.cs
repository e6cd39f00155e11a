using Callout.Domain.Arns;
using Callout.Domain.Audit;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;

namespace Callout.Server.Audit;

/// How a state-changing handler commits: its audit record goes into the same transaction, so a
/// change is never kept without its record, nor a record of a change that was rolled back.
static class AuditedCommit
{
    public static Task CommitAuditedAsync(this IStoreSession session, RequestContext context, ResourceArn resource, CancellationToken ct) =>
        session.CommitAuditedAsync(context, resource.ToString(), ct);

    public static async Task CommitAuditedAsync(this IStoreSession session, RequestContext context, string resourceArn, CancellationToken ct)
    {
        await session.AppendAuditAsync(AuditLog.For(context, resourceArn, AuditRecord.Success), ct);
        await session.CommitAsync(ct);
        context.Audit.ResourceArn = resourceArn;
        context.Audit.Written = true;
    }
}
