using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Callout.EndToEnd.Console;

/// Home: who is on call now and next for each rotation and on-call schedule, with the hand-off
/// in the viewer's own time zone, the open incidents and the running engagements.
public sealed class ConsoleHomeTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task Home_shows_who_is_on_call_now_and_next_with_the_hand_off_in_the_viewers_time_zone()
    {
        var api = fixture.Api;
        var ayo = await ContactAsync("ayo", "Ayo Okafor");
        var bea = await ContactAsync("bea", "Bea Lindqvist");
        // Hand-offs at 09:00 UTC every day: 18:00 in Tokyo, which has no daylight saving time.
        var rotation = (await api.OkAsync("CreateRotation", JsonSerializer.Serialize(new
        {
            Name = "primary",
            ContactIds = new[] { ayo, bea },
            StartTime = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(),
            TimeZoneId = "UTC",
            Recurrence = new { NumberOfOnCalls = 1, RecurrenceMultiplier = 1, DailySettings = new[] { new { HourOfDay = 9, MinuteOfHour = 0 } } },
        }))).GetProperty("RotationArn").GetString()!;
        await api.OkAsync("CreateContact", JsonSerializer.Serialize(new
        {
            Alias = "primary-schedule",
            DisplayName = "Primary schedule",
            Type = "ONCALL_SCHEDULE",
            Plan = new { RotationIds = new[] { rotation } },
        }));
        var now = DateTimeOffset.UtcNow;
        var shifts = (await api.OkAsync("ListRotationShifts", JsonSerializer.Serialize(new
        {
            RotationId = rotation,
            StartTime = now.ToUnixTimeSeconds(),
            EndTime = now.AddDays(3).ToUnixTimeSeconds(),
        }))).GetProperty("RotationShifts").EnumerateArray().ToList();
        var nameOf = new Dictionary<string, string> { [ayo] = "Ayo Okafor", [bea] = "Bea Lindqvist" };
        var onNow = nameOf[shifts[0].GetProperty("ContactIds")[0].GetString()!];
        var onNext = nameOf[shifts[1].GetProperty("ContactIds")[0].GetString()!];
        Assert.NotEqual(onNow, onNext);
        var handOff = DateTimeOffset.FromUnixTimeSeconds((long)shifts[0].GetProperty("EndTime").GetDecimal());
        Assert.Equal(9, handOff.UtcDateTime.Hour);

        var world = new ConsoleWorld(fixture);
        await world.AlertingAsync("home-dee", "storage");
        var (_, _, source) = (await world.AlertingAsync("home-eli", "search"));
        await ConsoleWorld.FireAsync(source, "search-latency", "Search latency above 800 ms");

        var page = await fixture.OpenAsync("/console", timezone: "Asia/Tokyo");

        foreach (var row in new[] { page.Locator("tr.oncall-rotation", new() { HasText = "primary" }), page.Locator("tr.oncall-schedule", new() { HasText = "Primary schedule" }) })
        {
            await Assertions.Expect(row.Locator(".oncall-now")).ToHaveTextAsync(onNow);
            await Assertions.Expect(row.Locator(".oncall-next")).ToHaveTextAsync(onNext);
            var time = row.Locator(".oncall-handoff time");
            Assert.Equal(handOff.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), await time.GetAttributeAsync("datetime"));
            // 09:00 UTC reads as 18:00 (6:00 PM) in Tokyo, on Tokyo's date.
            var tokyo = handOff.ToOffset(TimeSpan.FromHours(9));
            await Assertions.Expect(time).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("(6:00\\sPM|18:00)"));
            await Assertions.Expect(time).ToContainTextAsync(tokyo.Day.ToString(CultureInfo.InvariantCulture));
        }
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Search latency above 800 ms" })).ToBeVisibleAsync();
        // The incident's engagement of its plan's contact, and no engagement of the contact no alert engaged.
        var running = page.Locator("section.running-engagements");
        await Assertions.Expect(running.GetByRole(AriaRole.Link, new() { Name = "home-eli" })).ToBeVisibleAsync();
        await Assertions.Expect(running.GetByRole(AriaRole.Link, new() { Name = "home-dee" })).ToHaveCountAsync(0);
        await ConsoleBrowser.ScreenshotAsync(page, "home-on-call");
        await page.Context.CloseAsync();
    }

    async Task<string> ContactAsync(string alias, string name) =>
        (await fixture.Api.OkAsync("CreateContact", JsonSerializer.Serialize(new { Alias = alias, DisplayName = name, Type = "PERSONAL", Plan = new { Stages = Array.Empty<object>() } })))
            .GetProperty("ContactArn").GetString()!;
}
