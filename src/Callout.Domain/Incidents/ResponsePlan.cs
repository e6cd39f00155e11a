using NodaTime;

namespace Callout.Domain.Incidents;

/// What a new incident of a plan starts with (the model's IncidentTemplate). Notification targets
/// are SNS topics AWS would notify; Callout stores and returns them (docs/spec/incidents.md §3).
public sealed record IncidentTemplate(
    string Title,
    int Impact,
    string? Summary,
    string? DedupeString,
    IReadOnlyDictionary<string, string> IncidentTags,
    IReadOnlyList<string> NotificationTargets);

/// A response plan (docs/spec/incidents.md §3), scoped by account: its name is unique in the
/// account and its ARN carries no region. `Engagements` are ssm-contacts contact ARNs a new
/// incident engages. `ChatChannelJson`, `ActionsJson` and `IntegrationsJson` hold those members
/// as the caller sent them (the wire JSON), stored and returned with no effect in Callout.
public sealed record ResponsePlan(
    string Name,
    string? DisplayName,
    IncidentTemplate Template,
    IReadOnlyList<string> Engagements,
    string? ChatChannelJson,
    string? ActionsJson,
    string? IntegrationsJson,
    Instant CreatedAt,
    Instant ModifiedAt);
