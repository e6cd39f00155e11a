using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Mapping;

namespace Callout.Server.Operations.Channels;

sealed class GetContactChannel(IStore store) : IOperation<GetContactChannelRequest, GetContactChannelResult>
{
    public async Task<GetContactChannelResult> HandleAsync(GetContactChannelRequest request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var channel = await session.RequireChannelAsync(request.ContactChannelId, context.Scope(), ct);
        return new GetContactChannelResult
        {
            ContactArn = Domain.Arns.ResourceArn.Contact(channel.Arn.Scope, channel.ContactAlias).ToString(),
            ContactChannelArn = channel.Arn.ToString(),
            Name = channel.Name,
            Type = WireNames.Of(channel.Kind),
            DeliveryAddress = new ContactChannelAddress { SimpleAddress = channel.Address },
            ActivationStatus = WireNames.Activation(channel.Activated),
        };
    }
}
