using Callout.EndToEnd.Engagements;
using Callout.EndToEnd.Harness;
using Ical.Net;
using Ical.Net.CalendarComponents;
using static Callout.EndToEnd.Rotations.RotationCalls;

namespace Callout.EndToEnd.Rotations;

/// Calendar apps poll a feed every few minutes or hours and rewrite whatever changed, so a feed
/// must not change between polls unless the shifts did: polls on the virtual clock, at chosen
/// moments of a day, give the same bytes, and the first event is the shift under way, whole.
public sealed class CalendarFeedPollTests(VirtualClockFixture fixture) : IClassFixture<VirtualClockFixture>
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    static async Task<(string Text, List<CalendarEvent> Events)> PollAsync(Uri uri)
    {
        using var response = await Http.GetAsync(uri);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return (text, Calendar.Load(text)!.Events.OrderBy(e => e.DtStart!.AsUtc).ToList());
    }

    async Task<DateTimeOffset> VirtualNowAsync() =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)(await VirtualTime.NowAsync(fixture.Endpoint) * 1000));

    /// Moves the virtual clock forward to `at`.
    async Task AdvanceToAsync(DateTimeOffset at)
    {
        var by = at - await VirtualNowAsync();
        Assert.True(by >= TimeSpan.Zero, $"the virtual clock is already past {at:O}");
        await VirtualTime.AdvanceAsync(fixture.Endpoint, by);
    }

    /// Midnight UTC of the virtual clock's next day: a day far enough ahead that this test's
    /// rotations and overrides are set up before it begins.
    async Task<DateTimeOffset> NextDayAsync() => new DateTimeOffset((await VirtualNowAsync()).UtcDateTime.Date, TimeSpan.Zero).AddDays(1);

    static DateTimeOffset Start(CalendarEvent e) => new(e.DtStart!.AsUtc, TimeSpan.Zero);

    static DateTimeOffset End(CalendarEvent e) => new(e.DtEnd!.AsUtc, TimeSpan.Zero);

    static string Describe(CalendarEvent e) => $"{e.Uid} {Text(Start(e))}→{Text(End(e))} {e.Summary}";

    async Task<(ApiClient Client, string Rotation, Uri Feed)> DailyRotationAsync()
    {
        var client = ApiClient.ForNewAccount(fixture.Endpoint);
        await client.CreatePeopleAsync();
        // Started long ago: the shift under way at any poll began before it.
        var rotation = await client.CreateRotationAsync("A,B,C", new DateTimeOffset(2024, 1, 1, 9, 0, 0, TimeSpan.Zero), "UTC", Daily0900, "Primary");
        return (client, rotation, (await client.CreateFeedAsync(rotation, "days=10")).Url);
    }

    [Fact]
    public async Task polls_within_a_shift_give_the_same_feed_from_the_shift_start_to_a_fixed_horizon()
    {
        var (client, rotation, feed) = await DailyRotationAsync();
        var day = await NextDayAsync();

        await AdvanceToAsync(day.AddHours(12));
        var noon = await PollAsync(feed);
        await AdvanceToAsync(day.AddHours(12).AddMinutes(1));
        var minuteLater = await PollAsync(feed);
        await AdvanceToAsync(day.AddHours(17));
        var evening = await PollAsync(feed);

        Assert.Equal(noon.Text, minuteLater.Text);
        Assert.Equal(noon.Text, evening.Text);

        // The shift under way began at 09:00 and is shown whole; the feed ends at midnight UTC at
        // the end of the tenth day after today, cutting the shift under way then.
        Assert.Equal(day.AddHours(9), Start(noon.Events[0]));
        Assert.Equal(day.AddDays(11), End(noon.Events[^1]));
        var shifts = await client.ShiftsAsync(rotation, day.AddHours(9), day.AddDays(11));
        Assert.Equal(
            shifts.Select(s => $"{Text(Time(s.GetProperty("StartTime")))}→{Text(Time(s.GetProperty("EndTime")))}"),
            noon.Events.Select(e => $"{Text(Start(e))}→{Text(End(e))}"));
    }

    [Fact]
    public async Task after_a_hand_off_the_ended_shift_drops_out_and_the_others_keep_their_uids_and_times()
    {
        var (client, rotation, feed) = await DailyRotationAsync();
        var day = await NextDayAsync();

        await AdvanceToAsync(day.AddHours(12));
        var before = await PollAsync(feed);
        await AdvanceToAsync(day.AddDays(1).AddHours(10));
        var after = await PollAsync(feed);

        Assert.Equal(day.AddDays(1).AddHours(9), Start(after.Events[0]));
        Assert.Equal(day.AddDays(12), End(after.Events[^1]));
        // Every event of the first poll but the ended shift and the one cut at the old horizon
        // comes back unchanged.
        Assert.Equal(before.Events[1..^1].Select(Describe), after.Events[..(before.Events.Count - 2)].Select(Describe));
    }

    [Fact]
    public async Task the_first_event_of_a_poll_during_an_override_starts_where_the_override_does()
    {
        var (client, rotation, feed) = await DailyRotationAsync();
        var day = await NextDayAsync();
        await client.CreateOverrideAsync(rotation, "C", day.AddHours(11), day.AddHours(15));

        await AdvanceToAsync(day.AddHours(12));
        var first = await PollAsync(feed);
        await AdvanceToAsync(day.AddHours(12).AddMinutes(1));
        var second = await PollAsync(feed);

        Assert.Equal(first.Text, second.Text);
        // The regular part of the shift, 09:00 to 11:00, has ended; the override is under way.
        Assert.Equal(day.AddHours(11), Start(first.Events[0]));
        Assert.Equal(day.AddHours(15), End(first.Events[0]));
        Assert.Equal("On call (Primary): c", first.Events[0].Summary);
    }
}
