using NodaTime;
using NodaTime.TimeZones;

namespace Callout.Domain.Rotations;

/// Local date and time to instant with NodaTime's LenientResolver (docs/spec/rotations.md §2.6: a time
/// in a gap moves forward by the gap, a repeated time takes the earlier instant). Times far from
/// a transition are mapped with the offset of the last zone interval seen, which avoids the
/// allocation of ZoneLocalMapping on every hand-off; near a transition NodaTime resolves it.
internal sealed class LenientZone(DateTimeZone zone)
{
    // Offsets lie within ±18 h, so two intervals differ by at most 36 h: a local time whose instant
    // is two days from both ends of an interval cannot be mapped by any other interval.
    static readonly Duration Margin = Duration.FromDays(2);

    ZoneInterval? current;

    public DateTimeZone Zone => zone;

    public Instant At(LocalDate date, LocalTime time) => At(date + time);

    public Instant At(LocalDateTime local)
    {
        if (current is { } interval)
        {
            var guess = new OffsetDateTime(local, interval.WallOffset).ToInstant();
            if ((!interval.HasStart || guess - interval.Start >= Margin) && (!interval.HasEnd || interval.End - guess > Margin))
            {
                return guess;
            }
        }
        var resolved = zone.ResolveLocal(local, Resolvers.LenientResolver).ToInstant();
        current = zone.GetZoneInterval(resolved);
        return resolved;
    }
}
