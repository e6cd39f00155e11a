using Callout.Domain.Channels;
using Callout.Domain.Errors;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;

namespace Callout.Server.Operations.Channels;

/// Activating an active channel changes nothing; otherwise the code must be the latest one sent
/// and unexpired, and it is used up.
sealed class ActivateContactChannel(IStore store) : IOperation<ActivateContactChannelRequest, ActivateContactChannelResult>
{
    public async Task<ActivateContactChannelResult> HandleAsync(ActivateContactChannelRequest request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: true, ct);
        var channel = await session.RequireChannelAsync(request.ContactChannelId, context.Scope(), ct);
        if (channel.Activated)
        {
            return new ActivateContactChannelResult();
        }
        if (!ActivationCodes.Matches(channel, request.ActivationCode, context.Now()))
        {
            throw new InvalidRequest("The activation code is not the one last sent to this channel, or it has expired.", "activationCode");
        }
        await session.UpdateChannelAsync(channel with { Activated = true, ActivationCodeHash = null, ActivationCodeExpires = null }, ct);
        await session.CommitAuditedAsync(context, channel.Arn, ct);
        return new ActivateContactChannelResult();
    }
}
