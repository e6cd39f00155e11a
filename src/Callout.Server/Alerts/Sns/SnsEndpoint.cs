using System.Security.Cryptography;
using System.Text;
using Callout.Domain.Alerts;
using Callout.Domain.Ports;
using Callout.Protocol.Framing;
using Callout.Server.Inbound;

namespace Callout.Server.Alerts.Sns;

/// `POST /_callout/alerts/sns/{key}`: an SNS HTTPS subscription carrying CloudWatch alarm state
/// changes (docs/spec/incidents.md §5). The key finds the alert source; SNS's signature, the
/// source's topic allow-list and the certificate's host prove the message (SnsVerification). A
/// verified SubscriptionConfirmation is confirmed by fetching its SubscribeURL; a Notification's
/// alarm starts or resolves the source's incident; an UnsubscribeConfirmation is only logged. Every
/// refusal is a 4xx with {"message"}; only an unreachable certificate host is a 503, so SNS retries.
sealed partial class SnsEndpoint(IStore store, SnsVerification verification, SnsSubscriptions subscriptions, IAlertIntake intake, ILogger<SnsEndpoint> log)
{
    public const string Route = "/_callout/alerts/sns/{key}";

    public async Task<IResult> HandleAsync(HttpRequest request, string key, CancellationToken ct)
    {
        var body = await InboundBody.ReadAsync(request, ct);
        if (body is null)
        {
            return InboundBody.TooLarge();
        }
        // Keys are 43 base64url characters; anything else is not looked up.
        var source = key.Length == 43 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? await store.FindAlertSourceAsync(SHA256.HashData(Encoding.ASCII.GetBytes(key)), ct)
            : null;
        if (source is null)
        {
            return Answer(StatusCodes.Status404NotFound, "No alert source has this key.");
        }
        if (source.Format != AlertFormat.Sns)
        {
            return Answer(StatusCodes.Status400BadRequest, $"This alert source reads {source.Format} alerts, not SNS messages; post to the address of an SNS source.");
        }
        if (SnsMessageParser.Parse(body, out var malformed) is not { } message)
        {
            return Answer(StatusCodes.Status400BadRequest, malformed!);
        }
        if (request.Headers.TryGetValue("x-amz-sns-message-type", out var header) && header.ToString() != message.TypeName)
        {
            return Answer(StatusCodes.Status400BadRequest, "x-amz-sns-message-type does not match the body's Type.");
        }
        if (await verification.CheckAsync(message, source, ct) is { } refused)
        {
            LogRefused(log, source.Id, message.TopicArn, refused.Status, refused.Reason);
            return Answer(refused.Status, refused.Reason);
        }

        switch (message.Type)
        {
            case SnsMessageType.SubscriptionConfirmation:
                if (await subscriptions.ConfirmAsync(message, ct) is { } failed)
                {
                    LogRefused(log, source.Id, message.TopicArn, failed.Status, failed.Reason);
                    return Answer(failed.Status, failed.Reason);
                }
                LogConfirmed(log, source.Id, message.TopicArn);
                return Json(w => w.WriteBoolean("confirmed", true));
            case SnsMessageType.UnsubscribeConfirmation:
                LogUnsubscribed(log, source.Id, message.TopicArn);
                return Json(w => w.WriteBoolean("unsubscribed", true));
        }

        if (CloudWatchAlarm.Parse(message.Message, out var notAlarm) is not { } alarm)
        {
            return Answer(StatusCodes.Status400BadRequest, notAlarm!);
        }
        if (alarm.ToSignal(message.Message) is not { } signal)
        {
            LogIgnored(log, source.Id, alarm.AlarmArn, alarm.NewStateValue);
            return Json(w => w.WriteString("ignored", $"{alarm.NewStateValue} neither starts nor resolves an incident."));
        }
        var outcome = await intake.ReceiveAsync(source, signal, request.HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        return Json(w =>
        {
            if (outcome.IncidentArn is { } arn)
            {
                w.WriteString("incidentArn", arn);
            }
            w.WriteBoolean("deduplicated", outcome.Deduplicated);
        });
    }

    static IResult Json(Action<System.Text.Json.Utf8JsonWriter> members, int status = StatusCodes.Status200OK) =>
        Results.Content(Encoding.UTF8.GetString(ResponseFraming.Result(w =>
        {
            w.WriteStartObject();
            members(w);
            w.WriteEndObject();
        })), "application/json", statusCode: status);

    static IResult Answer(int status, string message) => Json(w => w.WriteString("message", message), status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SNS message to alert source {SourceId} from topic {TopicArn} refused ({Status}): {Reason}")]
    static partial void LogRefused(ILogger logger, string sourceId, string topicArn, int status, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "SNS subscription of alert source {SourceId} to topic {TopicArn} confirmed")]
    static partial void LogConfirmed(ILogger logger, string sourceId, string topicArn);

    [LoggerMessage(Level = LogLevel.Information, Message = "SNS subscription of alert source {SourceId} to topic {TopicArn} ended by an UnsubscribeConfirmation")]
    static partial void LogUnsubscribed(ILogger logger, string sourceId, string topicArn);

    [LoggerMessage(Level = LogLevel.Information, Message = "CloudWatch alarm {AlarmArn} at alert source {SourceId} went to {State}; no incident started or resolved")]
    static partial void LogIgnored(ILogger logger, string sourceId, string alarmArn, string state);
}
