using Callout.Domain.Errors;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;

namespace Callout.Server.Operations.Channels;

/// A new code replaces the previous one; an active channel needs none (docs/spec/domain.md §2.2).
sealed class SendActivationCode(IStore store, ActivationIssuer activation) : IOperation<SendActivationCodeRequest, SendActivationCodeResult>
{
    public async Task<SendActivationCodeResult> HandleAsync(SendActivationCodeRequest request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: true, ct);
        var channel = await session.RequireChannelAsync(request.ContactChannelId, context.Scope(), ct);
        if (channel.Activated)
        {
            throw new InvalidRequest($"Contact channel {request.ContactChannelId} is already activated.", "contactChannelId");
        }
        var (issued, deliver) = activation.Prepare(channel, context.Now());
        await session.UpdateChannelAsync(issued, ct);
        await session.CommitAuditedAsync(context, channel.Arn, ct);
        // The session holds the store's writer; let it go before the provider (which may be the
        // local outbox, itself a write) is called.
        await session.DisposeAsync();
        await deliver(ct);
        return new SendActivationCodeResult();
    }
}
