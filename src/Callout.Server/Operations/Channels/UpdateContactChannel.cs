using Callout.Domain.Channels;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;

namespace Callout.Server.Operations.Channels;

/// A new address is never paged unconfirmed: the channel goes back to NOT_ACTIVATED and a fresh
/// code goes to the new address. A name change keeps the status (docs/spec/domain.md §2.2).
sealed class UpdateContactChannel(IStore store, ActivationIssuer activation) : IOperation<UpdateContactChannelRequest, UpdateContactChannelResult>
{
    public async Task<UpdateContactChannelResult> HandleAsync(UpdateContactChannelRequest request, RequestContext context, CancellationToken ct)
    {
        var scope = context.Scope();
        await using var session = await store.OpenAsync(scope, write: true, ct);
        var channel = await session.RequireChannelAsync(request.ContactChannelId, scope, ct);
        var name = request.Name ?? channel.Name;
        var address = request.DeliveryAddress?.SimpleAddress ?? channel.Address;
        ChannelRules.CheckAddress(channel.Kind, address);
        var siblings = await session.ListChannelsAsync(channel.ContactAlias, null, int.MaxValue, ct);
        ChannelRules.CheckUnique(siblings, channel.Id, name, channel.Kind, address);

        var updated = channel with { Name = name, Address = address };
        Func<CancellationToken, Task>? deliver = null;
        if (address != channel.Address)
        {
            // The hourly limit protects a recipient from repeated codes; a new address has had none.
            (updated, deliver) = activation.Prepare(updated with { ActivationCodesSent = [] }, context.Now());
        }
        await session.UpdateChannelAsync(updated, ct);
        await session.CommitAuditedAsync(context, channel.Arn, ct);
        await session.DisposeAsync();
        if (deliver is not null)
        {
            await deliver(ct);
        }
        return new UpdateContactChannelResult();
    }
}
