using Callout.Domain.Arns;
using Callout.Domain.Contacts;
using NodaTime;

namespace Callout.Domain.Engagements;

/// One StartEngagement: the root contact it engaged, the texts every page copies, and when it
/// started and stopped. StopTime stays empty while it runs (docs/spec/domain.md §2.5).
public sealed record Engagement(
    ResourceArn Arn,
    string ContactAlias,
    ContactKind RootKind,
    string Sender,
    string Subject,
    string Content,
    string? PublicSubject,
    string? PublicContent,
    string? IncidentId,
    Instant StartTime,
    Instant? StopTime,
    string? StopReason)
{
    public string Id => Arn.Id;

    public bool Running => StopTime is null;
}
