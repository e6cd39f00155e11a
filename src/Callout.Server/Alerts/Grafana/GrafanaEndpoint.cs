using Callout.Domain.Alerts;
using Callout.Domain.Ports;
using NodaTime;

namespace Callout.Server.Alerts.Grafana;

/// `POST /_callout/alerts/grafana/{key}` (or the path without it and `Authorization: Bearer
/// <key>`): a Grafana Alerting webhook contact point (docs/alerts.md). A source created with a
/// GrafanaHmacSecret takes only bodies signed with it (GrafanaSignature); with a timestamp header
/// a signature is good for five minutes and only once, so a captured alert cannot be replayed.
sealed partial class GrafanaEndpoint(AlertReception reception, IStore store, ILogger<GrafanaEndpoint> log)
{
    // A signature's age is real age, even under --clock virtual, as for SigV4 and the webhook
    // acknowledgement: Grafana stamps the wall clock.
    static readonly TimeProvider WallClock = TimeProvider.System;

    public Task<IResult> HandleAsync(HttpRequest request, string? key, CancellationToken ct) =>
        reception.ReceiveWebhookAsync(request, key, AlertFormat.Grafana, GrafanaParser.Parse, (source, body) => VerifyAsync(request, source, body, ct), ct);

    /// Null when the body may be read: the source wants no signature, or it holds and is new.
    async Task<IResult?> VerifyAsync(HttpRequest request, AlertSource source, byte[] body, CancellationToken ct)
    {
        if (source.GrafanaHmacSecret is not { } secret)
        {
            return null;
        }
        var signature = FirstHeader(request, GrafanaSignature.SignatureHeaders);
        var timestamp = FirstHeader(request, GrafanaSignature.TimestampHeaders);
        var now = WallClock.GetUtcNow();
        if (Refusal(GrafanaSignature.Verify(secret, body, signature, timestamp, now)) is { } unsigned)
        {
            LogBadSignature(log, source.Id);
            return unsigned;
        }
        if (timestamp is not null && !await FirstTimeAsync(source, signature!, timestamp, now, ct))
        {
            return AlertAnswers.Message(StatusCodes.Status200OK, "This signed alert was already received; it was not acted on again.");
        }
        return null;
    }

    static IResult? Refusal(GrafanaSignature.Check check) => check switch
    {
        GrafanaSignature.Check.Valid => null,
        GrafanaSignature.Check.Missing => AlertAnswers.Message(StatusCodes.Status401Unauthorized,
            $"This alert source takes only signed alerts: set the contact point's HMAC secret; Grafana sends the signature in {GrafanaSignature.SignatureHeaders[0]}."),
        GrafanaSignature.Check.TooOld => AlertAnswers.Message(StatusCodes.Status401Unauthorized,
            $"The signature's timestamp is more than {GrafanaSignature.Tolerance.TotalMinutes:0} minutes old."),
        GrafanaSignature.Check.TooNew => AlertAnswers.Message(StatusCodes.Status401Unauthorized,
            $"The signature's timestamp is more than {GrafanaSignature.Tolerance.TotalMinutes:0} minutes ahead of this server's clock."),
        _ => AlertAnswers.Message(StatusCodes.Status401Unauthorized, "The signature is not the HMAC-SHA256 of this body with the source's secret."),
    };

    /// Whether this signature is new. It is remembered until well after its window closes (either
    /// way), so a node whose clock runs a little behind still finds it.
    Task<bool> FirstTimeAsync(AlertSource source, string signature, string timestamp, DateTimeOffset now, CancellationToken ct)
    {
        var signedAt = Instant.FromUnixTimeSeconds(long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture));
        var id = $"grafana:{source.Id}:{signature.Trim().ToLowerInvariant()}";
        return store.RememberWebhookIdAsync(id, Instant.FromDateTimeOffset(now), signedAt + Duration.FromTimeSpan(2 * GrafanaSignature.Tolerance), ct);
    }

    static string? FirstHeader(HttpRequest request, string[] names)
    {
        foreach (var name in names)
        {
            if (request.Headers.TryGetValue(name, out var values) && values.Count == 1)
            {
                return values[0];
            }
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Grafana alert for alert source {SourceId} was refused: its signature does not hold")]
    static partial void LogBadSignature(ILogger logger, string sourceId);
}
