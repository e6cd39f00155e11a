using Callout.Domain.Audit;

namespace Callout.Domain.Ports;

/// The audit log of one account and region. A record appended in a writing session is committed
/// or rolled back with the change it describes (IStore.PurgeAuditAsync removes old ones).
public interface IAuditSession
{
    Task AppendAuditAsync(AuditRecord record, CancellationToken ct);

    /// Newest first, each with its sequence number (the paging key: larger is newer).
    Task<IReadOnlyList<(long Sequence, AuditRecord Record)>> ListAuditAsync(AuditQuery query, CancellationToken ct);
}
