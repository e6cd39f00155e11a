using System.Globalization;
using Callout.Domain.Ports;
using NodaTime;

namespace Callout.Server.Hosting;

/// Where a server on the virtual clock starts: where the store says the clock was left, so a
/// restart resumes a rehearsal, or the wall-clock time if that is later (or nothing was saved).
/// The time lives in the store rather than beside it, so servers on different PostgreSQL
/// databases never share one, and a database moved elsewhere takes its time along.
static class VirtualClockStart
{
    public static async Task<DateTimeOffset> ResumeAsync(IEngineStore store, ServerOptions options, DateTimeOffset wallClock, CancellationToken ct)
    {
        var saved = await store.ReadVirtualTimeAsync(ct) ?? LegacyFile(options);
        return saved is { } at && at.ToDateTimeOffset() > wallClock ? at.ToDateTimeOffset() : wallClock;
    }

    /// Data directories written before the time moved into the store kept it in a file.
    static Instant? LegacyFile(ServerOptions options)
    {
        var path = Path.Combine(options.DataDirectory, "virtual-clock");
        return options.InMemory || options.Store is not null || !File.Exists(path)
            || !long.TryParse(File.ReadAllText(path), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? null
            : Instant.FromUnixTimeMilliseconds(ms);
    }
}
