using System.Globalization;
using System.Text.Json;
using NodaTime;

namespace Callout.Server.Alerts.Sns;

/// A CloudWatch alarm's state change, as CloudWatch publishes it to SNS: the JSON text of the
/// notification's Message (AlarmName, AlarmDescription, AlarmArn, NewStateValue, NewStateReason,
/// StateChangeTime; docs/spec/incidents.md §5).
sealed record CloudWatchAlarm(string AlarmName, string AlarmArn, string? AlarmDescription, string NewStateValue, string? NewStateReason, Instant? StateChangeTime)
{
    // The incident shapes' limits (ssm-incidents model: title 200, summary 8000, rawData 10000).
    const int MaxTitle = 200;
    const int MaxSummary = 8000;
    const int MaxRawData = 10000;

    public static CloudWatchAlarm? Parse(string message, out string? error)
    {
        const string NotAnAlarm = "Message is not a CloudWatch alarm state change (a JSON object with AlarmName, AlarmArn and NewStateValue).";
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(message, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException)
        {
            error = NotAnAlarm;
            return null;
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "AlarmName") is not { Length: > 0 } name
                || Text(root, "AlarmArn") is not { Length: > 0 } arn || Text(root, "NewStateValue") is not { } state)
            {
                error = NotAnAlarm;
                return null;
            }
            if (state is not ("ALARM" or "OK" or "INSUFFICIENT_DATA"))
            {
                error = "NewStateValue must be ALARM, OK or INSUFFICIENT_DATA.";
                return null;
            }
            error = null;
            return new CloudWatchAlarm(name, arn, Text(root, "AlarmDescription"), state, Text(root, "NewStateReason"), Time(Text(root, "StateChangeTime")));
        }
    }

    /// ALARM starts (or repeats) the incident of this alarm and OK resolves it; INSUFFICIENT_DATA
    /// says nothing about the alarm's condition, so it is no signal (null; docs/decisions.md).
    public AlertSignal? ToSignal(string rawMessage)
    {
        var action = NewStateValue switch
        {
            "ALARM" => AlertAction.Trigger,
            "OK" => AlertAction.Resolve,
            _ => (AlertAction?)null,
        };
        if (action is not { } a)
        {
            return null;
        }
        var summary = string.Join("\n\n", new[] { AlarmDescription, NewStateReason }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return new AlertSignal(a, AlarmArn, Cut(AlarmName, MaxTitle), summary.Length == 0 ? null : Cut(summary, MaxSummary), null,
            rawMessage.Length <= MaxRawData ? rawMessage : null, StateChangeTime);
    }

    static string Cut(string text, int max) => text.Length <= max ? text : text[..max];

    static string? Text(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// CloudWatch writes "2024-05-01T12:00:00.000+0000"; an offset without its colon is given one.
    static Instant? Time(string? text)
    {
        if (text is null)
        {
            return null;
        }
        if (text.Length > 5 && text[^5] is '+' or '-' && text[^4..].All(char.IsAsciiDigit))
        {
            text = text[..^2] + ":" + text[^2..];
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? Instant.FromDateTimeOffset(t) : null;
    }
}
