using Callout.Domain.Channels;
using Callout.Domain.Codes;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;

namespace Callout.Server.Operations.Channels;

/// Activating an active channel changes nothing; otherwise the code must be the latest one sent
/// and unexpired, and it is used up. Wrong tries burn the code and throttle the account
/// (CodeTryGuard); SendActivationCode sends a new one.
sealed class ActivateContactChannel(IStore store, CodeTryGuard guard) : IOperation<ActivateContactChannelRequest, ActivateContactChannelResult>
{
    public async Task<ActivateContactChannelResult> HandleAsync(ActivateContactChannelRequest request, RequestContext context, CancellationToken ct)
    {
        var scope = context.Scope();
        await using var session = await store.OpenAsync(scope, write: true, ct);
        var channel = await session.RequireChannelAsync(request.ContactChannelId, scope, ct);
        if (channel.Activated)
        {
            return new ActivateContactChannelResult();
        }
        var now = context.Now();
        await guard.CheckAsync(session, scope, new CodeTryGuard.Code(CodeTries.ActivationKey(channel), "activation", "activationCode",
                "The activation code is not the one last sent to this channel, or it has expired.",
                "The activation code last sent to this channel no longer works: send a new one with SendActivationCode."),
            ActivationCodes.Matches(channel, request.ActivationCode, now), now, ct);
        await session.UpdateChannelAsync(channel with { Activated = true, ActivationCodeHash = null, ActivationCodeExpires = null }, ct);
        await session.CommitAuditedAsync(context, channel.Arn, ct);
        return new ActivateContactChannelResult();
    }
}
