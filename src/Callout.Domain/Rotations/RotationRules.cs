using Callout.Domain.Errors;
using NodaTime;

namespace Callout.Domain.Rotations;

/// The semantic rules of rotations and overrides that the model cannot express
/// (docs/spec/rotations.md §1.2, §1.3, §5). The wire's field constraints are checked before these.
public static class RotationRules
{
    const string Prefix = "Invalid value provided - ";

    /// At most this many entries in one settings list or one day's coverage (docs/spec/rotations.md §1.2, ours).
    public const int MaxEntries = 48;

    public static readonly Duration MinimumLength = Duration.FromMinutes(30);

    static readonly string[] DayNames = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"];

    /// Exactly one of DailySettings, WeeklySettings and MonthlySettings, given as their entry counts
    /// (0 for absent: an empty list counts as absent).
    public static void CheckSettingsKinds(int dailyCount, int weeklyCount, int monthlyCount)
    {
        var kinds = (dailyCount > 0 ? 1 : 0) + (weeklyCount > 0 ? 1 : 0) + (monthlyCount > 0 ? 1 : 0);
        if (kinds != 1)
        {
            throw Invalid("Exactly one of DailySettings, WeeklySettings or MonthlySettings must be specified", "recurrence");
        }
    }

    /// For a CoverageTime without Start or End; `day` is the ShiftCoverages key (`MON`…`SUN`).
    public static LocalTime MissingCoverageTime(string day) => throw InvalidCoverage(day);

    /// Rules of CreateRotation, UpdateRotation and ListPreviewRotationShifts on members (contact
    /// aliases, or preview member strings) and the recurrence. `membersField` names the members on
    /// the wire: `contactIds`, or `members` for a preview.
    public static void CheckRotation(IReadOnlyList<string> members, Recurrence recurrence, string membersField = "contactIds")
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(recurrence);
        CheckHandOffs(recurrence);
        if (recurrence.NumberOfOnCalls < 1)
        {
            throw Invalid("NumberOfOnCalls must be at least 1", "recurrence.numberOfOnCalls");
        }
        if (recurrence.Multiplier < 1)
        {
            throw Invalid("RecurrenceMultiplier must be at least 1", "recurrence.recurrenceMultiplier");
        }
        // docs/spec/rotations.md §6.4: otherwise one contact could appear twice in a shift.
        if (recurrence.NumberOfOnCalls > members.Count)
        {
            throw Invalid("NumberOfOnCalls cannot exceed the number of contacts in the rotation", "recurrence.numberOfOnCalls");
        }
        if (!Unique(members))
        {
            throw Invalid("Rotation contacts must be unique", membersField);
        }
        if (recurrence.Coverage is { } coverage)
        {
            foreach (var (day, windows) in coverage)
            {
                CheckCoverage(day, windows);
            }
        }
    }

    static void CheckHandOffs(Recurrence recurrence)
    {
        var field = recurrence.Kind switch
        {
            RecurrenceKind.Daily => "recurrence.dailySettings",
            RecurrenceKind.Weekly => "recurrence.weeklySettings",
            _ => "recurrence.monthlySettings",
        };
        var handOffs = recurrence.HandOffs;
        if (handOffs.Count == 0)
        {
            throw Invalid("Exactly one of DailySettings, WeeklySettings or MonthlySettings must be specified", "recurrence");
        }
        // HandOff equality covers time and day, so an equal pair is a duplicate entry.
        if (handOffs.Count > MaxEntries || new HashSet<HandOff>(handOffs).Count != handOffs.Count)
        {
            throw Invalid("Recurrence settings contain too many or duplicate hand-off times", field);
        }
        foreach (var h in handOffs)
        {
            var valid = recurrence.Kind switch
            {
                RecurrenceKind.Daily => true,
                RecurrenceKind.Weekly => h.Day is >= IsoDayOfWeek.Monday and <= IsoDayOfWeek.Sunday,
                RecurrenceKind.Monthly => h.DayOfMonth is >= 1 and <= 31,
                _ => false,
            };
            if (!valid)
            {
                throw Invalid("Recurrence settings contain an invalid hand-off day", field);
            }
        }
    }

    // docs/spec/rotations.md §1.2: a listed day needs a window, each at least 30 minutes; End at or
    // before Start ends on the next day, equal values mean 24 hours.
    static void CheckCoverage(IsoDayOfWeek day, IReadOnlyList<CoverageWindow> windows)
    {
        if (day is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
        {
            throw InvalidCoverage(((int)day).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var name = DayNames[(int)day - 1];
        if (windows is null || windows.Count == 0 || windows.Count > MaxEntries || new HashSet<CoverageWindow>(windows).Count != windows.Count)
        {
            throw InvalidCoverage(name);
        }
        foreach (var w in windows)
        {
            if (w is null || CoverageLength(w) < MinimumLength)
            {
                throw InvalidCoverage(name);
            }
        }
    }

    /// The wall-clock length of a coverage window: 24 h when End equals Start.
    public static Duration CoverageLength(CoverageWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var ticks = window.End.TickOfDay - window.Start.TickOfDay;
        return Duration.FromTicks(ticks > 0 ? ticks : ticks + NodaConstants.TicksPerDay);
    }

    /// An IANA id as NodaTime's TZDB knows it (case-sensitive; abbreviations such as PST are not ids).
    public static DateTimeZone ResolveZone(string id)
    {
        var zone = id is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);
        return zone ?? throw Invalid($"TimeZoneId '{id}' is not a supported IANA time zone", "timeZoneId");
    }

    /// CreateRotationOverride's rules (docs/spec/rotations.md §1.3, §5). A preview override skips the
    /// rules that depend on the current time (docs/spec/rotations.md §3.2); the others apply to it too.
    public static void CheckOverride(
        IReadOnlyList<string> rotationMembers,
        Instant rotationStart,
        IReadOnlyList<string> members,
        Instant start,
        Instant end,
        Instant now,
        bool preview)
    {
        ArgumentNullException.ThrowIfNull(rotationMembers);
        ArgumentNullException.ThrowIfNull(members);
        var timeField = preview ? "overrides" : "endTime";
        var membersField = preview ? "overrides" : "newContactIds";
        if (end <= start)
        {
            throw Invalid("EndTime must be after StartTime", timeField);
        }
        if (end - start < MinimumLength)
        {
            throw Invalid("An override must be at least 30 minutes long", timeField);
        }
        if (!preview)
        {
            if (end <= now)
            {
                throw Invalid("Cannot create an override in the past", timeField);
            }
            // [UG]: only shifts up to six months ahead can be overridden; calendar months in UTC.
            if (end > now.InUtc().LocalDateTime.PlusMonths(6).InUtc().ToInstant())
            {
                throw Invalid("Overrides can only be created up to 6 months in the future", timeField);
            }
        }
        if (end <= rotationStart)
        {
            throw Invalid("Override must overlap the rotation's active period", timeField);
        }
        var allowed = new HashSet<string>(rotationMembers, StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (!allowed.Contains(member))
            {
                throw Invalid("Override contacts must be members of the rotation", membersField);
            }
        }
        if (!Unique(members))
        {
            throw Invalid("Override contacts must be unique", membersField);
        }
    }

    static bool Unique(IReadOnlyList<string> values) => new HashSet<string>(values, StringComparer.Ordinal).Count == values.Count;

    static InvalidRequest InvalidCoverage(string day) => Invalid($"Invalid shift coverage for {day}", "recurrence.shiftCoverages");

    static InvalidRequest Invalid(string message, string field) => new(Prefix + message, field);
}
