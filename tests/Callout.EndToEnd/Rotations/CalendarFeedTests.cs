using System.Text.Json;
using Callout.EndToEnd.Harness;
using Ical.Net;
using Ical.Net.CalendarComponents;
using static Callout.EndToEnd.Rotations.RotationCalls;

namespace Callout.EndToEnd.Rotations;

/// `GET /_callout/rotations/{rotation-id}/calendar.ics` (src/Callout.Server/Admin/CalendarEndpoints.cs):
/// a rotation's coming shifts as iCalendar, read back with Ical.Net and compared with
/// ListRotationShifts over the same window.
public sealed class CalendarFeedTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };
    const string Name = "Primary on call";

    Uri Feed(ApiClient client, string rotationId, string? contact = null, string? account = null) =>
        new(fixture.Server.Endpoint,
            $"_callout/rotations/{rotationId}/calendar.ics?account={account ?? client.Account}&region=us-east-1&days=10" + (contact is null ? "" : "&contact=" + contact));

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
        var feed = await FetchAsync(Feed(client, Id(rotation)));
        Assert.NotEmpty(feed.Events);

        // The feed runs from the rotation's start to `days` after the request, to the second.
        Assert.Equal(start, Start(feed.Events[0]));
        var end = End(feed.Events[^1]);
        Assert.InRange(end, feed.Before.AddDays(10).AddSeconds(-1), feed.After.AddDays(10));

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
        var feed = await FetchAsync(Feed(client, Id(rotation), contact: "b"));
        Assert.NotEmpty(feed.Events);
        // The feed ends at the server's now + 10 days, to the second: the last event's end if that
        // event was cut there, otherwise just before it.
        var horizon = feed.Before.AddDays(10).AddSeconds(-1);
        var end = End(feed.Events[^1]) >= horizon ? End(feed.Events[^1]) : horizon;

        var shifts = await client.ShiftsAsync(rotation, start, end);
        var bs = shifts.Where(s => s.GetProperty("ContactIds").EnumerateArray().Any(c => c.GetString() == client.Arn("contact/b"))).ToList();
        Assert.Equal(bs.Select(s => Describe(client, s)), feed.Events.Select(Describe));
        Assert.All(feed.Events, e => Assert.Contains("b", e.Summary!.Split(": ")[1].Split(", ")));
        Assert.Equal($"On call: {Name} (b)", feed.Calendar.Properties["X-WR-CALNAME"]?.Value?.ToString());
    }

    [Fact]
    public async Task an_unknown_rotation_has_no_feed()
    {
        var (client, rotation, _) = await RotationAsync();
        foreach (var uri in new[]
        {
            Feed(client, Guid.NewGuid().ToString()),
            Feed(client, "not-a-uuid"),
            // The rotation exists, but in another account.
            Feed(client, Id(rotation), account: "999999999999"),
        })
        {
            using var response = await Http.GetAsync(uri);
            Assert.True((int)response.StatusCode == 404, $"{uri}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task event_uids_are_unique_and_stable_across_fetches()
    {
        // A rotation that started long ago: the shift under way is cut at "now", which moves
        // between the fetches, and the last one is cut at now + days.
        var client = fixture.NewClient();
        await client.CreatePeopleAsync();
        var rotation = await client.CreateRotationAsync("A,B,C", new DateTimeOffset(2024, 1, 1, 9, 0, 0, TimeSpan.Zero), "UTC", Daily0900, Name);
        var first = await FetchAsync(Feed(client, Id(rotation)));
        var second = await FetchAsync(Feed(client, Id(rotation)));

        var firstUids = first.Events.Select(e => e.Uid).ToList();
        Assert.Equal(firstUids.Count, firstUids.Distinct().Count());
        Assert.Equal(firstUids, second.Events.Select(e => e.Uid));
    }
}
