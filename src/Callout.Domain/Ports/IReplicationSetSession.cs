using Callout.Domain.Incidents;

namespace Callout.Domain.Ports;

/// The account's replication set. It belongs to the account, not to the session's region: every
/// region of the account reads and writes the same one (docs/spec/incidents.md §1).
public interface IReplicationSetSession
{
    Task<ReplicationSet?> FindReplicationSetAsync(CancellationToken ct);

    /// False, and nothing written, when the account already has a replication set.
    Task<bool> InsertReplicationSetAsync(ReplicationSet set, CancellationToken ct);

    /// Replaces the stored set with the same id (its regions included).
    Task UpdateReplicationSetAsync(ReplicationSet set, CancellationToken ct);

    Task DeleteReplicationSetAsync(string id, CancellationToken ct);
}
