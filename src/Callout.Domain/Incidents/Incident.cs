using NodaTime;

namespace Callout.Domain.Incidents;

public enum IncidentStatus
{
    Open,
    Resolved,
}

/// Who or what started an incident (the model's IncidentRecordSource, docs/spec/incidents.md §4).
public sealed record IncidentSource(string CreatedBy, string? InvokedBy, string? ResourceArn, string Source);

/// An incident record, scoped by account. Its ARN is
/// `arn:aws:ssm-incidents::ACCOUNT:incident-record/PLAN-NAME/ID` (IncidentArns.Incident).
/// `EngagedRegion` is the region whose contacts it engaged, so resolving it stops the right
/// engagements. `DedupeString` is the key that absorbs later starts while the incident is open
/// ("" when none). `ChatChannelJson` and `NotificationTargetsJson` are stored and returned as sent.
public sealed record Incident(
    string Id,
    string PlanName,
    string ResponsePlanArn,
    string Title,
    string? Summary,
    int Impact,
    IncidentStatus Status,
    string DedupeString,
    IncidentSource Source,
    string EngagedRegion,
    string? ChatChannelJson,
    string? NotificationTargetsJson,
    Instant CreatedAt,
    Instant? ResolvedAt,
    string LastModifiedBy,
    Instant LastModifiedAt);

/// One entry of an incident's timeline, written by a caller (`Custom Event`, `Note`) or by Callout
/// (docs/incidents.md lists the types it writes). `ReferencesJson` holds the event references as
/// sent (a JSON array), or null.
public sealed record IncidentEvent(
    string IncidentId,
    string EventId,
    string EventType,
    string EventData,
    string? ReferencesJson,
    Instant EventTime,
    Instant UpdatedAt);

/// One related item of an incident. `IdentifierKey` is the canonical text of its identifier (type
/// and value), unique per incident so a second add of the same item is refused and a remove finds
/// it; `ItemJson` is the whole item as returned.
public sealed record IncidentItem(string IncidentId, string IdentifierKey, string ItemJson, Instant AddedAt);
