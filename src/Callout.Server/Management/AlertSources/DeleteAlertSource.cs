using System.Text.Json;
using Callout.Domain.Alerts;
using Callout.Domain.Errors;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Server.Api;
using Callout.Server.Audit;

namespace Callout.Server.Management.AlertSources;

/// `Callout.DeleteAlertSource {"AlertSourceId"}` (its id or ARN): revokes the source. Its key
/// stops working at once, since every alert looks its key up in the store. Incidents it started
/// stay as they are. A source of another account or region is not found.
sealed class DeleteAlertSource(IStore store) : IManagementOperation
{
    public string Name => "DeleteAlertSource";

    public async Task<Action<Utf8JsonWriter>> HandleAsync(ManagementRequest request, RequestContext context, CancellationToken ct)
    {
        var text = request.RequiredString("AlertSourceId", 1000);
        var scope = context.Scope();
        var id = AlertSourceArns.IdIn(scope, text);
        await using var session = await store.OpenAsync(scope, write: true, ct);
        if (id is null || !await session.DeleteAlertSourceAsync(id, ct))
        {
            throw new ResourceNotFound(text, ResourceTypes.AlertSource, $"Alert source {text} not found.");
        }
        await session.CommitAuditedAsync(context, AlertSourceArns.For(scope, id), ct);
        return w =>
        {
            w.WriteStartObject();
            w.WriteEndObject();
        };
    }
}
