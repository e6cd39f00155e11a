using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Mapping;
using Callout.Server.Listing;

namespace Callout.Server.Operations.Channels;

/// In creation order.
sealed class ListContactChannels(IStore store, CursorTokens tokens) : IOperation<ListContactChannelsRequest, ListContactChannelsResult>
{
    public async Task<ListContactChannelsResult> HandleAsync(ListContactChannelsRequest request, RequestContext context, CancellationToken ct)
    {
        var filters = request.ContactId;
        var cursor = tokens.Open(request.NextToken, context.Operation, filters, request.MaxResults);
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var contact = await session.RequireContactAsync(request.ContactId, context.Scope(), ct);
        var (channels, next) = cursor.Take(await session.ListChannelsAsync(contact.Alias, cursor.After, cursor.Fetch, ct), c => c.Id);
        return new ListContactChannelsResult
        {
            ContactChannels = channels.Select(c => new ContactChannel
            {
                ContactChannelArn = c.Arn.ToString(),
                ContactArn = contact.Arn.ToString(),
                Name = c.Name,
                Type = WireNames.Of(c.Kind),
                DeliveryAddress = new ContactChannelAddress { SimpleAddress = c.Address },
                ActivationStatus = WireNames.Activation(c.Activated),
            }).ToList(),
            NextToken = next,
        };
    }
}
