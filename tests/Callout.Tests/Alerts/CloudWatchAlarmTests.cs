using Callout.Server.Alerts;
using Callout.Server.Alerts.Sns;
using Callout.Testing;
using NodaTime;
using Xunit;

namespace Callout.Tests.Alerts;

/// A CloudWatch alarm's state change becomes an alert signal keyed by the alarm's ARN: ALARM
/// triggers, OK resolves, INSUFFICIENT_DATA is no signal.
public sealed class CloudWatchAlarmTests
{
    const string AlarmArn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-errors";

    static string Message(string state, string reason = "Threshold Crossed: 1 datapoint [9.0] was greater than the threshold (5.0).") =>
        SnsTestMessage.Alarm("arn:aws:sns:us-east-1:123456789012:alarms", AlarmArn, state, "https://sns.us-east-1.amazonaws.com/x.pem", reason).Message;

    [Fact]
    public void alarm_triggers_an_incident_keyed_by_the_alarm()
    {
        var message = Message("ALARM");
        var signal = CloudWatchAlarm.Parse(message, out var error)!.ToSignal(message);

        Assert.Null(error);
        Assert.NotNull(signal);
        Assert.Equal(AlertAction.Trigger, signal.Action);
        Assert.Equal(AlarmArn, signal.Key);
        Assert.Equal("checkout-errors", signal.Title);
        Assert.Equal("Checkout errors above 5 %\n\nThreshold Crossed: 1 datapoint [9.0] was greater than the threshold (5.0).", signal.Summary);
        Assert.Equal(message, signal.RawData);
        Assert.NotNull(signal.At);
    }

    [Fact]
    public void ok_resolves_and_insufficient_data_is_no_signal()
    {
        var ok = Message("OK");
        Assert.Equal(AlertAction.Resolve, CloudWatchAlarm.Parse(ok, out _)!.ToSignal(ok)!.Action);
        var unknown = Message("INSUFFICIENT_DATA");
        Assert.Null(CloudWatchAlarm.Parse(unknown, out _)!.ToSignal(unknown));
    }

    [Fact]
    public void cloudwatchs_time_format_is_read()
    {
        var alarm = CloudWatchAlarm.Parse("""{"AlarmName":"a","AlarmArn":"arn","NewStateValue":"ALARM","StateChangeTime":"2026-05-01T12:34:56.789+0000"}""", out _);
        Assert.Equal(Instant.FromUtc(2026, 5, 1, 12, 34, 56) + Duration.FromMilliseconds(789), alarm!.StateChangeTime);
        var unreadable = CloudWatchAlarm.Parse("""{"AlarmName":"a","AlarmArn":"arn","NewStateValue":"ALARM","StateChangeTime":"yesterday"}""", out _);
        Assert.Null(unreadable!.StateChangeTime);
    }

    [Fact]
    public void long_texts_are_cut_to_the_incident_limits()
    {
        var name = new string('n', 255);
        var text = $$"""{"AlarmName":"{{name}}","AlarmArn":"arn","NewStateValue":"ALARM","NewStateReason":"{{new string('r', 9000)}}","Padding":"{{new string('p', 10000)}}"}""";
        var signal = CloudWatchAlarm.Parse(text, out _)!.ToSignal(text)!;
        Assert.Equal(200, signal.Title.Length);
        Assert.Equal(8000, signal.Summary!.Length);
        Assert.Null(signal.RawData);
    }

    [Theory]
    [InlineData("Hello world!", "not a CloudWatch alarm")]
    [InlineData("[]", "not a CloudWatch alarm")]
    [InlineData("""{"AlarmName":"a","NewStateValue":"ALARM"}""", "not a CloudWatch alarm")]
    [InlineData("""{"AlarmName":"","AlarmArn":"arn","NewStateValue":"ALARM"}""", "not a CloudWatch alarm")]
    [InlineData("""{"AlarmName":"a","AlarmArn":7,"NewStateValue":"ALARM"}""", "not a CloudWatch alarm")]
    [InlineData("""{"AlarmName":"a","AlarmArn":"arn","NewStateValue":"alarm"}""", "NewStateValue must be")]
    [InlineData("""{"AlarmName":"a","AlarmArn":"arn"}""", "not a CloudWatch alarm")]
    public void messages_that_are_not_alarm_changes_are_refused(string message, string reason)
    {
        Assert.Null(CloudWatchAlarm.Parse(message, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
