using System.Globalization;
using System.Text;
using Callout.Domain.Rotations;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Callout.Tests.Rotations;

/// A random valid rotation with overrides and a query window, for the property tests. Built from a
/// seed so a failure prints a seed that rebuilds it; ToString describes the whole scenario.
public sealed record RotationScenario(int Seed, RotationPlan Plan, IReadOnlyList<RotationOverride> Overrides, Instant From, Instant To)
{
    static readonly string[] Zones =
        ["UTC", "America/New_York", "Europe/London", "Asia/Kolkata", "Australia/Lord_Howe", "America/Santiago"];

    static readonly string[] People = ["m0", "m1", "m2", "m3", "m4", "m5"];

    public static RotationScenario Create(int seed)
    {
        var random = new Random(seed);
        var zone = DateTimeZoneProviders.Tzdb[Zones[random.Next(Zones.Length)]];
        var members = People.Take(random.Next(1, 7)).ToArray();
        var kind = (RecurrenceKind)random.Next(3);
        var handOffs = new List<HandOff>();
        var wanted = random.Next(1, 4);
        while (handOffs.Count < wanted)
        {
            var time = RandomTime(random);
            var handOff = kind switch
            {
                RecurrenceKind.Daily => new HandOff(time),
                RecurrenceKind.Weekly => new HandOff(time, (IsoDayOfWeek)random.Next(1, 8)),
                // Days 28–31 exercise the clamp to the month's end.
                _ => new HandOff(time, DayOfMonth: random.Next(2) == 0 ? random.Next(28, 32) : random.Next(1, 32)),
            };
            if (!handOffs.Contains(handOff))
            {
                handOffs.Add(handOff);
            }
        }
        var coverage = random.Next(3) == 0 ? RandomCoverage(random) : null;
        var recurrence = new Recurrence(kind, handOffs, random.Next(1, members.Length + 1), random.Next(1, 4), coverage);

        // Start between 2024 and 2026, sometimes off the minute; the query around it.
        var start = Instant.FromUtc(2024, 1, 1, 0, 0) + Duration.FromMinutes(random.Next(0, 2 * 365 * 24 * 60));
        // Half the time just before one of the zone's transitions, so DST falls inside the query.
        if (random.Next(2) == 0 && zone.GetZoneInterval(start) is { HasEnd: true } interval && interval.End < Instant.FromUtc(2100, 1, 1, 0, 0))
        {
            start = interval.End - Duration.FromMinutes(random.Next(0, 3 * 24 * 60));
        }
        if (random.Next(4) == 0)
        {
            start += Duration.FromSeconds(random.Next(1, 60));
        }
        var from = start + Duration.FromHours(random.Next(2) == 0 ? random.Next(-10 * 24, 60 * 24) : random.Next(-24, 24));
        var to = from + Duration.FromMinutes(random.Next(1, (random.Next(2) == 0 ? 3 : 60) * 24 * 60));

        var overrides = new List<RotationOverride>();
        var count = random.Next(0, 5);
        for (var i = 0; i < count; i++)
        {
            var oStart = from + Duration.FromMinutes(random.Next(-3 * 24 * 60, (int)(to - from).TotalMinutes + 1));
            var oEnd = oStart + Duration.FromMinutes(random.Next(30, 5 * 24 * 60));
            var oMembers = members.OrderBy(_ => random.Next()).Take(random.Next(0, members.Length + 1)).ToArray();
            // Few creation times and ids, so ties are common.
            overrides.Add(new RotationOverride(
                "o" + random.Next(3).ToString(CultureInfo.InvariantCulture) + "-" + i.ToString(CultureInfo.InvariantCulture),
                "r", oMembers, oStart, oEnd, Instant.FromUtc(2023, 1, 1, 0, 0) + Duration.FromHours(random.Next(3))));
        }
        return new RotationScenario(seed, new RotationPlan(members, start, zone, recurrence), overrides, from, to);
    }

    // Half the times sit where DST changes happen (midnight to 03:00), so gaps and repeats are common.
    static LocalTime RandomTime(Random random)
    {
        var hour = random.Next(2) == 0 ? random.Next(0, 4) : random.Next(0, 24);
        var minute = random.Next(3) switch
        {
            0 => 0,
            1 => 30,
            _ => random.Next(0, 60),
        };
        return new LocalTime(hour, minute);
    }

    static Dictionary<IsoDayOfWeek, IReadOnlyList<CoverageWindow>> RandomCoverage(Random random)
    {
        var coverage = new Dictionary<IsoDayOfWeek, IReadOnlyList<CoverageWindow>>();
        for (var d = 1; d <= 7; d++)
        {
            if (random.Next(3) == 0)
            {
                continue;
            }
            var windows = new List<CoverageWindow>();
            for (var i = random.Next(1, 3); i > 0; i--)
            {
                var start = RandomTime(random);
                // Overnight windows, 24-hour windows (End = Start) and short ones.
                var end = random.Next(4) switch
                {
                    0 => start,
                    1 => start.PlusMinutes(30),
                    _ => start.PlusMinutes(random.Next(30, 24 * 60)),
                };
                var window = new CoverageWindow(start, end);
                if (!windows.Contains(window))
                {
                    windows.Add(window);
                }
            }
            coverage[(IsoDayOfWeek)d] = windows;
        }
        return coverage;
    }

    public override string ToString()
    {
        var r = Plan.Recurrence;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"seed {Seed}: {Plan.Zone.Id}, members [{string.Join(",", Plan.Members)}], start {Plan.Start}, ");
        text.Append(CultureInfo.InvariantCulture, $"{r.Kind} k={r.NumberOfOnCalls} m={r.Multiplier} hand-offs [");
        text.AppendJoin(", ", r.HandOffs.Select(h => $"{(h.Day == IsoDayOfWeek.None ? "" : h.Day + " ")}{(h.DayOfMonth == 0 ? "" : h.DayOfMonth + " ")}{h.Time}"));
        text.Append(']');
        if (r.Coverage is { } coverage)
        {
            text.Append(" coverage {");
            text.AppendJoin("; ", coverage.Select(e => $"{e.Key}: {string.Join(", ", e.Value.Select(w => $"{w.Start}-{w.End}"))}"));
            text.Append('}');
        }
        foreach (var o in Overrides)
        {
            text.Append(CultureInfo.InvariantCulture, $" override {o.Id} [{string.Join(",", o.Members)}] {o.Start}..{o.End} created {o.CreatedAt}");
        }
        text.Append(CultureInfo.InvariantCulture, $" query [{From}, {To})");
        return text.ToString();
    }
}

/// FsCheck finds RotationScenario values through this class (PropertyAttribute.Arbitrary).
public static class RotationScenarios
{
    public static Arbitrary<RotationScenario> Scenario() =>
        Arb.From(Gen.Choose(0, int.MaxValue).Select(RotationScenario.Create));
}
