using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Callout.Testing;

/// The requests a provider makes to Callout: Twilio's inbound SMS, call script fetches and status
/// callbacks (form posts with X-Twilio-Signature), and a webhook receiver's acknowledgement.
public sealed partial class HttpProviderSink
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// An SMS from `from` to Callout's number, as Twilio posts it to the number's webhook.
    public Task<SinkResponse> SendInboundSmsAsync(Uri calloutPublicUrl, string from, string to, string body, bool forge = false) =>
        PostSignedAsync(new Uri(calloutPublicUrl, "_callout/twilio/sms").ToString(), [
            new("MessageSid", "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))),
            new("AccountSid", AccountSid),
            new("From", from),
            new("To", to),
            new("Body", body),
            new("NumMedia", "0"),
        ], forge);

    /// A status callback for a Messages or Calls request the sink accepted, to its StatusCallback URL.
    public Task<SinkResponse> SendStatusAsync(ProviderRequest request, string status, string? errorCode = null)
    {
        var call = request.Kind == "Calls";
        var form = new List<KeyValuePair<string, string>>
        {
            new(call ? "CallSid" : "MessageSid", request.Sid!),
            new(call ? "CallStatus" : "MessageStatus", status),
            new("AccountSid", AccountSid),
            new("To", request["To"]!),
            new("From", request["From"]!),
        };
        if (errorCode is not null)
        {
            form.Add(new("ErrorCode", errorCode));
        }
        return PostSignedAsync(request["StatusCallback"]!, form);
    }

    /// What Twilio does when the callee picks up (no digits) or presses a key: posts to the call's Url.
    public Task<SinkResponse> AnswerCallAsync(ProviderRequest call, string? digits = null, bool forge = false)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("CallSid", call.Sid!),
            new("AccountSid", AccountSid),
            new("From", call["From"]!),
            new("To", call["To"]!),
            new("CallStatus", "in-progress"),
            new("Direction", "outbound-api"),
        };
        if (digits is not null)
        {
            form.Add(new("Digits", digits));
        }
        return PostSignedAsync(call["Url"]!, form, forge);
    }

    /// Posts to a URL Callout gave Twilio (a Gather action, say), signed.
    public Task<SinkResponse> PostSignedAsync(string url, IReadOnlyList<KeyValuePair<string, string>> form, bool forge = false)
    {
        var signature = TwilioSigning.Sign(forge ? "not-the-auth-token" : AuthToken, url, form);
        return PostAsync(url, new FormUrlEncodedContent(form), "X-Twilio-Signature", signature);
    }

    /// A webhook receiver acknowledging a page: the token is the last segment of the acknowledgeUrl.
    public Task<SinkResponse> AcknowledgeByWebhookAsync(Uri calloutPublicUrl, string token, string type = "READ", bool forge = false) =>
        SendAcknowledgementAsync(calloutPublicUrl, SignAcknowledgement(token, type, forge ? StandardWebhooks.NewSecret() : WebhookSecret));

    /// An acknowledgement signed with `secret` as of `signedAt` (now by default) under `id` (a new
    /// one by default), kept so the very same request can be sent again.
    public static WebhookAcknowledgement SignAcknowledgement(string token, string type, string secret, DateTimeOffset? signedAt = null, string? id = null)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"token":"{{token}}","type":"{{type}}"}""");
        id ??= "msg_" + Guid.NewGuid().ToString("N");
        var timestamp = (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        return new WebhookAcknowledgement(body, [
            new("webhook-id", id),
            new("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("webhook-signature", StandardWebhooks.Sign(secret, id, timestamp, body)),
        ]);
    }

    public static Task<SinkResponse> SendAcknowledgementAsync(Uri calloutPublicUrl, WebhookAcknowledgement acknowledgement)
    {
        var content = new ByteArrayContent(acknowledgement.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return PostAsync(new Uri(calloutPublicUrl, "_callout/webhook/ack").ToString(), content, acknowledgement.Headers);
    }

    static Task<SinkResponse> PostAsync(string url, HttpContent content, string header, string value) =>
        PostAsync(url, content, [new(header, value)]);

    static async Task<SinkResponse> PostAsync(string url, HttpContent content, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await Http.SendAsync(request);
        return new SinkResponse((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }
}
