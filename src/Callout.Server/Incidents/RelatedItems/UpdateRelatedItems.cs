using Callout.Domain.Errors;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;
using Callout.Server.Incidents.Records;
using Callout.Server.Operations;

namespace Callout.Server.Incidents.RelatedItems;

/// Adds or removes one related item (the model's union). Adding an identifier the incident
/// already has is a ConflictException; removing one it lacks is a ResourceNotFoundException.
sealed class UpdateRelatedItems(IStore store) : IOperation<UpdateRelatedItemsInput, UpdateRelatedItemsOutput>
{
    public async Task<UpdateRelatedItemsOutput> HandleAsync(UpdateRelatedItemsInput request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: true, ct);
        if (await Idempotency.ReplayAsync(session, context, request.ClientToken, ResourceTypes.IncidentRecord, ct) is not null)
        {
            return new();
        }
        var arn = request.IncidentRecordArn;
        var incident = await IncidentRecords.RequireAsync(session, context, arn, ct);
        var update = request.RelatedItemsUpdate;
        if (update.ItemToAdd is { } add)
        {
            // Listed in the order added: an item added in the same millisecond as the last (or
            // under a stopped virtual clock) still comes after it.
            var last = (await session.ListIncidentItemsAsync(incident.Id, ct)).Select(i => i.AddedAt).DefaultIfEmpty(context.Now()).Max();
            var at = NodaTime.Instant.Max(context.Now(), last + NodaTime.Duration.FromMilliseconds(1));
            var item = RelatedItemRecords.ToStored(incident.Id, add, at);
            if (!await session.InsertIncidentItemAsync(item, ct))
            {
                throw new ResourceConflict(arn, ResourceTypes.IncidentRecord,
                    $"Incident record {arn} already has a related item with this identifier ({add.Identifier.Type}).");
            }
        }
        else if (update.ItemToRemove is { } remove && !await session.DeleteIncidentItemAsync(incident.Id, RelatedItemRecords.KeyOf(remove), ct))
        {
            throw new ResourceNotFound(arn, ResourceTypes.IncidentRecord,
                $"Incident record {arn} has no related item with this identifier ({remove.Type}).");
        }
        await Idempotency.RememberAsync(session, context, request.ClientToken, arn, ct);
        await session.CommitAuditedAsync(context, arn, ct);
        return new();
    }
}
