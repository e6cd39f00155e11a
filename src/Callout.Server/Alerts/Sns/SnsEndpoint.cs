using Callout.Domain.Alerts;

namespace Callout.Server.Alerts.Sns;

/// `POST /_callout/alerts/sns/{key}`: an SNS HTTPS subscription carrying CloudWatch alarm state
/// changes (docs/spec/incidents.md §5). The key finds the alert source; SNS's signature, the
/// source's topic allow-list and the certificate's host prove the message (SnsVerification). A
/// verified SubscriptionConfirmation is confirmed by fetching its SubscribeURL; a Notification's
/// alarm starts or resolves the source's incident; an UnsubscribeConfirmation is only logged. Every
/// refusal is a 4xx with {"message"} (AlertAnswers); only an unreachable certificate host (503) and
/// a failed confirmation (502) are 5xx, so SNS tries again.
sealed partial class SnsEndpoint(AlertReception reception, SnsVerification verification, SnsSubscriptions subscriptions, ILogger<SnsEndpoint> log)
{
    public const string Route = AlertRoutes.SnsWithKey;

    public Task<IResult> HandleAsync(HttpRequest request, string key, CancellationToken ct) =>
        reception.WithBodyAsync(request, body => ReceiveAsync(request, key, body, ct), AlertAnswers.Refuse, ct);

    async Task<IResult> ReceiveAsync(HttpRequest request, string key, byte[] body, CancellationToken ct)
    {
        var (source, wrongKey) = await reception.SourceForAsync(key, AlertFormat.Sns, ct);
        if (source is null)
        {
            return AlertAnswers.Refuse(wrongKey!);
        }
        if (SnsMessageParser.Parse(body, out var malformed) is not { } message)
        {
            return AlertAnswers.Message(StatusCodes.Status400BadRequest, malformed!);
        }
        if (request.Headers.TryGetValue("x-amz-sns-message-type", out var header) && header.ToString() != message.TypeName)
        {
            return AlertAnswers.Message(StatusCodes.Status400BadRequest, "x-amz-sns-message-type does not match the body's Type.");
        }
        if (await verification.CheckAsync(message, source, ct) is { } refused)
        {
            LogRefused(log, source.Id, Printable(message.TopicArn), refused.Status, Printable(refused.Reason));
            return AlertAnswers.Message(refused.Status, refused.Reason);
        }

        switch (message.Type)
        {
            case SnsMessageType.SubscriptionConfirmation:
                if (await subscriptions.ConfirmAsync(message, ct) is { } failed)
                {
                    LogRefused(log, source.Id, message.TopicArn, failed.Status, failed.Reason);
                    return AlertAnswers.Message(failed.Status, failed.Reason);
                }
                LogConfirmed(log, source.Id, message.TopicArn);
                return AlertAnswers.Json(StatusCodes.Status200OK, w => w.WriteBoolean("confirmed", true));
            case SnsMessageType.UnsubscribeConfirmation:
                LogUnsubscribed(log, source.Id, message.TopicArn);
                return AlertAnswers.Json(StatusCodes.Status200OK, w => w.WriteBoolean("unsubscribed", true));
        }

        if (CloudWatchAlarm.Parse(message.Message, out var notAlarm) is not { } alarm)
        {
            return AlertAnswers.Message(StatusCodes.Status400BadRequest, notAlarm!);
        }
        if (alarm.ToSignal(message.Message) is not { } signal)
        {
            LogIgnored(log, source.Id, alarm.AlarmArn, alarm.NewStateValue);
            return AlertAnswers.Message(StatusCodes.Status200OK, $"{alarm.NewStateValue} neither starts nor resolves an incident; nothing was done.");
        }
        var (outcome, failedIntake) = await reception.IntakeAsync(source, signal, request, ct);
        return outcome is null ? AlertAnswers.Refuse(failedIntake!) : AlertAnswers.Outcome(signal, outcome);
    }

    /// A sender's text as a log line may show it: refused messages are not verified, so their
    /// members could otherwise forge log lines or flood them.
    static string Printable(string text)
    {
        var cut = text.Length <= 300 ? text : text[..300] + "…";
        return string.Create(cut.Length, cut, (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SNS message to alert source {SourceId} from topic {TopicArn} refused ({Status}): {Reason}")]
    static partial void LogRefused(ILogger logger, string sourceId, string topicArn, int status, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "SNS subscription of alert source {SourceId} to topic {TopicArn} confirmed")]
    static partial void LogConfirmed(ILogger logger, string sourceId, string topicArn);

    [LoggerMessage(Level = LogLevel.Information, Message = "SNS subscription of alert source {SourceId} to topic {TopicArn} ended by an UnsubscribeConfirmation")]
    static partial void LogUnsubscribed(ILogger logger, string sourceId, string topicArn);

    [LoggerMessage(Level = LogLevel.Information, Message = "CloudWatch alarm {AlarmArn} at alert source {SourceId} went to {State}; no incident started or resolved")]
    static partial void LogIgnored(ILogger logger, string sourceId, string alarmArn, string state);
}
