using System.Security.Cryptography;
using System.Text;
using Callout.Domain.Arns;
using Callout.Domain.Engagements;
using Callout.Engine.Processing;

namespace Callout.Engine.Delivery;

/// The URLs providers call back on. A status callback carries a sealed (scope, send key) token, so
/// the callback finds its delivery record without a lookup by provider id across accounts; the
/// token is sealed with a key derived from the links secret, so it cannot be used as an
/// acknowledgement link.
public sealed class CallbackLinks(EngineSecrets secrets, EngineOptions options)
{
    public async Task<string> StatusUrlAsync(AccountScope scope, string key, CancellationToken ct) =>
        new Uri(options.PublicUrl, "_callout/twilio/status?t=" + AcknowledgeLinks.Token(await StatusKeyAsync(ct), scope, key)).ToString();

    public async Task<(AccountScope Scope, string Key)?> ReadStatusTokenAsync(string token, CancellationToken ct) =>
        AcknowledgeLinks.TryRead(await StatusKeyAsync(ct), token, out var scope, out var key) ? (scope, key) : null;

    /// The page's acknowledgement link, for every channel type: the engine puts it only on email,
    /// but a webhook receiver needs it to acknowledge an SMS or a call. Null for messages that are
    /// not a page send (activation codes).
    public async Task<string?> AcknowledgeUrlAsync(OutgoingMessage message, CancellationToken ct)
    {
        if (message.AcknowledgeUrl is not null)
        {
            return message.AcknowledgeUrl;
        }
        return TryPageId(message.IdempotencyKey, out var pageId)
            ? new Uri(options.PublicUrl, "_callout/ack/" + AcknowledgeLinks.Token(await secrets.LinksAsync(ct), message.Scope, pageId)).ToString()
            : null;
    }

    /// Page sends are keyed `{pageId}:{attempt}` (StepProcessor), page ids being UUIDs.
    public static bool TryPageId(string key, out string pageId)
    {
        var colon = key.LastIndexOf(':');
        pageId = colon > 0 ? key[..colon] : "";
        return colon > 0 && Guid.TryParse(pageId, out _) && int.TryParse(key.AsSpan(colon + 1), out _);
    }

    async Task<byte[]> StatusKeyAsync(CancellationToken ct) =>
        HMACSHA256.HashData(await secrets.LinksAsync(ct), Encoding.UTF8.GetBytes("provider-status-callback"));
}
