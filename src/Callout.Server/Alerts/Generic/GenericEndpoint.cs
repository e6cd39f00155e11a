using Callout.Domain.Alerts;

namespace Callout.Server.Alerts.Generic;

/// `POST /_callout/alerts/generic/{key}` (or the path without it and `Authorization: Bearer
/// <key>`): Callout's own small JSON format (GenericAlertParser), for curl and scripts.
sealed class GenericEndpoint(AlertReception reception)
{
    public Task<IResult> HandleAsync(HttpRequest request, string? key, CancellationToken ct) =>
        reception.ReceiveWebhookAsync(request, key, AlertFormat.Generic, GenericAlertParser.Parse, verify: null, ct);
}
