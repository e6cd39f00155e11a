using System.Text.Json;
using Callout.Domain.Errors;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Server.Api;

namespace Callout.Server.Management.CalendarFeeds;

/// `Callout.RevokeCalendarFeed {"FeedId"}`: the feed's URL stops working at once (its row is
/// gone, and every fetch reads the store). A feed of another account or region is not found.
sealed class RevokeCalendarFeed(IStore store) : IManagementOperation
{
    public string Name => "RevokeCalendarFeed";

    public async Task<Action<Utf8JsonWriter>> HandleAsync(ManagementRequest request, RequestContext context, CancellationToken ct)
    {
        var feedId = request.RequiredString("FeedId", 64);
        await using var session = await store.OpenAsync(context.Scope(), write: true, ct);
        if (!await session.DeleteCalendarFeedAsync(feedId, ct))
        {
            throw new ResourceNotFound(feedId, ResourceTypes.CalendarFeed, $"Calendar feed {feedId} not found.");
        }
        await session.CommitAsync(ct);
        return w =>
        {
            w.WriteStartObject();
            w.WriteEndObject();
        };
    }
}
