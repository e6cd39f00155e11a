using Callout.Domain.Rotations;
using NodaTime;

namespace Callout.Benchmarks;

/// The inputs of one ShiftCalculator call: the issue's case (a 30-contact weekly rotation in
/// America/New_York with coverage hours and 100 overrides, queried over one year), the same
/// rotation bare as the baseline, and diagnostic variants. Deterministic, so every run computes
/// the same shifts.
internal sealed record ShiftScenario(string Name, RotationPlan Plan, IReadOnlyList<RotationOverride> Overrides, Instant From, Instant To)
{
    public const int Contacts = 30;
    public const int OverrideCount = 100;

    public static readonly DateTimeZone TimeZone = RotationRules.ResolveZone("America/New_York");

    // The window is calendar 2026 in New York; the rotation starts at the first Monday hand-off of
    // 2025, so the calculator walks a year of hand-offs before the window, as a real
    // ListRotationShifts on a year-old rotation does.
    static readonly Instant WindowStart = Local(2026, 1, 1, 0);
    static readonly Instant WindowEnd = Local(2027, 1, 1, 0);
    static readonly Instant RotationStart = Local(2025, 1, 6, 9);

    /// The issue's case: coverage MON-FRI 09:00-17:00, 100 overrides, a year of hand-offs before
    /// the window.
    public static ShiftScenario IssueCase() => Create("issue", coverage: true, overrides: true, RotationStart);

    /// The same rotation and window with neither coverage nor overrides.
    public static ShiftScenario Baseline() => Create("baseline", coverage: false, overrides: false, RotationStart);

    /// Diagnostics, each the issue's case with one thing changed, to locate its cost.
    public static ShiftScenario CoverageOnly() => Create("coverage only", coverage: true, overrides: false, RotationStart);

    public static ShiftScenario OverridesOnly() => Create("overrides only", coverage: false, overrides: true, RotationStart);

    /// The rotation starts at the window's start, so there is no year to walk before it (the first
    /// shift then runs from Thursday 00:00 to the Monday hand-off).
    public static ShiftScenario NoWalk() => Create("no walk", coverage: true, overrides: true, WindowStart);

    /// The rotation started ten years before the window (the first Monday hand-off of 2016).
    public static ShiftScenario TenYearWalk() => Create("ten-year walk", coverage: true, overrides: true, Local(2016, 1, 4, 9));

    static ShiftScenario Create(string name, bool coverage, bool overrides, Instant rotationStart) =>
        new(name, BuildPlan(coverage, rotationStart), overrides ? BuildOverrides() : [], WindowStart, WindowEnd);

    /// Enumerates at most `limit` shifts, as a caller does; returns how many there were.
    public int Take(int limit)
    {
        var count = 0;
        foreach (var _ in ShiftCalculator.Shifts(Plan, Overrides, From, To))
        {
            if (++count == limit)
            {
                break;
            }
        }
        return count;
    }

    static RotationPlan BuildPlan(bool withCoverage, Instant start)
    {
        var members = Enumerable.Range(1, Contacts).Select(Alias).ToArray();
        IReadOnlyDictionary<IsoDayOfWeek, IReadOnlyList<CoverageWindow>>? coverage = null;
        if (withCoverage)
        {
            // Console "Active days" MON-FRI, 09:00-17:00.
            CoverageWindow[] officeHours = [new(new LocalTime(9, 0), new LocalTime(17, 0))];
            coverage = new Dictionary<IsoDayOfWeek, IReadOnlyList<CoverageWindow>>
            {
                [IsoDayOfWeek.Monday] = officeHours,
                [IsoDayOfWeek.Tuesday] = officeHours,
                [IsoDayOfWeek.Wednesday] = officeHours,
                [IsoDayOfWeek.Thursday] = officeHours,
                [IsoDayOfWeek.Friday] = officeHours,
            };
        }
        var recurrence = new Recurrence(
            RecurrenceKind.Weekly,
            [new HandOff(new LocalTime(9, 0), IsoDayOfWeek.Monday)],
            NumberOfOnCalls: 1,
            Multiplier: 1,
            coverage);
        RotationRules.CheckRotation(members, recurrence);
        return new RotationPlan(members, start, TimeZone, recurrence);
    }

    // One override per 87.6 h slot of the year, starting at varied hours (inside and outside office
    // hours) and lasting 6-54 h, so most stand alone. Every eighth (13) lasts 5 days and runs into
    // the next slot's override: 12 overlapping pairs, in half of which the longer one was created
    // later and wins the overlap. Every 25th (4) names nobody; 8 others name two contacts.
    static RotationOverride[] BuildOverrides()
    {
        var slot = (WindowEnd - WindowStart) / OverrideCount;
        var created = WindowStart - Duration.FromDays(30);
        var result = new RotationOverride[OverrideCount];
        for (var i = 0; i < OverrideCount; i++)
        {
            var start = WindowStart + (slot * i) + Duration.FromHours(3 + (i * 5 % 17));
            var overlaps = i % 8 == 3;
            var length = overlaps ? Duration.FromDays(5) : Duration.FromHours(6 + (12 * (i % 5)));
            string[] members = (i % 25, i % 10) switch
            {
                (0, _) => [],
                (_, 5) => [Alias(1 + (i * 7 % Contacts)), Alias(1 + ((i * 7 + 1) % Contacts))],
                _ => [Alias(1 + (i * 7 % Contacts))],
            };
            var createdAt = overlaps && i % 16 == 3 ? created + Duration.FromDays(1) : created + Duration.FromMinutes(i);
            result[i] = new RotationOverride($"override-{i:D3}", "rotation-bench", members, start, start + length, createdAt);
        }
        return result;
    }

    static string Alias(int i) => $"contact-{i:D2}";

    static Instant Local(int year, int month, int day, int hour) =>
        new LocalDateTime(year, month, day, hour, 0).InZoneLeniently(TimeZone).ToInstant();
}
