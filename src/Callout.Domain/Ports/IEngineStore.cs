using Callout.Domain.Engagements;
using NodaTime;

namespace Callout.Domain.Ports;

/// What the engine needs across all scopes. Several nodes may share one store: a claimed step is
/// leased to its owner until `leaseUntil`, and a step whose lease ran out can be claimed again.
public interface IEngineStore
{
    /// Leases up to `limit` steps due at or before `now` that are not done and not leased to
    /// anyone (or whose lease expired), earliest first. A step another session holds locked is
    /// skipped. A store may look only above what its earlier claims took, so a step that falls
    /// below (written with a due time long past, or skipped while locked and then left as it was)
    /// may be claimed a few seconds late.
    Task<IReadOnlyList<ClaimedStep>> ClaimDueStepsAsync(Instant now, string owner, Instant leaseUntil, int limit, CancellationToken ct);

    /// Frees the leases of pending steps whose owner starts with `ownerPrefix` but not with
    /// `keepPrefix`, so they can be claimed at once: at start-up a node frees what its own dead
    /// incarnation held rather than wait for the leases to run out. Returns how many it freed.
    Task<int> ReleaseLeasesAsync(string ownerPrefix, string keepPrefix, CancellationToken ct);

    /// When the engine next has something it may claim: the earliest due time of a pending step that
    /// no one holds, or the end of a lease on one that someone does. Null when nothing is pending.
    /// A step leased by a node that died is thus waited for, not spun on.
    Task<Instant?> NextDueAsync(CancellationToken ct);

    /// A named random secret shared by every node of the store, created on first use.
    Task<byte[]> GetSecretAsync(string name, CancellationToken ct);

    /// Where the virtual clock stood when last saved; null when it never was.
    Task<Instant?> ReadVirtualTimeAsync(CancellationToken ct);

    /// Records the virtual clock's time so a restart resumes there. The saved time never goes back:
    /// saving an earlier time than the stored one keeps the stored one.
    Task SaveVirtualTimeAsync(Instant now, CancellationToken ct);

    /// The scopes that have a channel of this kind with this address: an inbound SMS names only the
    /// phone numbers, so a reply is matched in every account that pages that number.
    Task<IReadOnlyList<Arns.AccountScope>> ScopesWithAddressAsync(Channels.ChannelKind kind, string address, CancellationToken ct);

    /// How many engagements have no StopTime, across all scopes (a metric).
    Task<long> CountRunningEngagementsAsync(CancellationToken ct);

    /// GET /health: a cheap read of a table every call needs. Returns when the store answers; throws
    /// what the store threw when it does not (unreachable, schema gone, file unreadable).
    Task CheckAsync(CancellationToken ct);
}
