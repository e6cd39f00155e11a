using Callout.Domain.Arns;
using Callout.Domain.Codes;
using Callout.Domain.Engagements;
using Callout.Domain.Errors;
using Callout.Domain.Ports;
using Callout.Engine.Acknowledgement;
using Callout.Engine.Processing;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;

namespace Callout.Server.Operations.Pages;

/// AcceptCodeValidation defaults to IGNORE, which accepts any well-formed code (AWS changelog);
/// ENFORCE checks it, and wrong tries burn the page's code and throttle the account (CodeTryGuard):
/// a page's code never changes, so a burned one stays burned. Only READ acknowledges (docs/spec/domain.md §4.1).
sealed class AcceptPage(IStore store, EngagementActions actions, EngineSecrets secrets, CodeTryGuard guard) : IOperation<AcceptPageRequest, AcceptPageResult>
{
    public async Task<AcceptPageResult> HandleAsync(AcceptPageRequest request, RequestContext context, CancellationToken ct)
    {
        var scope = context.Scope();
        await using var session = await store.OpenAsync(scope, write: true, ct);
        var page = await session.RequirePageAsync(request.PageId, scope, ct);
        if (request.ContactChannelId is { } channelId)
        {
            var channel = ArnResolver.Resolve(channelId, ResourceKind.ContactChannel, scope, "contactChannelId");
            if (channel.Id != page.ChannelId || channel.Alias != page.ContactAlias)
            {
                throw new InvalidRequest($"Contact channel {channelId} is not the channel of page {request.PageId}.", "contactChannelId");
            }
        }
        var kind = request.AcceptType == AcceptType.Read ? AcceptKind.Read : AcceptKind.Delivered;
        var enforce = request.AcceptCodeValidation == AcceptCodeValidation.Enforce;
        if (enforce)
        {
            await guard.CheckAsync(session, scope, new CodeTryGuard.Code(CodeTries.AcceptKey(page), "accept", "acceptCode",
                    "The accept code does not match the page.",
                    "The accept code of this page no longer works with AcceptCodeValidation ENFORCE."),
                AcceptCodes.Matches(await secrets.AcceptCodesAsync(ct), page.Arn.ToString(), request.AcceptCode), context.Now(), ct);
        }
        await actions.AcceptAsync(session, page, kind, request.AcceptCode, request.Note, enforce, context.Now(), ct);
        await session.CommitAuditedAsync(context, page.Arn, ct);
        return new AcceptPageResult();
    }
}
