using System.Text.Json;
using Callout.Domain.Ports;
using Callout.Server.Hosting;

namespace Callout.Server.Admin;

/// GET /health/live answers as long as the process serves HTTP, and depends on nothing: a
/// liveness probe that restarts the server for a database outage would only add restarts.
/// GET /health is readiness: it reads the store, and on failure answers 503 with the check that
/// failed, so a load balancer stops sending work that cannot be done.
static partial class HealthEndpoints
{
    /// A store that takes longer than this to answer is as good as down to a caller.
    static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(5);

    public static void MapHealth(this WebApplication app)
    {
        app.MapGet("/health/live", () => Results.Text("{\"status\":\"ok\"}", "application/json"));
        app.MapGet("/health", async (IEngineStore store, StoreHealth health, ILoggerFactory logs, CancellationToken ct) =>
        {
            var failure = health.Damage is { } damage
                ? new InvalidDataException("the store reported damage while serving a call: " + damage)
                : await CheckStoreAsync(store, health, ct);
            if (failure is not null)
            {
                LogFailed(logs.CreateLogger("Callout.Server.Health"), "store", failure.GetType().Name, failure.Message);
            }
            return Results.Text(Body(failure), "application/json", statusCode: failure is null ? 200 : 503);
        });
    }

    static async Task<Exception?> CheckStoreAsync(IEngineStore store, StoreHealth health, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(StoreTimeout);
        try
        {
            await store.CheckAsync(timeout.Token);
            return null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new TimeoutException($"the store did not answer within {StoreTimeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            health.Saw(e);
            return e;
        }
    }

    /// `{"status":"ok","version":"0.1.0+<commit>","checks":{"store":"ok"}}`, or on failure
    /// `{"status":"failing","version":...,"failing":["store"],"checks":{"store":"failing: PostgresException"}}`.
    /// The body names the exception's type only (the endpoint needs no credentials); the log has
    /// its message.
    static string Body(Exception? storeFailure)
    {
        using var buffer = new MemoryStream();
        // The version's '+' stays readable ("0.1.0+<commit>"); the body is never HTML.
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("status", storeFailure is null ? "ok" : "failing");
            w.WriteString("version", BuildVersion.Current);
            if (storeFailure is not null)
            {
                w.WriteStartArray("failing");
                w.WriteStringValue("store");
                w.WriteEndArray();
            }
            w.WriteStartObject("checks");
            w.WriteString("store", storeFailure is null ? "ok" : "failing: " + storeFailure.GetType().Name);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "GET /health: the {Check} check failed ({Error}): {Reason}")]
    static partial void LogFailed(ILogger logger, string check, string error, string reason);
}
