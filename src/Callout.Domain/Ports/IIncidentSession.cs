using Callout.Domain.Incidents;
using NodaTime;

namespace Callout.Domain.Ports;

/// The account's incident records with their timelines and related items. They belong to the
/// account, not to the session's region (docs/spec/incidents.md §1).
public interface IIncidentSession
{
    Task<Incident?> FindIncidentAsync(string id, CancellationToken ct);

    /// The account's OPEN incident with this dedupe string, if any ("" never matches).
    Task<Incident?> FindOpenIncidentAsync(string dedupeString, CancellationToken ct);

    /// False, and nothing written, when the incident is OPEN with a non-empty dedupe string that an
    /// OPEN incident of the account already has: the store keeps one open incident per key even
    /// under concurrent starts.
    Task<bool> InsertIncidentAsync(Incident incident, CancellationToken ct);

    /// Replaces the stored incident with the same id. False when reopening it would give the
    /// account two OPEN incidents with one dedupe string.
    Task<bool> UpdateIncidentAsync(Incident incident, CancellationToken ct);

    /// Removes the incident with its timeline and related items; false when there was none.
    Task<bool> DeleteIncidentAsync(string id, CancellationToken ct);

    /// Newest first (CreatedAt descending, then Id), starting after `after` when given.
    Task<IReadOnlyList<Incident>> ListIncidentsAsync(IncidentQuery query, (Instant CreatedAt, string Id)? after, int limit, CancellationToken ct);

    Task InsertIncidentEventAsync(IncidentEvent incidentEvent, CancellationToken ct);

    Task<IncidentEvent?> FindIncidentEventAsync(string incidentId, string eventId, CancellationToken ct);

    Task UpdateIncidentEventAsync(IncidentEvent incidentEvent, CancellationToken ct);

    Task<bool> DeleteIncidentEventAsync(string incidentId, string eventId, CancellationToken ct);

    /// Every event of the incident in EventTime order (then EventId); callers filter, sort and page.
    /// An incident's timeline is short enough to read whole.
    Task<IReadOnlyList<IncidentEvent>> ListIncidentEventsAsync(string incidentId, CancellationToken ct);

    /// False, and nothing written, when the incident already has an item with this identifier.
    Task<bool> InsertIncidentItemAsync(IncidentItem item, CancellationToken ct);

    Task<bool> DeleteIncidentItemAsync(string incidentId, string identifierKey, CancellationToken ct);

    /// In the order they were added.
    Task<IReadOnlyList<IncidentItem>> ListIncidentItemsAsync(string incidentId, CancellationToken ct);
}
