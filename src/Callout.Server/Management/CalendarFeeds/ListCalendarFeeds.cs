using System.Text.Json;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Server.Listing;

namespace Callout.Server.Management.CalendarFeeds;

/// `Callout.ListCalendarFeeds {"MaxResults"?, "NextToken"?}`: the caller's feeds, oldest first,
/// with their ids, targets and creation times; never their tokens, which are not kept.
sealed class ListCalendarFeeds(IStore store, CursorTokens tokens) : IManagementOperation
{
    public string Name => "ListCalendarFeeds";

    public Task<Action<Utf8JsonWriter>> HandleAsync(ManagementRequest request, RequestContext context, CancellationToken ct) =>
        CreationOrderListing.ListAsync(request, context, store, tokens,
            (session, after, limit, token) => session.ListCalendarFeedsAsync(after, limit, token),
            f => (f.CreatedAt, f.Id), "CalendarFeeds", (w, feed) =>
            {
                w.WriteString("FeedId", feed.Id);
                w.WriteString("TargetArn", feed.Target.ToString());
                w.WriteNumber("CreatedTime", feed.CreatedAt.ToUnixTimeMilliseconds() / 1000m);
            }, ct);
}
