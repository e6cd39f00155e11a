using System.Net.Http.Headers;
using System.Security;
using System.Text;
using Callout.Domain;
using Callout.Domain.Channels;

namespace Callout.Engine.Delivery;

/// SMS and voice through Twilio's REST API (2010-04-01): a Message or a Call per send, with the
/// send key as Twilio's idempotency token so a retried request is not sent twice. Calls fetch their
/// script from the page's voice URL; an activation call carries its script inline.
public sealed class TwilioSender(TwilioSettings settings, HttpClient http, CallbackLinks links) : IMessageSender
{
    public string Name => "twilio";

    public async Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("To", message.Address),
            new("From", settings.From),
            new("StatusCallback", await links.StatusUrlAsync(message.Scope, message.IdempotencyKey, ct)),
        };
        string resource;
        switch (message.Channel)
        {
            case ChannelKind.Sms:
                resource = "Messages.json";
                fields.Add(new("Body", message.Body));
                break;
            case ChannelKind.Voice:
                resource = "Calls.json";
                fields.Add(message.VoiceUrl is { } url ? new("Url", url) : new("Twiml", InlineScript(message.Body)));
                fields.Add(new("StatusCallbackEvent", "answered"));
                fields.Add(new("StatusCallbackEvent", "completed"));
                break;
            default:
                return SendResult.Failed("twilio sends SMS and voice, not " + ExternalNames.ChannelKinds.Of(message.Channel), permanent: true);
        }

        var uri = new Uri(settings.BaseUrl, $"2010-04-01/Accounts/{Uri.EscapeDataString(settings.AccountSid)}/{resource}");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(settings.AccountSid + ":" + settings.AuthToken)));
        request.Headers.TryAddWithoutValidation("I-Twilio-Idempotency-Token", message.IdempotencyKey);
        return await ProviderHttp.SendAsync(http, request, Name, "sid", ct);
    }

    /// Read twice, as docs/spec/domain.md §5 has activation codes read.
    static string InlineScript(string text)
    {
        var said = SecurityElement.Escape(text);
        return $"<Response><Say>{said}</Say><Pause length=\"1\"/><Say>{said}</Say></Response>";
    }
}
