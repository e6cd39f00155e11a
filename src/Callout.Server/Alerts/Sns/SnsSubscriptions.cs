namespace Callout.Server.Alerts.Sns;

/// Confirms a subscription the way SNS asks: a GET of the SubscribeURL of a verified
/// SubscriptionConfirmation. The URL must be https on an SNS host (or a configured trusted host):
/// even a signed message must not make Callout fetch an address of the sender's choosing.
sealed class SnsSubscriptions(SnsTrust trust, IHttpClientFactory clients)
{
    /// Null when SNS accepted the confirmation; else the refusal to answer.
    public async Task<SnsRefusal?> ConfirmAsync(SnsMessage message, CancellationToken ct)
    {
        if (trust.CheckUrl("SubscribeURL", message.SubscribeUrl!, certificate: false, out var url) is { } bad)
        {
            return new(StatusCodes.Status403Forbidden, bad);
        }
        var http = clients.CreateClient(SnsCertificates.HttpClientName);
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
            return response.IsSuccessStatusCode
                ? null
                : new(StatusCodes.Status502BadGateway, $"SNS refused the confirmation: SubscribeURL answered HTTP {(int)response.StatusCode}.");
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return new(StatusCodes.Status502BadGateway, "SubscribeURL could not be reached to confirm the subscription.");
        }
    }
}
