namespace Callout.Domain.Plans;

/// Exactly one of the two is set; the wire's Target structure allows both, which the plan rules reject.
public sealed record Target(ChannelTarget? Channel, ContactTarget? Contact);

/// ChannelArn and ContactArn are kept as the caller wrote them, so GetContact returns them as stored.
public sealed record ChannelTarget(string ChannelArn, int? RetryIntervalInMinutes);

public sealed record ContactTarget(string ContactArn, bool IsEssential);
