using Callout.Domain.Arns;
using Callout.Domain.CalendarFeeds;
using Callout.Domain.Contacts;
using Callout.Domain.Outbox;
using NodaTime;

namespace Callout.Domain.Ports;

/// The durable store. Every API call works inside one session, and a writing session is one
/// transaction: either all of its changes are committed or none are. SQLite and PostgreSQL both
/// implement this contract, which one compliance suite checks.
public interface IStore : IEngineStore, IRetentionStore, IConsoleUserStore, IAsyncDisposable
{
    /// Applies pending schema migrations. Called once at start-up.
    Task MigrateAsync(CancellationToken ct);

    /// A session over one account and region. Writing sessions are serialized with each other
    /// (a store may wait for its turn at the session's first statement rather than here); a
    /// session is rolled back when disposed without CommitAsync. A write the store refuses (a key
    /// already taken) fails at that call or, at the latest, at CommitAsync.
    Task<IStoreSession> OpenAsync(AccountScope scope, bool write, CancellationToken ct);

    /// The contact with this alias in the scope, or null: what a reading session's
    /// FindContactAsync answers, for a caller that reads nothing else (GetContact). A store may
    /// answer from a row it read before, as long as no write can have changed it since.
    Task<Contact?> FindContactAsync(AccountScope scope, string alias, CancellationToken ct);

    /// A writing session for the engine's work on one engagement. It is serialized with every
    /// other session on that engagement (the engine's, and writing sessions that called
    /// LockEngagementAsync for it) but may run beside the scope's other writers, so the
    /// engagements of one account page side by side. The engine writes only rows of the
    /// engagement (its steps, pages, receipts and delivery records).
    Task<IStoreSession> OpenEngagementAsync(AccountScope scope, string engagementId, CancellationToken ct);

    /// A writing session for the engine's sends on these pages. It is serialized with every other
    /// session on any of them (the engine's, and writing sessions that called LockPageAsync for
    /// one) but not with their engagements', so an engagement's pages go out side by side. The
    /// engine writes only the pages, their receipts, delivery records and the steps it runs. A
    /// store takes the pages' locks in one order of its own, before the session's first statement
    /// runs, so two such sessions never wait for each other in a circle.
    Task<IStoreSession> OpenPagesAsync(AccountScope scope, IReadOnlyCollection<string> pageIds, CancellationToken ct);

    /// A writing session for a create call that checks no quota and no uniqueness of its own and
    /// writes only new rows (StartEngagement). It is serialized with sessions of the same
    /// operation and idempotency token, so a retry finds the first call's record, but not with the
    /// scope's other writers: an account's engagements start side by side.
    Task<IStoreSession> OpenCreateAsync(AccountScope scope, string operation, string? idempotencyToken, CancellationToken ct);

    /// The feed whose token has this SHA-256, in whichever scope it is: a calendar app's request
    /// carries the token alone.
    Task<CalendarFeed?> FindCalendarFeedAsync(byte[] tokenHash, CancellationToken ct);

    /// The alert source whose key has this SHA-256, in whichever scope it is: a sender's request
    /// carries the key alone.
    Task<Alerts.AlertSource?> FindAlertSourceAsync(byte[] keyHash, CancellationToken ct);

    /// Records the id of a signed webhook acknowledgement until `forgetAt`, and forgets ids whose
    /// time ran out before `now`. False when the id is already recorded: a replay. Both times are
    /// real time, as the signature's window is.
    Task<bool> RememberWebhookIdAsync(string id, Instant now, Instant forgetAt, CancellationToken ct);

    /// The newest messages of the local outbox, across all accounts, newest first.
    Task<IReadOnlyList<OutboxMessage>> ListOutboxAsync(int limit, CancellationToken ct);

    /// The newest messages of the local outbox sent for one account and region, newest first: what
    /// a signed caller of `GET /_callout/outbox` may see (docs/security.md, "Surfaces").
    Task<IReadOnlyList<OutboxMessage>> ListOutboxAsync(AccountScope scope, int limit, CancellationToken ct);

    /// Removes up to `limit` audit records older than `before`, across all scopes, oldest first;
    /// returns how many it removed, so a caller purges in small batches until none are left.
    Task<int> PurgeAuditAsync(NodaTime.Instant before, int limit, CancellationToken ct);
}
