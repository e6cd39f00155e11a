using Callout.Domain.Arns;
using NodaTime;

namespace Callout.Domain.Engagements;

/// One channel-target occurrence of one person within an engagement; retries reuse it
/// (docs/spec/domain.md §2.6). Essential says whether acknowledging it stops an escalation.
public sealed record Page(
    ResourceArn Arn,
    string EngagementId,
    string ContactAlias,
    string ChannelId,
    IReadOnlyList<ResolutionStep> Resolution,
    bool Essential,
    Instant CreatedAt,
    Instant? SentTime,
    Instant? DeliveryTime,
    Instant? ReadTime)
{
    public string Id => Arn.Id;

    public ResourceArn ChannelArn => ResourceArn.Channel(Arn.Scope, ContactAlias, ChannelId);
}
