using NodaTime;

namespace Callout.Domain.Incidents;

/// ListIncidentRecords' filters (the model's keys creationTime, resolvedTime, impact, status,
/// createdBy), each null when not given. Times are exclusive bounds, as the model's before/after.
public sealed record IncidentQuery(
    Instant? CreatedAfter = null,
    Instant? CreatedBefore = null,
    Instant? ResolvedAfter = null,
    Instant? ResolvedBefore = null,
    IReadOnlyCollection<int>? Impacts = null,
    IReadOnlyCollection<IncidentStatus>? Statuses = null,
    IReadOnlyCollection<string>? CreatedBy = null);
