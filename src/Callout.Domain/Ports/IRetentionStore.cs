using NodaTime;

namespace Callout.Domain.Ports;

/// What the retention job removes once it is old (docs/operations.md, "Retention"), across all
/// scopes. Each purge call is one short transaction of its own that removes at most `limit` items,
/// oldest first, and returns how many it removed, so a caller purges in small batches until a call
/// returns fewer than `limit`. Nothing still running or open is ever removed.
public interface IRetentionStore
{
    /// Engagements stopped before `before` that have no pending step, each with its pages,
    /// receipts, delivery records, acknowledgements and steps; counts engagements.
    Task<int> PurgeEngagementsAsync(Instant before, int limit, CancellationToken ct);

    /// Incidents resolved before `before`, each with its timeline events and related items;
    /// counts incidents.
    Task<int> PurgeIncidentsAsync(Instant before, int limit, CancellationToken ct);

    /// Local outbox messages stored before `before`.
    Task<int> PurgeOutboxAsync(Instant before, int limit, CancellationToken ct);

    /// Counts of wrong tries at a code whose last try was before `before`.
    Task<int> PurgeWrongTriesAsync(Instant before, int limit, CancellationToken ct);

    /// Idempotency records created before `before`.
    Task<int> PurgeIdempotencyAsync(Instant before, int limit, CancellationToken ct);

    /// The right to purge, held until disposed, so that one node of those sharing a store purges
    /// at a time; null while another holds it. The holder dying gives it up.
    Task<IAsyncDisposable?> TryLeadPurgeAsync(CancellationToken ct);

    /// Gives the space purges freed back to the file system, where the database keeps it
    /// otherwise (SQLite), in steps short enough to run beside the API's writes; returns the
    /// bytes given back.
    Task<long> ReclaimSpaceAsync(CancellationToken ct);
}
