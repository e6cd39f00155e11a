using Callout.Domain.Arns;
using Callout.Domain.Outbox;

namespace Callout.Domain.Ports;

/// The durable store. Every API call works inside one session, and a writing session is one
/// transaction: either all of its changes are committed or none are. SQLite and PostgreSQL both
/// implement this contract, which one compliance suite checks.
public interface IContactStore : IEngineStore, IAsyncDisposable
{
    /// Applies pending schema migrations. Called once at start-up.
    Task MigrateAsync(CancellationToken ct);

    /// A session over one account and region. Writing sessions are serialized with each other;
    /// a session is rolled back when disposed without CommitAsync.
    Task<IStoreSession> OpenAsync(AccountScope scope, bool write, CancellationToken ct);

    /// The newest messages of the local outbox, across all accounts, newest first.
    Task<IReadOnlyList<OutboxMessage>> ListOutboxAsync(int limit, CancellationToken ct);
}
