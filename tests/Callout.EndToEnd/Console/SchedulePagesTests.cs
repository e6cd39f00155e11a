using System.Globalization;
using System.Text.Json;
using Callout.EndToEnd.Harness;
using Microsoft.Playwright;

namespace Callout.EndToEnd.Console;

/// The schedule pages: a rotation's week and month in its own time zone (across a DST change too),
/// overrides made in the console and marked in the calendar, the rotation preview, and calendar links.
public sealed class SchedulePagesTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    const string Daily0900 = """{"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"DailySettings":[{"HourOfDay":9,"MinuteOfHour":0}]}""";
    static int _next;

    string Arn(string alias) => fixture.Api.Arn("contact/" + alias);

    /// Fresh people for one test, and a daily 09:00 rotation of them in `zone`.
    async Task<(string Id, string[] People)> RotationAsync(string zone, DateTimeOffset start, int people = 3)
    {
        var n = Interlocked.Increment(ref _next);
        var aliases = Enumerable.Range(0, people).Select(i => $"{(char)('a' + i)}{n}").ToArray();
        foreach (var alias in aliases)
        {
            await fixture.Api.OkAsync("CreateContact", JsonSerializer.Serialize(new { Alias = alias, Type = "PERSONAL", Plan = new { Stages = Array.Empty<object>() } }));
        }
        var created = await fixture.Api.OkAsync("CreateRotation", $$"""
            {"Name":"rotation-{{n}}","ContactIds":{{JsonSerializer.Serialize(aliases.Select(Arn))}},"StartTime":{{start.ToUnixTimeSeconds()}},"TimeZoneId":"{{zone}}","Recurrence":{{Daily0900}}}
            """);
        var arn = created.GetProperty("RotationArn").GetString()!;
        return (arn[(arn.LastIndexOf('/') + 1)..], aliases);
    }

    static DateTimeOffset Epoch(JsonElement e) => DateTimeOffset.UnixEpoch.AddTicks((long)(e.GetDecimal() * TimeSpan.TicksPerSecond));

    [Fact]
    public async Task An_override_made_in_the_console_is_marked_in_the_week_and_month_and_listed_by_the_api()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var (id, people) = await RotationAsync("Europe/Berlin", new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(8);
        var iso = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var page = await fixture.OpenAsync($"/console/schedules/{id}?view=week&start={iso}");
        await Assertions.Expect(page.Locator(".calendar-zone")).ToContainTextAsync("Europe/Berlin");

        await page.GetByText("Create an override").ClickAsync();
        await page.Locator($"input[name=NewMembers][value='{Arn(people[2])}']").CheckAsync();
        await page.Locator("#OverrideStart").FillAsync(iso + "T12:00");
        await page.Locator("#OverrideEnd").FillAsync(iso + "T18:30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create override" }).ClickAsync();

        var marked = page.Locator($".calendar section.day[data-date='{iso}'] .shift.override");
        await Assertions.Expect(marked).ToHaveCountAsync(1);
        await Assertions.Expect(marked).ToContainTextAsync("12:00–18:30");
        await Assertions.Expect(marked).ToContainTextAsync(people[2]);
        await Assertions.Expect(marked.Locator(".tag")).ToContainTextAsync("Override");
        await Assertions.Expect(page.Locator(".legend")).ToContainTextAsync("Override");
        await Assertions.Expect(page.Locator("table.overrides")).ToContainTextAsync(people[2]);
        await ConsoleBrowser.ScreenshotAsync(page, "schedule-week");
        await page.SetViewportSizeAsync(390, 844);
        await ConsoleBrowser.ScreenshotAsync(page, "schedule-week-phone");
        await page.SetViewportSizeAsync(1280, 860);

        var local = new DateTime(day, new TimeOnly(12, 0));
        var start = new DateTimeOffset(local, berlin.GetUtcOffset(local));
        var listed = await fixture.Api.OkAsync("ListRotationOverrides", $$"""
            {"RotationId":"{{fixture.Api.Arn("rotation/" + id)}}","StartTime":{{start.AddDays(-1).ToUnixTimeSeconds()}},"EndTime":{{start.AddDays(1).ToUnixTimeSeconds()}}}
            """);
        var only = Assert.Single(listed.GetProperty("RotationOverrides").EnumerateArray());
        Assert.Equal([Arn(people[2])], only.GetProperty("NewContactIds").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(start, Epoch(only.GetProperty("StartTime")));
        Assert.Equal(start.AddHours(6.5), Epoch(only.GetProperty("EndTime")));

        await page.GetByRole(AriaRole.Link, new() { Name = "Month" }).ClickAsync();
        await Assertions.Expect(page.Locator(".calendar.month")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($".calendar section.day[data-date='{iso}'] .shift.override")).ToHaveCountAsync(1);
        await ConsoleBrowser.ScreenshotAsync(page, "schedule-month");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_override_the_api_refuses_is_shown_with_its_reason_and_the_values_kept()
    {
        var (id, people) = await RotationAsync("UTC", new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero));
        var page = await fixture.OpenAsync($"/console/schedules/{id}");
        await page.GetByText("Create an override").ClickAsync();
        await page.Locator($"input[name=NewMembers][value='{Arn(people[0])}']").CheckAsync();
        // In the past: AWS refuses overrides of shifts that have begun.
        await page.Locator("#OverrideStart").FillAsync("2026-02-01T10:00");
        await page.Locator("#OverrideEnd").FillAsync("2026-02-01T12:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create override" }).ClickAsync();
        await Assertions.Expect(page.Locator(".problem")).ToContainTextAsync("ValidationException");
        await Assertions.Expect(page.Locator("#OverrideStart")).ToHaveValueAsync("2026-02-01T10:00");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_week_and_month_of_a_new_york_rotation_keep_nine_o_clock_hand_offs_across_the_end_of_daylight_saving()
    {
        var (id, people) = await RotationAsync("America/New_York", new DateTimeOffset(2026, 10, 1, 13, 0, 0, TimeSpan.Zero));
        var page = await fixture.OpenAsync($"/console/schedules/{id}?view=week&start=2026-11-01");
        // The week runs Monday 26 October to Sunday 1 November, the 25-hour day the clocks go back.
        await Assertions.Expect(page.Locator(".calendar section.day")).ToHaveCountAsync(7);
        await Assertions.Expect(page.Locator(".calendar section.day").First).ToHaveAttributeAsync("data-date", "2026-10-26");
        var sunday = page.Locator(".calendar section.day[data-date='2026-11-01']");
        await Assertions.Expect(sunday.Locator(".dst")).ToHaveTextAsync("25-hour day");
        await Assertions.Expect(sunday.Locator(".shift .when")).ToHaveTextAsync(["00:00–09:00", "09:00–24:00"]);
        await Assertions.Expect(page.Locator(".calendar section.day[data-date='2026-10-31'] .shift .when")).ToHaveTextAsync(["00:00–09:00", "09:00–24:00"]);
        // Hand-offs at 09:00 New York: 13:00 UTC before the change, 14:00 UTC after, one person a day in turn.
        var shifts = await fixture.Api.OkAsync("ListRotationShifts", $$"""
            {"RotationId":"{{fixture.Api.Arn("rotation/" + id)}}","StartTime":{{new DateTimeOffset(2026, 11, 1, 14, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds()}},"EndTime":{{new DateTimeOffset(2026, 11, 1, 15, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds()}}}
            """);
        var onCall = shifts.GetProperty("RotationShifts")[0].GetProperty("ContactIds")[0].GetString()!;
        await Assertions.Expect(sunday.Locator(".shift").Nth(1).Locator(".who")).ToHaveTextAsync(onCall[(onCall.LastIndexOf('/') + 1)..]);
        Assert.Contains(onCall[(onCall.LastIndexOf('/') + 1)..], people);

        await page.GotoAsync($"/console/schedules/{id}?view=month&start=2026-11-15");
        await Assertions.Expect(page.Locator(".calendar.month section.day").First).ToHaveAttributeAsync("data-date", "2026-10-26");
        await Assertions.Expect(page.Locator(".calendar.month section.day[data-date='2026-11-01'] .dst")).ToHaveTextAsync("25-hour day");
        await Assertions.Expect(page.Locator(".calendar.month section.day[data-date='2026-11-02'] .shift .when")).ToHaveTextAsync(["00:00–09:00", "09:00–24:00"]);
        await Assertions.Expect(page.Locator(".calendar.month section.day[data-date='2026-11-30'] .shift")).ToHaveCountAsync(2);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_rotation_preview_shows_the_changed_shifts_without_saving_until_save()
    {
        var (id, people) = await RotationAsync("UTC", new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var rotationArn = fixture.Api.Arn("rotation/" + id);
        var page = await fixture.OpenAsync($"/console/schedules/{id}/edit?view=week&start=2026-03-02");
        await Assertions.Expect(page.GetByLabel("Members, in rotation order (one alias a line)")).ToHaveValueAsync(string.Join("\n", people));
        await page.GetByLabel("Members, in rotation order (one alias a line)").FillAsync($"{people[2]}\n{people[0]}");
        await page.GetByLabel("Hand-offs").FillAsync("18:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        var preview = page.Locator("section.preview");
        await Assertions.Expect(preview.Locator("section.day[data-date='2026-03-02'] .shift .when")).ToHaveTextAsync(["00:00–18:00", "18:00–24:00"]);
        await Assertions.Expect(preview).Not.ToContainTextAsync(people[1]);
        var unchanged = await fixture.Api.OkAsync("GetRotation", JsonSerializer.Serialize(new { RotationId = rotationArn }));
        Assert.Equal(people.Select(Arn), unchanged.GetProperty("ContactIds").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(9, unchanged.GetProperty("Recurrence").GetProperty("DailySettings")[0].GetProperty("HourOfDay").GetInt32());
        await ConsoleBrowser.ScreenshotAsync(page, "schedule-preview");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.WaitForURLAsync($"**/console/schedules/{id}?view=week&start=2026-03-02");
        var saved = await fixture.Api.OkAsync("GetRotation", JsonSerializer.Serialize(new { RotationId = rotationArn }));
        Assert.Equal([Arn(people[2]), Arn(people[0])], saved.GetProperty("ContactIds").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(18, saved.GetProperty("Recurrence").GetProperty("DailySettings")[0].GetProperty("HourOfDay").GetInt32());
        await Assertions.Expect(page.Locator(".calendar section.day[data-date='2026-03-02'] .shift .when")).ToHaveTextAsync(["00:00–18:00", "18:00–24:00"]);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_member_s_calendar_link_is_shown_once_and_serves_their_shifts()
    {
        var (id, people) = await RotationAsync("UTC", new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var page = await fixture.OpenAsync($"/console/schedules/{id}");
        await page.Locator($"tr[data-feed-target='{people[1]}']").GetByRole(AriaRole.Button, new() { Name = "New link" }).ClickAsync();
        var url = await page.Locator("#feed-url").InputValueAsync();
        Assert.Contains("/_callout/feeds/", url);
        using var http = new HttpClient();
        var calendar = await http.GetStringAsync(url);
        Assert.Contains("BEGIN:VCALENDAR", calendar);
        await Assertions.Expect(page.Locator($"tr[data-feed-target='{people[1]}']")).ToContainTextAsync("Made ");
        // Shown once: the page opened again lists the link without its URL.
        await page.GotoAsync($"/console/schedules/{id}");
        await Assertions.Expect(page.Locator("#feed-url")).ToHaveCountAsync(0);
        Assert.DoesNotContain(url, await page.ContentAsync());
        await page.Context.CloseAsync();
    }
}
