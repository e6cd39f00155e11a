using System.Text.RegularExpressions;
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

/// `GET /_callout/rotations/{rotation-id}/calendar.ics` serves a rotation's shifts as an iCalendar
/// feed that calendar apps can subscribe to, from the start of the shift under way to midnight UTC
/// `days` days ahead (CalendarWindow). `?contact=<alias>` keeps one person's shifts; `?days=` sets
/// how far ahead (default 60, at most 366); `?account=` and `?region=` name the rotation's owner
/// (default: the server's default account and region). Calendar apps send no credentials, so the
/// rotation's id, a random UUID, is what gives access; a feed not found says which scope was
/// searched and how to name another, since a subscription shows nothing else.
static partial class CalendarEndpoints
{
    public static void MapCalendars(this WebApplication app) =>
        app.MapGet("/_callout/rotations/{rotationId}/calendar.ics", async (string rotationId, string? account, string? region, string? contact, int? days,
            IStore store, ServerOptions options, TimeProvider time, CancellationToken ct) =>
        {
            if (!Guid.TryParse(rotationId, out _))
            {
                return Explain(StatusCodes.Status404NotFound,
                    $"'{rotationId}' is not a rotation id. A feed's address is /_callout/rotations/<id>/calendar.ics, where <id> is the UUID that ends the rotation's ARN.");
            }
            if (account is not null && !AccountId().IsMatch(account))
            {
                return Explain(StatusCodes.Status400BadRequest,
                    $"?account= must be the 12-digit account id of the rotation's ARN (arn:aws:ssm-contacts:<region>:<account>:rotation/<id>), not '{account}'.");
            }
            if (region is { Length: 0 })
            {
                return Explain(StatusCodes.Status400BadRequest,
                    "?region= must name the region of the rotation's ARN (arn:aws:ssm-contacts:<region>:<account>:rotation/<id>); it is empty.");
            }
            var scope = AccountScope.For(region ?? options.DefaultRegion, account ?? options.DefaultAccount);
            await using var session = await store.OpenAsync(scope, write: false, ct);
            if (await session.FindRotationAsync(rotationId.ToLowerInvariant(), ct) is not { } rotation)
            {
                return Explain(StatusCodes.Status404NotFound, NotFound(rotationId, scope, account is null, region is null));
            }
            var plan = RotationLookups.Plan(rotation);
            var now = Instant.FromDateTimeOffset(time.GetUtcNow());
            var window = CalendarWindow.For(plan, now, Math.Clamp(days ?? 60, 1, 366));
            IEnumerable<Shift> shifts = [];
            if (window.From < window.Until)
            {
                var overrides = await session.ListOverridesAsync(rotation.Id, window.From, window.Until, ct);
                // The window starts where the regular shift under way began; parts of it that have
                // ended (cut by an override or a coverage gap) are past.
                shifts = ShiftCalculator.Shifts(plan, overrides, window.From, window.Until).Where(s => s.End > now);
            }
            return Results.Text(Feed(rotation, shifts, contact), "text/calendar; charset=utf-8");
        });

    static string NotFound(string rotationId, AccountScope scope, bool noAccount, bool noRegion)
    {
        var searched = $"No rotation {rotationId} in account {scope.AccountId}, region {scope.Region}.";
        var defaulted = (noAccount, noRegion) switch
        {
            (true, true) => "account and region",
            (true, false) => "account",
            (false, true) => "region",
            _ => null,
        };
        const string How = "Calendar apps send no credentials, so the feed's address names the rotation's owner: "
            + "add ?account=<account>&region=<region> as in the rotation's ARN (arn:aws:ssm-contacts:<region>:<account>:rotation/<id>).";
        return defaulted is null
            ? $"{searched} Check that ?account= and ?region= match the rotation's ARN (arn:aws:ssm-contacts:<region>:<account>:rotation/<id>)."
            : $"{searched} The address names no {defaulted}, so the server's default was used. {How}";
    }

    static IResult Explain(int status, string text) => Results.Text(text + "\n", "text/plain; charset=utf-8", statusCode: status);

    static string Feed(Rotation rotation, IEnumerable<Shift> shifts, string? contact)
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
                // Every event starts where its shift starts, so the start names it; "s" keeps the
                // UIDs that earlier feeds gave.
                Uid = $"{rotation.Id}-s{shift.Start.ToUnixTimeMilliseconds()}@callout",
                // Fixed, not the time of the request, so a poll that finds nothing new gives the same bytes.
                DtStamp = new CalDateTime(rotation.CreatedAt.ToDateTimeUtc()),
                Summary = $"On call ({rotation.Name}): {string.Join(", ", shift.Members)}",
                Description = shift.Overridden ? "Override of " + string.Join(", ", shift.OverriddenMembers ?? []) : "Regular shift",
                DtStart = new CalDateTime(shift.Start.ToDateTimeUtc()),
                DtEnd = new CalDateTime(shift.End.ToDateTimeUtc()),
            });
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountId();
}
