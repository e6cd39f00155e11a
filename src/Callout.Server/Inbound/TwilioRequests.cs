using System.Security.Cryptography;
using System.Text;
using Callout.Engine;
using Callout.Server.Hosting;
using Microsoft.Extensions.Primitives;

namespace Callout.Server.Inbound;

/// Reads and checks requests from Twilio. Twilio signs each one: X-Twilio-Signature is
/// Base64(HMAC-SHA1(auth token, URL + every POST parameter's name and value, sorted by name)).
/// The URL is the one Twilio was given, so it is rebuilt from the public URL rather than the Host
/// header, which a proxy may have changed.
sealed class TwilioRequests(DeliveryConfiguration delivery, EngineOptions engine)
{
    /// The URL Twilio called: the public URL, this request's path and query.
    public string UrlOf(HttpRequest request) =>
        engine.PublicUrl.AbsoluteUri + request.Path.ToUriComponent().TrimStart('/') + request.QueryString.ToUriComponent();

    /// The form parameters, or the refusal to answer with: 404 while Twilio is not configured, 413
    /// for a body too large, 403 for a missing or wrong signature.
    public async Task<(IResult? Refusal, IReadOnlyDictionary<string, string> Form)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (delivery.Twilio is null)
        {
            return (Results.NotFound(), new Dictionary<string, string>());
        }
        var body = await InboundBody.ReadAsync(request, ct);
        if (body is null)
        {
            return (InboundBody.TooLarge(), new Dictionary<string, string>());
        }
        var form = InboundBody.Form(body);
        var expected = Signature(delivery.Twilio!.AuthToken, UrlOf(request), form);
        var given = request.Headers["X-Twilio-Signature"].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given)))
        {
            return (Results.StatusCode(StatusCodes.Status403Forbidden), new Dictionary<string, string>());
        }
        return (null, form.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal));
    }

    /// Twilio's request validation: names sorted case-sensitively, each value of a name in turn.
    static string Signature(string authToken, string url, IReadOnlyDictionary<string, StringValues> form)
    {
        var data = new StringBuilder(url);
        foreach (var name in form.Keys.Order(StringComparer.Ordinal))
        {
            foreach (var value in form[name].Order(StringComparer.Ordinal))
            {
                data.Append(name).Append(value);
            }
        }
#pragma warning disable CA5350 // Twilio defines its signature with HMAC-SHA1.
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString()));
#pragma warning restore CA5350
        return Convert.ToBase64String(mac);
    }
}
