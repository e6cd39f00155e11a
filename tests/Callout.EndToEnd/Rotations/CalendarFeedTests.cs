using System.Text.Json;
using Callout.EndToEnd.Harness;
using Ical.Net;
using Ical.Net.CalendarComponents;
using static Callout.EndToEnd.Rotations.RotationCalls;

namespace Callout.EndToEnd.Rotations;

/// A rotation's feed (`GET /_callout/feeds/{token}/calendar.ics`, src/Callout.Server/Admin/CalendarEndpoints.cs):
/// its coming shifts as iCalendar, read back with Ical.Net and compared with ListRotationShifts
/// over the same window.
public sealed class CalendarFeedTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };
    const string Name = "Primary on call";

    static async Task<Uri> FeedAsync(ApiClient client, string rotationArn, string? contact = null) =>
        (await client.CreateFeedAsync(rotationArn, "days=10" + (contact is null ? "" : "&contact=" + contact))).Url;

    static string Id(string rotationArn) => rotationArn.Split('/')[^1];

    sealed record Fetched(List<CalendarEvent> Events, Calendar Calendar, DateTimeOffset Before, DateTimeOffset After);

    static async Task<Fetched> FetchAsync(Uri uri)
    {
        var before = DateTimeOffset.UtcNow;
        using var response = await Http.GetAsync(uri);
        var after = DateTimeOffset.UtcNow;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var calendar = Calendar.Load(text)!;
        return new Fetched(calendar.Events.OrderBy(e => e.DtStart!.AsUtc).ToList(), calendar, before, after);
    }

    static DateTimeOffset Horizon(DateTimeOffset now) => new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(11);

    static DateTimeOffset Start(CalendarEvent e) => new(e.DtStart!.AsUtc, TimeSpan.Zero);

    static DateTimeOffset End(CalendarEvent e) => new(e.DtEnd!.AsUtc, TimeSpan.Zero);

    /// An event as "start→end summary", and a shift the same way with the summary the feed promises.
    static string Describe(CalendarEvent e) => $"{Text(Start(e))}→{Text(End(e))} {e.Summary}";

    static string Describe(ApiClient client, JsonElement shift)
    {
        var prefix = client.Arn("contact/");
        var members = shift.GetProperty("ContactIds").EnumerateArray().Select(c => c.GetString()![prefix.Length..]);
        return $"{Text(Time(shift.GetProperty("StartTime")))}→{Text(Time(shift.GetProperty("EndTime")))} On call ({Name}): {string.Join(", ", members)}";
    }

    /// Contacts a–d; A, B, C daily at 09:00 UTC from tomorrow 09:00, with an override by C, one by
    /// B, and an empty one.
    async Task<(ApiClient Client, string Rotation, DateTimeOffset Start)> RotationAsync()
    {
        var client = fixture.NewClient();
        await client.CreatePeopleAsync();
        var start = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero).AddDays(1).AddHours(9);
        var rotation = await client.CreateRotationAsync("A,B,C", start, "UTC", Daily0900, Name);
        await client.CreateOverrideAsync(rotation, "C", start.AddHours(3), start.AddHours(9));
        await client.CreateOverrideAsync(rotation, "B,A", start.AddDays(2).AddHours(1), start.AddDays(2).AddHours(5));
        await client.CreateOverrideAsync(rotation, "", start.AddDays(4).AddHours(2), start.AddDays(4).AddHours(4));
        return (client, rotation, start);
    }

    [Fact]
    public async Task the_feed_holds_the_shifts_of_the_next_days_as_list_rotation_shifts_gives_them()
    {
        var (client, rotation, start) = await RotationAsync();
        var feed = await FetchAsync(await FeedAsync(client, rotation));
        Assert.NotEmpty(feed.Events);

        // The feed runs from the rotation's start to midnight UTC at the end of the tenth day
        // after today.
        Assert.Equal(start, Start(feed.Events[0]));
        var end = End(feed.Events[^1]);
        Assert.Contains(end, new[] { Horizon(feed.Before), Horizon(feed.After) });

        // Shifts with nobody on call (the empty override) have no event.
        var shifts = await client.ShiftsAsync(rotation, start, end);
        Assert.Contains(shifts, s => s.GetProperty("ContactIds").GetArrayLength() == 0);
        Assert.Equal(
            shifts.Where(s => s.GetProperty("ContactIds").GetArrayLength() > 0).Select(s => Describe(client, s)),
            feed.Events.Select(Describe));
        Assert.Contains(feed.Events, e => e.Summary == $"On call ({Name}): b, a");
        Assert.Equal($"On call: {Name}", feed.Calendar.Properties["X-WR-CALNAME"]?.Value?.ToString());
    }

    [Fact]
    public async Task the_contact_parameter_keeps_only_that_contacts_shifts()
    {
        var (client, rotation, start) = await RotationAsync();
        var feed = await FetchAsync(await FeedAsync(client, rotation, contact: "b"));
        Assert.NotEmpty(feed.Events);
        // The feed ends at midnight UTC at the end of the tenth day after today.
        var end = Horizon(feed.After);

        var shifts = await client.ShiftsAsync(rotation, start, end);
        var bs = shifts.Where(s => s.GetProperty("ContactIds").EnumerateArray().Any(c => c.GetString() == client.Arn("contact/b"))).ToList();
        Assert.Equal(bs.Select(s => Describe(client, s)), feed.Events.Select(Describe));
        Assert.All(feed.Events, e => Assert.Contains("b", e.Summary!.Split(": ")[1].Split(", ")));
        Assert.Equal($"On call: {Name} (b)", feed.Calendar.Properties["X-WR-CALNAME"]?.Value?.ToString());
    }

    [Fact]
    public async Task an_unknown_rotation_or_another_accounts_rotation_gets_no_feed()
    {
        var (client, rotation, _) = await RotationAsync();
        var stranger = fixture.NewClient();

        foreach (var arn in new[] { client.Arn("rotation/" + Guid.NewGuid()), rotation })
        {
            var response = await stranger.CalloutAsync("CreateCalendarFeed", JsonSerializer.Serialize(new { TargetArn = arn }));
            Assert.Equal(400, response.Status);
            Assert.Equal("ResourceNotFoundException", response.Type);
        }
        Assert.Empty((await stranger.CalloutOkAsync("ListCalendarFeeds", "{}")).GetProperty("CalendarFeeds").EnumerateArray());
    }

    [Fact]
    public async Task the_old_feed_address_answers_404_saying_feed_urls_now_need_a_token()
    {
        var (client, rotation, _) = await RotationAsync();

        foreach (var query in new[] { $"?account={client.Account}&region=us-east-1", "", "?account=12345" })
        {
            var (status, text) = await GetTextAsync(new Uri(fixture.Server.Endpoint, $"_callout/rotations/{Id(rotation)}/calendar.ics{query}"));
            Assert.Equal(404, status);
            Assert.Contains("now need a secret token", text, StringComparison.Ordinal);
            Assert.Contains("Callout.CreateCalendarFeed", text, StringComparison.Ordinal);
            Assert.DoesNotContain("BEGIN:VCALENDAR", text, StringComparison.Ordinal);
        }
    }

    static async Task<(int Status, string Text)> GetTextAsync(Uri uri)
    {
        using var response = await Http.GetAsync(uri);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task event_uids_are_unique_and_stable_across_fetches()
    {
        // A rotation that started long ago, fetched twice at the system clock's pace.
        var client = fixture.NewClient();
        await client.CreatePeopleAsync();
        var rotation = await client.CreateRotationAsync("A,B,C", new DateTimeOffset(2024, 1, 1, 9, 0, 0, TimeSpan.Zero), "UTC", Daily0900, Name);
        var first = await FetchAsync(await FeedAsync(client, rotation));
        var second = await FetchAsync(await FeedAsync(client, rotation));

        var firstUids = first.Events.Select(e => e.Uid).ToList();
        Assert.Equal(firstUids.Count, firstUids.Distinct().Count());
        Assert.Equal(firstUids, second.Events.Select(e => e.Uid));
    }
}
