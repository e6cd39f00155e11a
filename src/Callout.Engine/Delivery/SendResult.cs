namespace Callout.Engine.Delivery;

/// Accepted: the provider took the message (ProviderMessageId when it gave one). Otherwise Error
/// says why, and Permanent whether trying again could help.
public sealed record SendResult(bool Accepted, string? ProviderMessageId, string? Error, bool Permanent = false)
{
    public static SendResult Ok(string? providerMessageId) => new(true, providerMessageId, null);

    public static SendResult Failed(string error, bool permanent) => new(false, null, error, permanent);
}
