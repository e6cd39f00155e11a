using Callout.Domain.Alerts;
using NodaTime;

namespace Callout.Domain.Ports;

/// The scope's alert sources. A sender's request carries only the key, so finding a source by its
/// key spans scopes (IStore.FindAlertSourceAsync).
public interface IAlertSourceSession
{
    /// The source's scope is the session's; a key hash already stored is refused.
    Task InsertAlertSourceAsync(AlertSource source, CancellationToken ct);

    Task<AlertSource?> FindAlertSourceByIdAsync(string id, CancellationToken ct);

    /// Oldest first (CreatedAt, then Id), starting after (afterCreatedAt, afterId) when given.
    Task<IReadOnlyList<AlertSource>> ListAlertSourcesAsync((Instant CreatedAt, string Id)? after, int limit, CancellationToken ct);

    Task<int> CountAlertSourcesAsync(CancellationToken ct);

    /// False when the scope has no source with this id.
    Task<bool> DeleteAlertSourceAsync(string id, CancellationToken ct);
}
