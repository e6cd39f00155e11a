using System.Text;
using Callout.Server.Alerts.Sns;
using Callout.Testing;
using Xunit;

namespace Callout.Tests.Alerts;

/// SNS's envelope is read strictly: anything that is not a well-formed SNS message is a reason for
/// a 400, never an exception.
public sealed class SnsMessageParserTests
{
    const string CertUrl = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem";

    static SnsMessage? Parse(string body, out string? error) => SnsMessageParser.Parse(Encoding.UTF8.GetBytes(body), out error);

    [Fact]
    public void a_notification_keeps_every_signed_member_as_sent()
    {
        var sent = SnsTestMessage.Alarm("arn:aws:sns:us-east-1:123456789012:alarms", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:cpu", "ALARM", CertUrl) with
        {
            Signature = "c2lnbmF0dXJl",
            Timestamp = "2026-12-06T12:00:00.123Z",
        };
        var message = Parse(sent.ToJson(), out var error);

        Assert.Null(error);
        Assert.NotNull(message);
        Assert.Equal(SnsMessageType.Notification, message.Type);
        Assert.Equal(sent.Message, message.Message);
        Assert.Equal(sent.Subject, message.Subject);
        Assert.Equal("2026-12-06T12:00:00.123Z", message.Timestamp);
        Assert.Equal(sent.TopicArn, message.TopicArn);
        Assert.Equal(CertUrl, message.SigningCertUrl);
        Assert.Null(message.SubscribeUrl);
    }

    [Fact]
    public void a_confirmation_keeps_its_subscribe_url_and_token()
    {
        var sent = SnsTestMessage.Confirmation("arn:aws:sns:us-east-1:123456789012:alarms", "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=t1", "t1", CertUrl) with { Signature = "AA==" };
        var message = Parse(sent.ToJson(), out _);

        Assert.NotNull(message);
        Assert.Equal(SnsMessageType.SubscriptionConfirmation, message.Type);
        Assert.Equal("t1", message.Token);
        Assert.Equal(sent.SubscribeURL, message.SubscribeUrl);
    }

    [Fact]
    public void a_null_subject_counts_as_absent()
    {
        var message = Parse("""{"Type":"Notification","MessageId":"1","TopicArn":"t","Subject":null,"Message":"m","Timestamp":"x","SignatureVersion":"1","Signature":"AA==","SigningCertURL":"u"}""", out var error);
        Assert.Null(error);
        Assert.Null(message!.Subject);
    }

    [Theory]
    // Not JSON, or not an object.
    [InlineData("not json", "not JSON")]
    [InlineData("[1,2]", "JSON object")]
    [InlineData("", "not JSON")]
    // A required member missing or not a string.
    [InlineData("""{"Type":"Notification","MessageId":"1","TopicArn":"t","Message":"m","Timestamp":"x","Signature":"AA==","SigningCertURL":"u"}""", "SignatureVersion is required")]
    [InlineData("""{"Type":"Notification","MessageId":"1","TopicArn":"t","Message":"m","Timestamp":"x","SignatureVersion":1,"Signature":"AA==","SigningCertURL":"u"}""", "SignatureVersion must be a string")]
    [InlineData("""{"Type":"Notification","MessageId":"1","TopicArn":"t","Message":{"a":1},"Timestamp":"x","SignatureVersion":"1","Signature":"AA==","SigningCertURL":"u"}""", "Message must be a string")]
    [InlineData("""{"Type":"Notification","MessageId":"1","TopicArn":null,"Message":"m","Timestamp":"x","SignatureVersion":"1","Signature":"AA==","SigningCertURL":"u"}""", "TopicArn must be a string")]
    // A Type SNS does not send, including an enum's number and a different case.
    [InlineData("""{"Type":"Alarm","MessageId":"1","TopicArn":"t","Message":"m","Timestamp":"x","SignatureVersion":"1","Signature":"AA==","SigningCertURL":"u"}""", "Type must be")]
    [InlineData("""{"Type":"1","MessageId":"1","TopicArn":"t","Message":"m","Timestamp":"x","SignatureVersion":"1","Signature":"AA==","SigningCertURL":"u"}""", "Type must be")]
    [InlineData("""{"Type":"notification","MessageId":"1","TopicArn":"t","Message":"m","Timestamp":"x","SignatureVersion":"1","Signature":"AA==","SigningCertURL":"u"}""", "Type must be")]
    // A confirmation without what confirms it.
    [InlineData("""{"Type":"SubscriptionConfirmation","MessageId":"1","TopicArn":"t","Message":"m","Timestamp":"x","SignatureVersion":"1","Signature":"AA==","SigningCertURL":"u","Token":"k"}""", "SubscribeURL is required")]
    [InlineData("""{"Type":"UnsubscribeConfirmation","MessageId":"1","TopicArn":"t","Message":"m","Timestamp":"x","SignatureVersion":"1","Signature":"AA==","SigningCertURL":"u","SubscribeURL":"s"}""", "Token is required")]
    // A signed member twice: the signature could cover one copy and the reader use the other.
    [InlineData("""{"Type":"Notification","MessageId":"1","TopicArn":"t","TopicArn":"u","Message":"m","Timestamp":"x","SignatureVersion":"1","Signature":"AA==","SigningCertURL":"u"}""", "TopicArn appears more than once")]
    public void malformed_bodies_are_refused_with_a_reason(string body, string reason)
    {
        Assert.Null(Parse(body, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void deeply_nested_json_is_refused_without_an_exception()
    {
        var body = "{\"Type\":" + new string('[', 5000) + new string(']', 5000) + "}";
        Assert.Null(Parse(body, out var error));
        Assert.NotNull(error);
    }
}
