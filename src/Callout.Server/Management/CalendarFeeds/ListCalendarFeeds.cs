using System.Globalization;
using System.Text.Json;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Server.Api;
using Callout.Server.Listing;
using NodaTime;

namespace Callout.Server.Management.CalendarFeeds;

/// `Callout.ListCalendarFeeds {"MaxResults"?, "NextToken"?}`: the caller's feeds, oldest first,
/// with their ids, targets and creation times; never their tokens, which are not kept.
sealed class ListCalendarFeeds(IStore store, CursorTokens tokens) : IManagementOperation
{
    public string Name => "ListCalendarFeeds";

    public async Task<Action<Utf8JsonWriter>> HandleAsync(ManagementRequest request, RequestContext context, CancellationToken ct)
    {
        var maxResults = request.OptionalInt("MaxResults", 1, 1000);
        var nextToken = request.OptionalString("NextToken", 4096);
        var scope = context.Scope();
        // The scope is in the filters, so a token issued to one caller is refused for another.
        var cursor = tokens.Open(nextToken, context.Operation, scope.Prefix, maxResults);
        (Instant, string)? after = null;
        if (cursor.After is { } key)
        {
            var split = key.IndexOf('\n', StringComparison.Ordinal);
            after = (Instant.FromUnixTimeMilliseconds(long.Parse(key[..split], CultureInfo.InvariantCulture)), key[(split + 1)..]);
        }
        await using var session = await store.OpenAsync(scope, write: false, ct);
        var (feeds, next) = cursor.Take(await session.ListCalendarFeedsAsync(after, cursor.Fetch, ct),
            f => f.CreatedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "\n" + f.Id);
        return w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("CalendarFeeds");
            foreach (var feed in feeds)
            {
                w.WriteStartObject();
                w.WriteString("FeedId", feed.Id);
                w.WriteString("TargetArn", feed.Target.ToString());
                w.WriteNumber("CreatedTime", feed.CreatedAt.ToUnixTimeMilliseconds() / 1000m);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (next is not null)
            {
                w.WriteString("NextToken", next);
            }
            w.WriteEndObject();
        };
    }
}
