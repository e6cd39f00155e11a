using System.Globalization;
using Callout.Domain.Arns;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Mapping;
using Callout.Server.Pagination;

namespace Callout.Server.Operations.Engagements;

/// Newest first; the time range filters StartTime inclusively. Only engagements made by
/// StartEngagement are listed; escalations create no child engagements (spec/domain.md §2.5).
sealed class ListEngagements(IContactStore store, PageTokens tokens) : IOperation<ListEngagementsRequest, ListEngagementsResult>
{
    public async Task<ListEngagementsResult> HandleAsync(ListEngagementsRequest request, RequestContext context, CancellationToken ct)
    {
        var from = Times.Of(request.TimeRangeValue?.StartTime);
        var to = Times.Of(request.TimeRangeValue?.EndTime);
        var filters = string.Join('\n', request.IncidentId, from?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            to?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        var after = Keys.Parse(tokens.Open(request.NextToken, context.Operation, filters));
        var size = PageSize.Of(request.MaxResults);

        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var found = await session.ListEngagementsAsync(request.IncidentId, from, to, after, size + 1, ct);
        var page = found.Take(size).ToList();
        return new ListEngagementsResult
        {
            Engagements = page.Select(e => new Engagement
            {
                EngagementArn = e.Arn.ToString(),
                ContactArn = ResourceArn.Contact(e.Arn.Scope, e.ContactAlias).ToString(),
                Sender = e.Sender,
                IncidentId = e.IncidentId,
                StartTime = Times.Of(e.StartTime),
                StopTime = Times.Of(e.StopTime),
            }).ToList(),
            NextToken = found.Count > size ? tokens.Issue(context.Operation, filters, Keys.Of(page[^1].StartTime, page[^1].Id)) : null,
        };
    }
}
