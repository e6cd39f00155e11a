using Callout.Domain.Channels;

namespace Callout.Domain.Engagements;

/// What the engine reads before a send: whether to send at all (engagement running, person not
/// acknowledged, channel still there and active, the step still held by this claim) and the
/// records a send continues from (the page, an earlier delivery record of this attempt).
public sealed record SendState(
    Engagement? Engagement,
    ContactChannel? Channel,
    bool Acknowledged,
    Page? Page,
    DeliveryRecord? Delivery,
    bool Held);
