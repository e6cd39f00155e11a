namespace Callout.Server.Management.CalendarFeeds;

/// Where a feed is fetched: `{public url}_callout/feeds/{token}/calendar.ics`. The token is the
/// whole of the access, so nothing else (no account, no rotation id) is in the address.
static class CalendarFeedUrls
{
    public const string Route = "/_callout/feeds/{token}/calendar.ics";

    public static Uri For(Uri publicUrl, string token) => new(publicUrl, $"_callout/feeds/{token}/calendar.ics");
}
