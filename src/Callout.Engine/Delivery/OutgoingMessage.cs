using Callout.Domain.Arns;
using Callout.Domain.Channels;

namespace Callout.Engine.Delivery;

/// One message for one address, sent on behalf of one account and region. IdempotencyKey is the same on every try of the same send, so a
/// provider that supports it can drop duplicates. AcknowledgeUrl is the page's link (email) and
/// VoiceUrl the webhook a voice call fetches its script from; both are absent for activation codes.
public sealed record OutgoingMessage(
    AccountScope Scope,
    string IdempotencyKey,
    ChannelKind Channel,
    string Address,
    string Subject,
    string Body,
    string? AcknowledgeUrl = null,
    string? VoiceUrl = null)
{
    /// The channel the message goes to; its contact is the one it names.
    public required ResourceArn ChannelArn { get; init; }

    /// The page a page send belongs to, and that page's engagement; null for activation codes.
    public ResourceArn? PageArn { get; init; }

    public ResourceArn? EngagementArn { get; init; }
}
