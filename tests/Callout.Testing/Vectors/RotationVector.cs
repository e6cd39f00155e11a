using System.Globalization;

namespace Callout.Testing.Vectors;

/// One worked test vector of docs/spec/rotations.md §4, as tests/vectors/rotation-shifts.json
/// writes it: member names are the wire's, contacts are the letters A–D, times are UTC.
public sealed record RotationVector(int Number, string Description, IReadOnlyList<RotationVector.Rotation> Rotations, IReadOnlyList<RotationVector.OnCall>? OnCallAt = null)
{
    static readonly DateTimeOffset FirstMonday = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// A rotation as CreateRotation takes it (Recurrence is the wire's RecurrenceSettings), its
    /// overrides in the order they are created, and the shifts ListRotationShifts gives over Query.
    public sealed record Rotation(
        IReadOnlyList<string> ContactIds,
        DateTimeOffset StartTime,
        string TimeZoneId,
        System.Text.Json.JsonElement Recurrence,
        IReadOnlyList<Override> Overrides,
        Window? Query = null,
        IReadOnlyList<Shift>? Shifts = null);

    public sealed record Override(IReadOnlyList<string> NewContactIds, DateTimeOffset StartTime, DateTimeOffset EndTime);

    public sealed record Window(DateTimeOffset StartTime, DateTimeOffset EndTime);

    /// A RotationShift; ShiftDetails only on an OVERRIDDEN one.
    public sealed record Shift(DateTimeOffset StartTime, DateTimeOffset EndTime, IReadOnlyList<string> ContactIds, string Type, ShiftDetails? ShiftDetails = null)
    {
        /// The shift as docs/spec/rotations.md §4 writes it: `C 2024-01-01T12:00→2024-01-01T18:00 O(A)`.
        public override string ToString() => Describe(ContactIds, StartTime, EndTime, Type, ShiftDetails?.OverriddenContactIds);
    }

    public sealed record ShiftDetails(IReadOnlyList<string> OverriddenContactIds);

    /// Who an on-call schedule holding every rotation of the vector, in order, has on call at At.
    public sealed record OnCall(DateTimeOffset At, IReadOnlyList<string> ContactIds);

    public bool HasOverrides => Rotations.Any(r => r.Overrides.Count > 0);

    /// The vector moved forward by whole weeks: weekdays stay, and only a vector whose rotations
    /// are all in UTC keeps its meaning (a move across a DST change would shift its hand-offs).
    public RotationVector MovedBy(int weeks)
    {
        if (weeks != 0 && Rotations.Any(r => r.TimeZoneId != "UTC"))
        {
            throw new InvalidOperationException($"vector {Number} is not in UTC and cannot be moved by weeks");
        }
        var by = TimeSpan.FromDays(7 * weeks);
        return this with
        {
            Rotations = Rotations.Select(r => r with
            {
                StartTime = r.StartTime + by,
                Overrides = r.Overrides.Select(o => o with { StartTime = o.StartTime + by, EndTime = o.EndTime + by }).ToList(),
                Query = r.Query is { } q ? new Window(q.StartTime + by, q.EndTime + by) : null,
                Shifts = r.Shifts?.Select(s => s with { StartTime = s.StartTime + by, EndTime = s.EndTime + by }).ToList(),
            }).ToList(),
            OnCallAt = OnCallAt?.Select(c => c with { At = c.At + by }).ToList(),
        };
    }

    /// As the API layers run it. Overrides must end after now and at most six months ahead
    /// (docs/spec/rotations.md §5), so a vector with overrides is moved to make 2024-01-01 (a Monday)
    /// a Monday 8 to 14 days after now; the others keep their own dates.
    public RotationVector ForApiAt(DateTimeOffset now) =>
        HasOverrides ? MovedBy((int)(now - FirstMonday).TotalDays / 7 + 2) : this;

    /// A shift in the notation of docs/spec/rotations.md §4: members by letter (`[]` for none), UTC
    /// times to the minute (seconds only when there are some), then R, O(regular team), or the
    /// unexpected type and details spelled out.
    public static string Describe(IReadOnlyList<string> contacts, DateTimeOffset start, DateTimeOffset end, string type, IReadOnlyList<string>? overridden)
    {
        var kind = (type, overridden) switch
        {
            ("REGULAR", null) => "R",
            ("OVERRIDDEN", { } team) => $"O({Letters(team)})",
            _ => $"{type} {(overridden is null ? "without ShiftDetails" : $"with OverriddenContactIds [{string.Join(",", overridden)}]")}",
        };
        return $"{Letters(contacts)} {Text(start)}→{Text(end)} {kind}";
    }

    static string Letters(IReadOnlyList<string> members) => members.Count == 0 ? "[]" : string.Join(",", members);

    static string Text(DateTimeOffset t)
    {
        var utc = t.ToUniversalTime();
        return utc.Ticks % TimeSpan.TicksPerMinute == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
    }

    public override string ToString() => $"vector {Number}: {Description}";
}
