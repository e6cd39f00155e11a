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
        var feed = await FetchAsync(Feed(client, Id(rotation)));
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
        var feed = await FetchAsync(Feed(client, Id(rotation), contact: "b"));
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
    public async Task a_feed_not_found_says_which_scope_was_searched_and_how_to_name_the_owner()
    {
        var (client, rotation, _) = await RotationAsync();
        var id = Id(rotation);

        // No account: the server's default account was searched, which is not the owner's.
        var (status, text) = await GetTextAsync(new Uri(fixture.Server.Endpoint, $"_callout/rotations/{id}/calendar.ics?region=us-east-1"));
        Assert.Equal(404, status);
        Assert.Contains($"No rotation {id} in account ", text);
        Assert.Contains("names no account", text);
        Assert.Contains("?account=", text);

        // No region: the server's default region was searched, and the rotation is in eu-west-1.
        var european = fixture.NewClient("eu-west-1");
        await european.CreatePeopleAsync();
        var elsewhere = Id(await european.CreateRotationAsync("A,B", Now().AddDays(1), "UTC", Daily0900));
        (status, text) = await GetTextAsync(new Uri(fixture.Server.Endpoint, $"_callout/rotations/{elsewhere}/calendar.ics?account={european.Account}"));
        Assert.Equal(404, status);
        Assert.Contains($"No rotation {elsewhere} in account {european.Account}, region us-east-1.", text);
        Assert.Contains("names no region", text);

        // Both named, but not the owner's.
        (status, text) = await GetTextAsync(new Uri(fixture.Server.Endpoint, $"_callout/rotations/{id}/calendar.ics?account={client.Account}&region=eu-west-1"));
        Assert.Equal(404, status);
        Assert.Contains($"No rotation {id} in account {client.Account}, region eu-west-1.", text);
        Assert.Contains("?region=", text);

        (status, text) = await GetTextAsync(new Uri(fixture.Server.Endpoint, "_callout/rotations/not-a-uuid/calendar.ics"));
        Assert.Equal(404, status);
        Assert.Contains("'not-a-uuid' is not a rotation id", text);

        (status, text) = await GetTextAsync(new Uri(fixture.Server.Endpoint, $"_callout/rotations/{id}/calendar.ics?account=12345&region=us-east-1"));
        Assert.Equal(400, status);
        Assert.Contains("12-digit", text);
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
        var first = await FetchAsync(Feed(client, Id(rotation)));
        var second = await FetchAsync(Feed(client, Id(rotation)));

        var firstUids = first.Events.Select(e => e.Uid).ToList();
        Assert.Equal(firstUids.Count, firstUids.Distinct().Count());
        Assert.Equal(firstUids, second.Events.Select(e => e.Uid));
    }
}
