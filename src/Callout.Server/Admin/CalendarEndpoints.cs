using Callout.Domain.Arns;
using Callout.Domain.CalendarFeeds;
using Callout.Domain.Ports;
using Callout.Domain.Rotations;
using Callout.Server.Management.CalendarFeeds;
using Callout.Server.Operations.Rotations;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using NodaTime;

namespace Callout.Server.Admin;

/// `GET /_callout/feeds/{token}/calendar.ics` serves a calendar feed (Callout.CreateCalendarFeed)
/// as iCalendar that calendar apps can subscribe to: a rotation's shifts, or one person's shifts
/// across the rotations of their account and region, from the start of the shift under way to
/// midnight UTC `days` days ahead (CalendarWindow). `?days=` sets how far ahead (default 60, at
/// most 366); on a rotation's feed `?contact=<alias>` keeps one person's shifts. Calendar apps send
/// no credentials, so the token is the whole of the access: it is long and random, and a revoked
/// or unknown one gets the same 404. The old addresses (`/_callout/rotations/{id}/calendar.ics`,
/// where the rotation's id and `?account=` gave access) answer 404 saying how to get a feed URL.
static class CalendarEndpoints
{
    public static void MapCalendars(this WebApplication app)
    {
        app.MapGet(CalendarFeedUrls.Route, async (string token, string? contact, int? days, IStore store, TimeProvider time, CancellationToken ct) =>
        {
            if (!FeedToken.IsWellFormed(token) || await store.FindCalendarFeedAsync(FeedToken.Hash(token), ct) is not { } feed)
            {
                return Explain("No calendar feed has this address: it was revoked, or never existed. "
                    + "The owner of the rotation or contact can create a new one with Callout.CreateCalendarFeed (docs/management.md).");
            }
            var now = Instant.FromDateTimeOffset(time.GetUtcNow());
            var horizon = Math.Clamp(days ?? 60, 1, 366);
            await using var session = await store.OpenAsync(feed.Scope, write: false, ct);
            if (feed.Target.Kind == ResourceKind.Rotation)
            {
                if (await session.FindRotationAsync(feed.Target.Id, ct) is not { } rotation)
                {
                    return Explain("The rotation of this calendar feed was deleted.");
                }
                var name = contact is null ? $"On call: {rotation.Name}" : $"On call: {rotation.Name} ({contact})";
                return Serve(name, [(rotation, Keep(await ShiftsAsync(session, rotation, now, horizon, ct), contact))]);
            }
            if (await session.FindContactAsync(feed.Target.Alias, ct) is not { } person)
            {
                return Explain("The contact of this calendar feed was deleted.");
            }
            var rotations = new List<(Rotation, IEnumerable<Shift>)>();
            foreach (var rotationId in await session.RotationsWithMemberAsync(person.Alias, ct))
            {
                if (await session.FindRotationAsync(rotationId, ct) is { } rotation)
                {
                    rotations.Add((rotation, Keep(await ShiftsAsync(session, rotation, now, horizon, ct), person.Alias)));
                }
            }
            return Serve($"On call: {person.DisplayName ?? person.Alias}", rotations);
        });

        app.MapGet("/_callout/rotations/{rotationId}/calendar.ics", (string rotationId) => Explain(
            "Calendar feed URLs now need a secret token: a rotation's id and ?account= no longer give access, as they appear wherever the rotation's ARN does. "
            + "The rotation's owner creates a feed with the signed call Callout.CreateCalendarFeed {\"TargetArn\": \"arn:aws:ssm-contacts:<region>:<account>:rotation/<id>\"} "
            + "(or a person's contact ARN for their shifts in every rotation) and subscribes to the FeedUrl it answers (docs/management.md)."));
    }

    /// From the start of the regular shift under way; parts of it that have ended (cut by an
    /// override or a coverage gap) are past.
    static async Task<IEnumerable<Shift>> ShiftsAsync(IStoreSession session, Rotation rotation, Instant now, int days, CancellationToken ct)
    {
        var plan = RotationLookups.Plan(rotation);
        var window = CalendarWindow.For(plan, now, days);
        if (window.From >= window.Until)
        {
            return [];
        }
        var overrides = await session.ListOverridesAsync(rotation.Id, window.From, window.Until, ct);
        return ShiftCalculator.Shifts(plan, overrides, window.From, window.Until).Where(s => s.End > now).ToList();
    }

    static IEnumerable<Shift> Keep(IEnumerable<Shift> shifts, string? contact) =>
        shifts.Where(s => s.Members.Count > 0 && (contact is null || s.Members.Contains(contact, StringComparer.Ordinal)));

    static IResult Explain(string text) => Results.Text(text + "\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);

    static IResult Serve(string name, IEnumerable<(Rotation Rotation, IEnumerable<Shift> Shifts)> rotations)
    {
        var calendar = new Calendar { ProductId = "-//Callout//On-call rotations//EN" };
        calendar.AddProperty("X-WR-CALNAME", name);
        foreach (var (rotation, shifts) in rotations)
        {
            foreach (var shift in shifts)
            {
                calendar.Events.Add(new CalendarEvent
                {
                    // Every event starts where its shift starts, so the rotation and the start name
                    // it; "s" keeps the UIDs that earlier feeds gave.
                    Uid = $"{rotation.Id}-s{shift.Start.ToUnixTimeMilliseconds()}@callout",
                    // Fixed, not the time of the request, so a poll that finds nothing new gives the same bytes.
                    DtStamp = new CalDateTime(rotation.CreatedAt.ToDateTimeUtc()),
                    Summary = $"On call ({rotation.Name}): {string.Join(", ", shift.Members)}",
                    Description = shift.Overridden ? "Override of " + string.Join(", ", shift.OverriddenMembers ?? []) : "Regular shift",
                    DtStart = new CalDateTime(shift.Start.ToDateTimeUtc()),
                    DtEnd = new CalDateTime(shift.End.ToDateTimeUtc()),
                });
            }
        }
        return Results.Text(new CalendarSerializer().SerializeToString(calendar) ?? "", "text/calendar; charset=utf-8");
    }
}
