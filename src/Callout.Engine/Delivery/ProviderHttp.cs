using System.Net;
using System.Text.Json;

namespace Callout.Engine.Delivery;

/// Sends one request to an HTTP provider and sorts the answer the IMessageSender way: 2xx is
/// accepted; 429 and 5xx are refusals that may pass; any other status is a permanent refusal. A
/// failure to connect means nothing was sent (may pass); a failure after the request went out, or a
/// timeout, leaves the outcome unknown and throws.
public static class ProviderHttp
{
    /// How long one try may take; three tries stay well inside the engine's 60 s lease.
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// One long-lived client per provider, without IHttpClientFactory: pooled connections are
    /// recycled every few minutes so DNS changes are seen.
    public static HttpClient NewClient() => new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        AllowAutoRedirect = false,
    })
    {
        // SendAsync times each try itself, to tell a connect timeout (nothing sent) from a late answer.
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        MaxResponseContentBufferSize = 1024 * 1024,
    };

    /// `idMember` names the member of a JSON reply that holds the provider's message id.
    public static async Task<SendResult> SendAsync(HttpClient http, HttpRequestMessage request, string provider, string idMember, CancellationToken ct)
    {
        using var tryTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        tryTimeout.CancelAfter(Timeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, tryTimeout.Token);
        }
        catch (HttpRequestException e) when (NothingSent(e))
        {
            return SendResult.Failed($"{provider}: could not reach the provider ({e.HttpRequestError})", permanent: false);
        }
        catch (HttpRequestException e)
        {
            throw new DeliveryOutcomeUnknownException($"{provider}: the connection failed after the request was sent ({e.HttpRequestError})", e);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (!tryTimeout.IsCancellationRequested)
        {
            // Neither the caller nor the try's timer: the handler's ConnectTimeout, before anything was sent.
            return SendResult.Failed($"{provider}: could not connect to the provider in time", permanent: false);
        }
        catch (OperationCanceledException e)
        {
            throw new DeliveryOutcomeUnknownException($"{provider}: no answer within {Timeout.TotalSeconds:0} s", e);
        }

        using (response)
        {
            JsonElement? json = null;
            try
            {
                var body = await response.Content.ReadAsStringAsync(tryTimeout.Token);
                json = Parse(body);
            }
            catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
            {
                // The status line arrived, so the provider's decision is known; only the details are lost.
            }

            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return SendResult.Ok(json is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(idMember, out var id) && id.ValueKind == JsonValueKind.String
                    ? id.GetString()
                    : null);
            }
            var transient = response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500;
            return SendResult.Failed($"{provider} {status}{Detail(json)}", permanent: !transient);
        }
    }

    /// The request never left this machine: no connection, no name, no TLS session, no proxy tunnel.
    static bool NothingSent(HttpRequestException e) => e.HttpRequestError is HttpRequestError.ConnectionError
        or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError;

    static JsonElement? Parse(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// Twilio's error body is {"code": 21211, "message": "..."}; other providers may say anything.
    static string Detail(JsonElement? json)
    {
        if (json is not { ValueKind: JsonValueKind.Object } o)
        {
            return "";
        }
        var code = o.TryGetProperty("code", out var c) && c.ValueKind is JsonValueKind.Number or JsonValueKind.String ? " " + c.ToString() : "";
        var message = o.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? ": " + m.GetString() : "";
        var detail = code + message;
        return detail.Length <= 300 ? detail : detail[..300];
    }
}
