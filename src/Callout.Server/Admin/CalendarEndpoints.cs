using Callout.Domain.Arns;
using Callout.Domain.Ports;
using Callout.Domain.Rotations;
using Callout.Server.Hosting;
using Callout.Server.Operations.Rotations;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using NodaTime;

namespace Callout.Server.Admin;

/// `GET /_callout/rotations/{rotation-id}/calendar.ics` serves a rotation's coming shifts as an
/// iCalendar feed that calendar apps can subscribe to. `?contact=<alias>` keeps one person's
/// shifts; `?days=` sets how far ahead (default 60, at most 366); `?account=` and `?region=` name
/// the rotation's owner (default: the server's default account and region). Calendar apps send no
/// credentials, so the rotation's id, a random UUID, is what gives access.
static class CalendarEndpoints
{
    public static void MapCalendars(this WebApplication app) =>
        app.MapGet("/_callout/rotations/{rotationId}/calendar.ics", async (string rotationId, string? account, string? region, string? contact, int? days,
            IContactStore store, ServerOptions options, TimeProvider time, CancellationToken ct) =>
        {
            var scope = AccountScope.For(region ?? options.DefaultRegion, account ?? options.DefaultAccount);
            await using var session = await store.OpenAsync(scope, write: false, ct);
            if (!Guid.TryParse(rotationId, out _) || await session.FindRotationAsync(rotationId.ToLowerInvariant(), ct) is not { } rotation)
            {
                return Results.NotFound();
            }
            var now = Instant.FromDateTimeOffset(time.GetUtcNow());
            var until = now + NodaTime.Duration.FromDays(Math.Clamp(days ?? 60, 1, 366));
            var from = Instant.Max(now, rotation.StartTime);
            var overrides = from < until ? await session.ListOverridesAsync(rotation.Id, from, until, ct) : [];
            var shifts = from < until ? ShiftCalculator.Shifts(RotationLookups.Plan(rotation), overrides, from, until) : [];
            return Results.Text(Feed(rotation, shifts, contact, from, until), "text/calendar; charset=utf-8");
        });

    static string Feed(Rotation rotation, IEnumerable<Shift> shifts, string? contact, Instant from, Instant until)
    {
        var calendar = new Calendar { ProductId = "-//Callout//On-call rotations//EN" };
        calendar.AddProperty("X-WR-CALNAME", contact is null ? $"On call: {rotation.Name}" : $"On call: {rotation.Name} ({contact})");
        foreach (var shift in shifts)
        {
            if (shift.Members.Count == 0 || (contact is not null && !shift.Members.Contains(contact, StringComparer.Ordinal)))
            {
                continue;
            }
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{rotation.Id}-{StableEdge(shift, from, until)}@callout",
                Summary = $"On call ({rotation.Name}): {string.Join(", ", shift.Members)}",
                Description = shift.Overridden ? "Override of " + string.Join(", ", shift.OverriddenMembers ?? []) : "Regular shift",
                DtStart = new CalDateTime(shift.Start.ToDateTimeUtc()),
                DtEnd = new CalDateTime(shift.End.ToDateTimeUtc()),
            });
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// The feed cuts the shift under way at "now" and the last one at the horizon, both of which
    /// move with every fetch; the UID takes an edge that does not, so calendar apps keep one event.
    static string StableEdge(Shift shift, Instant from, Instant until) =>
        shift.Start != from ? "s" + shift.Start.ToUnixTimeMilliseconds()
        : shift.End != until ? "e" + shift.End.ToUnixTimeMilliseconds()
        : "w" + from.ToUnixTimeMilliseconds();
}
