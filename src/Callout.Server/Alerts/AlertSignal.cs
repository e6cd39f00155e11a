using NodaTime;

namespace Callout.Server.Alerts;

/// What an alert asks for: open (or repeat) an incident, resolve it, or acknowledge its pages.
enum AlertAction
{
    Trigger,
    Resolve,
    Acknowledge,
}

/// One alert read from any sender's format (docs/spec/incidents.md §5): the sender's dedupe key,
/// what it asks for, and what the incident shows. `RawData` is the alert as received, kept as the
/// trigger's raw data; `At` is when the sender says it happened, when it says so.
sealed record AlertSignal(
    AlertAction Action,
    string Key,
    string Title,
    string? Summary,
    int? Impact,
    string? RawData,
    Instant? At);

/// The incident an alert started, repeated, resolved or acknowledged; null when a resolve or an
/// acknowledge found no open incident for its key.
sealed record AlertOutcome(string? IncidentArn, bool Deduplicated);
