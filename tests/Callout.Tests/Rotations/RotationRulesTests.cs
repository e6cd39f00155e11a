using Callout.Domain.Errors;
using Callout.Domain.Rotations;
using NodaTime;
using Xunit;
using static Callout.Tests.Rotations.ShiftNotation;

namespace Callout.Tests.Rotations;

/// docs/spec/rotations.md §5: the semantic checks and their wording.
public sealed class RotationRulesTests
{
    static readonly Instant Now = T("03-01T12");

    static void Fails(Action check, string message, string field)
    {
        var error = Assert.Throws<InvalidRequest>(check);
        Assert.Equal("Invalid value provided - " + message, error.Message);
        Assert.Equal(field, error.Field);
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1, 1, 0)]
    [InlineData(1, 1, 1)]
    [InlineData(0, 2, 3)]
    public void none_or_several_settings_kinds_are_rejected(int daily, int weekly, int monthly) =>
        Fails(() => RotationRules.CheckSettingsKinds(daily, weekly, monthly),
            "Exactly one of DailySettings, WeeklySettings or MonthlySettings must be specified", "recurrence");

    [Fact]
    public void exactly_one_settings_kind_is_accepted()
    {
        RotationRules.CheckSettingsKinds(2, 0, 0);
        RotationRules.CheckSettingsKinds(0, 48, 0);
        RotationRules.CheckSettingsKinds(0, 0, 1);
    }

    [Fact]
    public void the_vector_rotations_are_valid()
    {
        RotationRules.CheckRotation([A, B, C], Daily("09:00"));
        RotationRules.CheckRotation([A, B, C, D], Daily("08:00", "20:00") with { NumberOfOnCalls = 2 });
        RotationRules.CheckRotation([A, B], Weekly((IsoDayOfWeek.Monday, "00:00")) with
        {
            Coverage = Coverage([IsoDayOfWeek.Saturday], "22:00", "06:00"),
        });
        RotationRules.CheckRotation([A], Monthly((31, "10:00"), (30, "10:00")));
        RotationRules.CheckRotation([A], Daily("09:00") with { Coverage = Coverage(Weekdays, "09:00", "09:00") });
    }

    [Fact]
    public void duplicate_hand_offs_are_rejected()
    {
        Fails(() => RotationRules.CheckRotation([A], Daily("09:00", "09:00")),
            "Recurrence settings contain too many or duplicate hand-off times", "recurrence.dailySettings");
        Fails(() => RotationRules.CheckRotation([A], Weekly((IsoDayOfWeek.Friday, "09:00"), (IsoDayOfWeek.Friday, "09:00"))),
            "Recurrence settings contain too many or duplicate hand-off times", "recurrence.weeklySettings");
        RotationRules.CheckRotation([A], Weekly((IsoDayOfWeek.Friday, "09:00"), (IsoDayOfWeek.Monday, "09:00")));
    }

    [Fact]
    public void more_than_48_hand_offs_are_rejected()
    {
        var times = Enumerable.Range(0, 49).Select(i => $"{i / 4:00}:{i % 4 * 15:00}").ToArray();
        Fails(() => RotationRules.CheckRotation([A], Daily(times)),
            "Recurrence settings contain too many or duplicate hand-off times", "recurrence.dailySettings");
        RotationRules.CheckRotation([A], Daily(times[..48]));
    }

    [Fact]
    public void more_on_calls_than_contacts_are_rejected() =>
        Fails(() => RotationRules.CheckRotation([A, B], Daily("09:00") with { NumberOfOnCalls = 3 }),
            "NumberOfOnCalls cannot exceed the number of contacts in the rotation", "recurrence.numberOfOnCalls");

    [Fact]
    public void duplicate_contacts_are_rejected()
    {
        Fails(() => RotationRules.CheckRotation([A, B, A], Daily("09:00")), "Rotation contacts must be unique", "contactIds");
        Fails(() => RotationRules.CheckRotation([A, A], Daily("09:00"), "members"), "Rotation contacts must be unique", "members");
    }

    [Fact]
    public void a_coverage_day_without_windows_or_with_a_short_window_is_rejected()
    {
        var empty = new Dictionary<IsoDayOfWeek, IReadOnlyList<CoverageWindow>> { [IsoDayOfWeek.Tuesday] = [] };
        Fails(() => RotationRules.CheckRotation([A], Daily("09:00") with { Coverage = empty }),
            "Invalid shift coverage for TUE", "recurrence.shiftCoverages");
        Fails(() => RotationRules.CheckRotation([A], Daily("09:00") with { Coverage = Coverage([IsoDayOfWeek.Sunday], "23:45", "00:10") }),
            "Invalid shift coverage for SUN", "recurrence.shiftCoverages");
        RotationRules.CheckRotation([A], Daily("09:00") with { Coverage = Coverage([IsoDayOfWeek.Sunday], "23:45", "00:15") });
    }

    [Fact]
    public void a_coverage_time_without_start_or_end_is_rejected() =>
        Fails(() => RotationRules.MissingCoverageTime("WED"), "Invalid shift coverage for WED", "recurrence.shiftCoverages");

    [Fact]
    public void coverage_length_wraps_past_midnight_and_equal_times_mean_a_day()
    {
        Assert.Equal(Duration.FromHours(8), RotationRules.CoverageLength(new CoverageWindow(At("22:00"), At("06:00"))));
        Assert.Equal(Duration.FromHours(24), RotationRules.CoverageLength(new CoverageWindow(At("09:00"), At("09:00"))));
        Assert.Equal(Duration.FromHours(15), RotationRules.CoverageLength(new CoverageWindow(At("09:00"), At("00:00"))));
    }

    [Fact]
    public void time_zones_are_iana_ids_and_case_sensitive()
    {
        Assert.Equal("America/Los_Angeles", RotationRules.ResolveZone("America/Los_Angeles").Id);
        Fails(() => RotationRules.ResolveZone("PST"), "TimeZoneId 'PST' is not a supported IANA time zone", "timeZoneId");
        Fails(() => RotationRules.ResolveZone("america/los_angeles"),
            "TimeZoneId 'america/los_angeles' is not a supported IANA time zone", "timeZoneId");
    }

    static void Override(Instant start, Instant end, params string[] members) =>
        RotationRules.CheckOverride([A, B, C], T("01-01"), members, start, end, Now, preview: false);

    [Fact]
    public void a_valid_override_passes() => Override(T("03-02"), T("03-03"), C, A);

    [Fact]
    public void an_override_must_end_after_it_starts_and_last_30_minutes()
    {
        Fails(() => Override(T("03-02"), T("03-02"), A), "EndTime must be after StartTime", "endTime");
        Fails(() => Override(T("03-02T10"), T("03-02T10:29"), A), "An override must be at least 30 minutes long", "endTime");
        Override(T("03-02T10"), T("03-02T10:30"), A);
    }

    [Fact]
    public void an_override_must_end_in_the_future_and_within_six_calendar_months()
    {
        Fails(() => Override(T("02-01"), Now, A), "Cannot create an override in the past", "endTime");
        Override(T("02-01"), Now + Duration.FromMinutes(1), A);
        Override(T("08-01"), T("09-01T12"), A);
        Fails(() => Override(T("08-01"), T("09-01T12:01"), A), "Overrides can only be created up to 6 months in the future", "endTime");
    }

    [Fact]
    public void an_override_must_reach_into_the_rotation() =>
        Fails(() => RotationRules.CheckOverride([A], T("06-01"), [A], T("05-01"), T("06-01"), Now, preview: false),
            "Override must overlap the rotation's active period", "endTime");

    [Fact]
    public void override_contacts_must_be_unique_members_of_the_rotation()
    {
        Fails(() => Override(T("03-02"), T("03-03"), D), "Override contacts must be members of the rotation", "newContactIds");
        Fails(() => Override(T("03-02"), T("03-03"), A, A), "Override contacts must be unique", "newContactIds");
        Override(T("03-02"), T("03-03"));
    }

    [Fact]
    public void a_preview_override_skips_the_rules_that_depend_on_now()
    {
        RotationRules.CheckOverride([A, B], T("01-01"), [B], T("01-02"), T("01-03"), Now, preview: true);
        RotationRules.CheckOverride([A, B], T("01-01"), [B], T("12-02"), T("12-03"), Now, preview: true);
        Fails(() => RotationRules.CheckOverride([A, B], T("01-01"), [C], T("01-02"), T("01-03"), Now, preview: true),
            "Override contacts must be members of the rotation", "overrides");
        Fails(() => RotationRules.CheckOverride([A, B], T("01-01"), [B], T("01-03"), T("01-02"), Now, preview: true),
            "EndTime must be after StartTime", "overrides");
    }
}
