using Callout.EndToEnd.Engagements;
using static Callout.EndToEnd.Rotations.RotationCalls;

namespace Callout.EndToEnd.Rotations;

/// docs/spec/rotations.md §2.7: of two overlapping overrides the later one wins. On the virtual
/// clock time stands still between calls, so every override below is made at the same instant,
/// the case where "later" cannot be read from the clock.
public sealed class OverrideOrderTests(VirtualClockFixture fixture) : IClassFixture<VirtualClockFixture>
{
    static readonly DateTimeOffset Jan1 = new(2024, 1, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task of_two_overrides_made_at_the_same_instant_the_second_wins()
    {
        var client = fixture.NewPaging().Client;
        await client.CreatePeopleAsync();
        var rotation = await client.CreateRotationAsync("A,B,C,D", Jan1, "UTC", Daily0900);
        var day0 = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero).AddDays(2);

        // Two people each, so an override never matches the one regular on call.
        // Each pair is a coin toss when the tie falls to the random id: ten in a row pass by luck
        // once in a thousand runs.
        var expected = new List<string>();
        for (var day = 0; day < 10; day++)
        {
            var start = day0.AddDays(day).AddHours(12);
            var (first, second) = day % 2 == 0 ? ("A,B", "C,D") : ("C,D", "A,B");
            await client.CreateOverrideAsync(rotation, first, start, start.AddHours(6));
            await client.CreateOverrideAsync(rotation, second, start, start.AddHours(6));
            expected.Add($"{Text(start)} {string.Join(",", second.Split(',').Select(l => client.Arn("contact/" + l.ToLowerInvariant())))}");
        }

        var overridden = (await client.ShiftsAsync(rotation, day0, day0.AddDays(10)))
            .Where(s => s.GetProperty("Type").GetString() == "OVERRIDDEN")
            .Select(s => $"{Text(Time(s.GetProperty("StartTime")))} {string.Join(",", s.GetProperty("ContactIds").EnumerateArray().Select(c => c.GetString()))}");
        Assert.Equal(string.Join("\n", expected), string.Join("\n", overridden));
    }
}
