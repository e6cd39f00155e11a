using Callout.Domain.Arns;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Mapping;

namespace Callout.Server.Operations.Engagements;

sealed class DescribeEngagement(IStore store) : IOperation<DescribeEngagementRequest, DescribeEngagementResult>
{
    public async Task<DescribeEngagementResult> HandleAsync(DescribeEngagementRequest request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var e = await session.RequireEngagementAsync(request.EngagementId, context.Scope(), ct);
        return new DescribeEngagementResult
        {
            ContactArn = ResourceArn.Contact(e.Arn.Scope, e.ContactAlias).ToString(),
            EngagementArn = e.Arn.ToString(),
            Sender = e.Sender,
            Subject = e.Subject,
            Content = e.Content,
            PublicSubject = e.PublicSubject,
            PublicContent = e.PublicContent,
            IncidentId = e.IncidentId,
            StartTime = Times.Of(e.StartTime),
            StopTime = Times.Of(e.StopTime),
        };
    }
}
