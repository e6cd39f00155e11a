using Callout.Domain.Alerts;

namespace Callout.Server.Alerts.Alertmanager;

/// `POST /_callout/alerts/alertmanager/{key}`, or the same path without the key and
/// `Authorization: Bearer <key>`: an Alertmanager webhook receiver (docs/alerts.md). Alertmanager
/// signs nothing; the key is the proof.
sealed class AlertmanagerEndpoint(AlertReception reception)
{
    public Task<IResult> HandleAsync(HttpRequest request, string? key, CancellationToken ct) =>
        reception.ReceiveWebhookAsync(request, key, AlertFormat.Alertmanager, AlertmanagerParser.Parse, verify: null, ct);
}
