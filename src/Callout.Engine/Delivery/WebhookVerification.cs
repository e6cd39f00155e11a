using System.Globalization;

namespace Callout.Engine.Delivery;

/// Checks a post signed the Standard Webhooks way: its signature, then that its signed timestamp
/// is within Tolerance of `now` either way. `now` is real time (the wall clock, even under
/// --clock virtual): a signature's age is about when it was made, as with SigV4 (docs/decisions.md).
public static class WebhookVerification
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// Longer than any receiver's ids need; a header is not a place to store data.
    public const int MaxIdLength = 256;

    public static WebhookCheck Check(
        IReadOnlyList<WebhookSecret> secrets, string? id, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (!IsId(id) || string.IsNullOrWhiteSpace(signature)
            || timestamp is not { Length: > 0 and <= 12 }
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return WebhookCheck.Malformed;
        }
        if (!WebhookSignature.Matches(secrets, id!, seconds, body, signature))
        {
            return WebhookCheck.BadSignature;
        }
        var age = now.ToUnixTimeSeconds() - seconds;
        return age > Tolerance.TotalSeconds ? WebhookCheck.TooOld
            : -age > Tolerance.TotalSeconds ? WebhookCheck.TooNew
            : WebhookCheck.Valid;
    }

    /// Visible ASCII only, so the id reads the same in logs and in the signed text.
    static bool IsId(string? id) =>
        id is { Length: > 0 and <= MaxIdLength } && id.All(c => c is > ' ' and <= '~');
}
