using Callout.Domain.Arns;
using Callout.Domain.Errors;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Mapping;

namespace Callout.Server.Operations.Pages;

/// The page with the texts of its engagement (docs/spec/domain.md §2.6).
sealed class DescribePage(IStore store) : IOperation<DescribePageRequest, DescribePageResult>
{
    public async Task<DescribePageResult> HandleAsync(DescribePageRequest request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var page = await session.RequirePageAsync(request.PageId, context.Scope(), ct);
        var e = await session.FindEngagementAsync(page.EngagementId, ct)
            ?? throw new ResourceNotFound(request.PageId, ResourceTypes.Page, $"Page {request.PageId} not found.");
        return new DescribePageResult
        {
            PageArn = page.Arn.ToString(),
            EngagementArn = e.Arn.ToString(),
            ContactArn = ResourceArn.Contact(page.Arn.Scope, page.ContactAlias).ToString(),
            Sender = e.Sender,
            Subject = e.Subject,
            Content = e.Content,
            PublicSubject = e.PublicSubject,
            PublicContent = e.PublicContent,
            IncidentId = e.IncidentId,
            SentTime = Times.Of(page.SentTime),
            DeliveryTime = Times.Of(page.DeliveryTime),
            ReadTime = Times.Of(page.ReadTime),
        };
    }
}
