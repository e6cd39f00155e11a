using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;

namespace Callout.Server.Operations.Channels;

/// The channel stops being paged; ActivateContactChannel with a code turns it back on.
sealed class DeactivateContactChannel(IStore store) : IOperation<DeactivateContactChannelRequest, DeactivateContactChannelResult>
{
    public async Task<DeactivateContactChannelResult> HandleAsync(DeactivateContactChannelRequest request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: true, ct);
        var channel = await session.RequireChannelAsync(request.ContactChannelId, context.Scope(), ct);
        if (channel.Activated)
        {
            await session.UpdateChannelAsync(channel with { Activated = false }, ct);
            await session.CommitAuditedAsync(context, channel.Arn, ct);
        }
        return new DeactivateContactChannelResult();
    }
}
