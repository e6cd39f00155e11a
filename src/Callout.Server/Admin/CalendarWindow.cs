using Callout.Domain.Rotations;
using NodaTime;

namespace Callout.Server.Admin;

/// The span a calendar feed covers: from the start of the shift under way, whole, to midnight UTC
/// at the end of the `days`-th day after today. Neither edge is the request's time, so two polls
/// give the same events unless a shift ended or a day began between them, and calendar apps do
/// not rewrite events on every refresh.
sealed record CalendarWindow(Instant From, Instant Until)
{
    public static CalendarWindow For(RotationPlan plan, Instant now, int days) => new(
        ShiftCalculator.ShiftStartAt(plan, now),
        now.InUtc().Date.PlusDays(days + 1).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant());
}
