using Callout.Domain.Arns;
using NodaTime;

namespace Callout.Domain.Channels;

/// A way to reach a personal contact. The activation code is kept only as a hash.
public sealed record ContactChannel(
    ResourceArn Arn,
    string ContactAlias,
    string Name,
    ChannelKind Kind,
    string Address,
    bool Activated,
    string? ActivationCodeHash,
    Instant? ActivationCodeExpires,
    IReadOnlyList<Instant> ActivationCodesSent,
    Instant CreatedAt)
{
    public string Id => Arn.Id;
}
