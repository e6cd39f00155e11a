using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Mapping;
using Callout.Server.Pagination;

namespace Callout.Server.Operations.Channels;

/// In creation order.
sealed class ListContactChannels(IContactStore store, PageTokens tokens) : IOperation<ListContactChannelsRequest, ListContactChannelsResult>
{
    public async Task<ListContactChannelsResult> HandleAsync(ListContactChannelsRequest request, RequestContext context, CancellationToken ct)
    {
        var filters = request.ContactId;
        var after = tokens.Open(request.NextToken, context.Operation, filters);
        var size = PageSize.Of(request.MaxResults);
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var contact = await session.RequireContactAsync(request.ContactId, context.Scope(), ct);
        var found = await session.ListChannelsAsync(contact.Alias, after, size + 1, ct);
        var page = found.Take(size).ToList();
        return new ListContactChannelsResult
        {
            ContactChannels = page.Select(c => new ContactChannel
            {
                ContactChannelArn = c.Arn.ToString(),
                ContactArn = contact.Arn.ToString(),
                Name = c.Name,
                Type = WireNames.Of(c.Kind),
                DeliveryAddress = new ContactChannelAddress { SimpleAddress = c.Address },
                ActivationStatus = WireNames.Activation(c.Activated),
            }).ToList(),
            NextToken = found.Count > size ? tokens.Issue(context.Operation, filters, page[^1].Id) : null,
        };
    }
}
