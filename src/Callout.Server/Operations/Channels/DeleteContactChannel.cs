using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;

namespace Callout.Server.Operations.Channels;

/// Always allowed: plans keep the reference and the stage that names it is skipped (model).
sealed class DeleteContactChannel(IStore store) : IOperation<DeleteContactChannelRequest, DeleteContactChannelResult>
{
    public async Task<DeleteContactChannelResult> HandleAsync(DeleteContactChannelRequest request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: true, ct);
        var channel = await session.RequireChannelAsync(request.ContactChannelId, context.Scope(), ct);
        await session.DeleteChannelAsync(channel.Id, ct);
        await session.CommitAuditedAsync(context, channel.Arn, ct);
        return new DeleteContactChannelResult();
    }
}
