using Callout.Domain.Incidents;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using NodaTime;

namespace Callout.Server.Incidents.Records;

/// What starts an incident: the trigger (the model's TriggerDetails) and who asked. `CreatedBy`
/// is the caller's identity ARN, or an alert source's own ARN for alert intake. `Summary`, which
/// StartIncident has no member for, is an alert's own summary. `RelatedItemsJson`
/// is the model's relatedItems as sent (a JSON array), or null.
sealed record IncidentStartRequest(
    string ResponsePlanArn,
    string? Title,
    int? Impact,
    string? Summary,
    string TriggerSource,
    Instant TriggerTime,
    string? TriggerArn,
    string? RawData,
    string? RelatedItemsJson,
    string CreatedBy,
    string? InvokedBy,
    string? ClientToken);

/// The incident a start opened, or the OPEN incident that absorbed it (Deduplicated).
sealed record IncidentStartResult(string IncidentArn, bool Deduplicated);

/// Starts, resolves and acknowledges incidents for StartIncident, UpdateIncidentRecord and alert
/// intake alike, so both doors follow one set of rules (docs/spec/incidents.md §4, §5). The
/// context's account and region are the incident's account and the region whose contacts it
/// engages; each call is one audited transaction.
interface IIncidentStarter
{
    /// Opens an incident of the plan and engages its contacts in one transaction, or adds a
    /// timeline event to the OPEN incident with the same dedupe key and returns that one.
    Task<IncidentStartResult> StartAsync(RequestContext context, IncidentStartRequest request, CancellationToken ct);

    /// Writes `after` over `before` in the caller's session, which must be of the region the
    /// incident engaged (Incident.EngagedRegion): a change of status records a timeline event,
    /// and RESOLVED also stops every engagement of the incident with `reason` and sets the
    /// resolved time; reopening pages no one. A reopen refused because another OPEN incident holds
    /// the dedupe string is a ResourceConflict. `by` is who changed it (lastModifiedBy).
    Task<Incident> SaveAsync(IStoreSession session, RequestContext context, Incident before, Incident after, string by, string? reason,
        CancellationToken ct);

    /// Resolves the OPEN incident that a start with this plan and trigger ARN would dedupe into,
    /// stopping its engagements; null when there is none.
    Task<string?> ResolveAsync(RequestContext context, string responsePlanArn, string? triggerArn, string reason, CancellationToken ct);

    /// Marks the open pages of that OPEN incident's engagements read (PagerDuty's acknowledge);
    /// null when there is no such incident.
    Task<string?> AcknowledgeAsync(RequestContext context, string responsePlanArn, string? triggerArn, CancellationToken ct);
}
