using System.Globalization;
using Callout.Domain.Arns;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Mapping;
using Callout.Server.Listing;

namespace Callout.Server.Operations.Engagements;

/// Newest first; the time range filters StartTime inclusively. Only engagements made by
/// StartEngagement are listed; escalations create no child engagements (docs/spec/domain.md §2.5).
sealed class ListEngagements(IStore store, CursorTokens tokens) : IOperation<ListEngagementsRequest, ListEngagementsResult>
{
    public async Task<ListEngagementsResult> HandleAsync(ListEngagementsRequest request, RequestContext context, CancellationToken ct)
    {
        var from = Times.Of(request.TimeRangeValue?.StartTime);
        var to = Times.Of(request.TimeRangeValue?.EndTime);
        var filters = string.Join('\n', request.IncidentId, from?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            to?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        var cursor = tokens.Open(request.NextToken, context.Operation, filters, request.MaxResults);

        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var (engagements, next) = cursor.Take(await session.ListEngagementsAsync(request.IncidentId, from, to, TimeKeys.Parse(cursor.After), cursor.Fetch, ct),
            e => TimeKeys.Of(e.StartTime, e.Id));
        return new ListEngagementsResult
        {
            Engagements = engagements.Select(e => new Engagement
            {
                EngagementArn = e.Arn.ToString(),
                ContactArn = ResourceArn.Contact(e.Arn.Scope, e.ContactAlias).ToString(),
                Sender = e.Sender,
                IncidentId = e.IncidentId,
                StartTime = Times.Of(e.StartTime),
                StopTime = Times.Of(e.StopTime),
            }).ToList(),
            NextToken = next,
        };
    }
}
