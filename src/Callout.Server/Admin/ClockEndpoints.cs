using System.Text.Json;
using System.Xml;
using Callout.Domain.Audit;
using Callout.Domain.Ports;
using Callout.Engine.Clock;
using Callout.Engine.Processing;
using Callout.Protocol.Framing;
using Callout.Storage;
using Callout.Server.Audit;
using Callout.Server.Retention;
using NodaTime;

namespace Callout.Server.Admin;

/// The virtual clock (`--clock virtual`): `POST /_callout/clock/advance` with `{"seconds": 300}` or
/// `{"duration": "PT5M"}` moves time forward, stopping at every due step on the way so each runs at
/// its own time, and answers once the engine is idle. `GET /_callout/clock` tells the time. One
/// advance moves at most MaxAdvance; a longer rehearsal advances several times.
static class ClockEndpoints
{
    static readonly TimeSpan MaxAdvance = TimeSpan.FromDays(366);

    public static void MapClock(this WebApplication app, VirtualClock? clock)
    {
        app.MapGet("/_callout/clock", (TimeProvider time) => Now(time, clock is not null));
        app.MapPost("/_callout/clock/advance", async (HttpRequest request, IEngineStore store, EngagementEngine engine, TimeProvider time,
            ClockAudit audit, RetentionPurge retention, CancellationToken ct) =>
        {
            var received = time.GetUtcNow();
            if (clock is null)
            {
                await audit.RecordAsync(request.HttpContext, received, ClockAudit.Refused);
                return Problem("The clock is the system clock; start Callout with --clock virtual to move it.");
            }
            TimeSpan by;
            try
            {
                by = await ReadDurationAsync(request, ct);
            }
            catch (Exception e) when (e is JsonException or FormatException or OverflowException or ArgumentException or InvalidOperationException)
            {
                await audit.RecordAsync(request.HttpContext, received, ClockAudit.Refused);
                return Problem("Send {\"seconds\": n} or {\"duration\": \"PT5M\"} with a duration from 0 to 366 days: " + e.Message);
            }
            var target = clock.GetUtcNow() + by;
            try
            {
                await engine.WaitIdleAsync(ct);
                while (await store.NextDueAsync(ct) is { } next && next.ToDateTimeOffset() <= target)
                {
                    clock.MoveTo(next.ToDateTimeOffset());
                    await engine.WaitIdleAsync(ct);
                }
                clock.MoveTo(target);
                await engine.WaitIdleAsync(ct);
                // The purge's hourly timer fired with the move, but runs on its own; a round that
                // fell due ends before the answer, so what the new time makes old is gone by then.
                await retention.RunIfDueAsync(ct);
                await store.SaveVirtualTimeAsync(Instant.FromDateTimeOffset(clock.GetUtcNow()), ct);
            }
            catch (Exception e) when (StoreFaults.Of(e) == StoreFault.Full)
            {
                // The engine could not claim or the time could not be saved. The clock is moved all
                // the way, so the work due meanwhile runs once space returns (the engine retries).
                clock.MoveTo(target);
                return Problem("The store's disk is full: the clock moved, but the work due meanwhile waits until space returns.", 503);
            }
            await audit.RecordAsync(request.HttpContext, received, AuditRecord.Success);
            return Now(time, true);
        });
    }

    static IResult Now(TimeProvider time, bool isVirtual) => Results.Bytes(ResponseFraming.Result(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("Now", time.GetUtcNow().ToUnixTimeMilliseconds() / 1000m);
        w.WriteString("Iso", Instant.FromDateTimeOffset(time.GetUtcNow()).ToString());
        w.WriteBoolean("Virtual", isVirtual);
        w.WriteEndObject();
    }), "application/json");

    static async Task<TimeSpan> ReadDurationAsync(HttpRequest request, CancellationToken ct)
    {
        TimeSpan by;
        if (request.Query.TryGetValue("seconds", out var s))
        {
            by = TimeSpan.FromSeconds(double.Parse(s.ToString(), System.Globalization.CultureInfo.InvariantCulture));
        }
        else if (request.Query.TryGetValue("duration", out var d))
        {
            by = XmlConvert.ToTimeSpan(d.ToString());
        }
        else
        {
            using var doc = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("the body is not a JSON object.");
            }
            by = doc.RootElement.TryGetProperty("seconds", out var sec) ? TimeSpan.FromSeconds(sec.GetDouble())
                : doc.RootElement.TryGetProperty("duration", out var dur) ? XmlConvert.ToTimeSpan(dur.GetString()!)
                : throw new FormatException("no seconds or duration given");
        }
        return by < TimeSpan.Zero ? throw new ArgumentException("the clock never goes back.")
            : by > MaxAdvance ? throw new ArgumentException($"{by} is more than one advance may move ({MaxAdvance.TotalDays} days).")
            : by;
    }

    static IResult Problem(string message, int status = 400) => Results.Content(
        System.Text.Encoding.UTF8.GetString(ResponseFraming.Result(w =>
        {
            w.WriteStartObject();
            w.WriteString("Message", message);
            w.WriteEndObject();
        })),
        "application/json",
        statusCode: status);
}
