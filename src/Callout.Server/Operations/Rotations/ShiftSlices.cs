using Callout.Domain.Errors;
using Callout.Domain.Rotations;
using Callout.Server.Mapping;
using NodaTime;
using Wire = Callout.Protocol.Shapes;

namespace Callout.Server.Operations.Rotations;

/// The shifts one call of ListRotationShifts or ListPreviewRotationShifts returns; the two share
/// the calculator. Shifts never overlap, so the start of the first shift not shown is the whole cursor
/// (docs/spec/rotations.md §3.1).
static class ShiftSlices
{
    public static (List<Wire.RotationShift> Shifts, string? NextToken) Take(
        RotationPlan plan,
        IReadOnlyList<RotationOverride> overrides,
        Instant from,
        Instant to,
        int size,
        Func<string, IReadOnlyList<string>> contactIds,
        Func<Instant, string> issueToken)
    {
        if (to <= from)
        {
            throw new InvalidRequest("Invalid value provided - EndTime must be after StartTime", "endTime");
        }
        var shifts = new List<Wire.RotationShift>(Math.Min(size, 256));
        string? next = null;
        foreach (var shift in ShiftCalculator.Shifts(plan, overrides, from, to))
        {
            if (shifts.Count == size)
            {
                next = issueToken(shift.Start);
                break;
            }
            shifts.Add(new Wire.RotationShift
            {
                ContactIds = shift.Members.SelectMany(contactIds).ToList(),
                StartTime = Times.Of(shift.Start),
                EndTime = Times.Of(shift.End),
                Type = shift.Overridden ? Wire.ShiftType.Overridden : Wire.ShiftType.Regular,
                ShiftDetails = shift.Overridden
                    ? new Wire.ShiftDetails { OverriddenContactIds = (shift.OverriddenMembers ?? []).SelectMany(contactIds).ToList() }
                    : null,
            });
        }
        return (shifts, next);
    }

    public static Instant? Start(string? key) =>
        key is null ? null : Instant.FromUnixTimeMilliseconds(long.Parse(key, System.Globalization.CultureInfo.InvariantCulture));

    public static string Key(Instant start) => start.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
