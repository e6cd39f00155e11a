using System.Text.Json;
using Callout.EndToEnd.Harness;
using Callout.Testing;
using Microsoft.Playwright;
using Xunit;

namespace Callout.EndToEnd.Console;

/// A console user linked to a contact sees their own shifts on home; one who is not sees no such
/// section. Made under --auth strict with signed API calls and `callout users add --contact`.
public sealed class ConsoleMyShiftsTests(SignInFixture fixture) : IClassFixture<SignInFixture>
{
    [Fact]
    public async Task a_user_linked_to_a_contact_sees_their_shifts_now_and_next_on_home()
    {
        var parts = fixture.Credential.Split(':');
        var api = new SignedHttp(fixture.Server.Endpoint, new SigV4TestSigner(parts[0], parts[1], "us-east-1"));
        async Task<string> ContactAsync(string alias) =>
            (await api.ApiAsync("CreateContact", JsonSerializer.Serialize(new { Alias = alias, DisplayName = alias, Type = "PERSONAL", Plan = new { Stages = Array.Empty<object>() } })))
                .GetProperty("ContactArn").GetString()!;
        var mine = await ContactAsync("shift-mine");
        var other = await ContactAsync("shift-other");
        // Daily hand-offs between the two: whoever is on now, the linked contact has a shift now
        // or next within two days.
        await api.ApiAsync("CreateRotation", JsonSerializer.Serialize(new
        {
            Name = "my-shifts-rotation",
            ContactIds = new[] { mine, other },
            StartTime = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(),
            TimeZoneId = "UTC",
            Recurrence = new { NumberOfOnCalls = 1, RecurrenceMultiplier = 1, DailySettings = new[] { new { HourOfDay = 9, MinuteOfHour = 0 } } },
        }));
        var added = await fixture.AddUserAsync("linked.responder", "responder", SignInFixture.Password, "--contact", mine);
        Assert.True(added.Code == 0, added.Stdout + added.Stderr);

        var page = await fixture.SignedInAsync("linked.responder");
        var section = page.Locator("section.my-shifts");
        await Assertions.Expect(section.GetByRole(AriaRole.Heading, new() { Name = "My shifts" })).ToBeVisibleAsync();
        await Assertions.Expect(section.Locator("li")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(section.Locator("li").First).ToContainTextAsync("my-shifts-rotation");
        await page.Context.CloseAsync();

        // A user with no contact has no "My shifts".
        var viewer = await fixture.SignedInAsync("Viewer.One");
        await Assertions.Expect(viewer.GetByRole(AriaRole.Heading, new() { Name = "On call" })).ToBeVisibleAsync();
        await Assertions.Expect(viewer.Locator("section.my-shifts")).ToHaveCountAsync(0);
        await viewer.Context.CloseAsync();
    }
}
