using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Callout.Testing;

/// An SNS message as SNS would post it to an HTTPS subscription, signed here with a test key by
/// AWS's published rules (AWS SNS Developer Guide, "Verifying the signatures of Amazon SNS
/// messages"), written out again on this side: Callout's own signing code is not used. A test signs
/// a message and may then change any member to forge one (`with`).
public sealed record SnsTestMessage
{
    public string Type { get; init; } = "Notification";
    public string MessageId { get; init; } = Guid.NewGuid().ToString();
    public string TopicArn { get; init; } = "arn:aws:sns:us-east-1:123456789012:alarms";
    public string? Subject { get; init; }
    public string Message { get; init; } = "";
    public string Timestamp { get; init; } = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
    public string? SignatureVersion { get; init; } = "1";
    public string? Signature { get; init; }
    public string SigningCertURL { get; init; } = "";
    public string? SubscribeURL { get; init; }
    public string? Token { get; init; }
    public string? UnsubscribeURL { get; init; }

    /// A SubscriptionConfirmation as SNS words it.
    public static SnsTestMessage Confirmation(string topicArn, string subscribeUrl, string token, string signingCertUrl) => new()
    {
        Type = "SubscriptionConfirmation",
        TopicArn = topicArn,
        Token = token,
        SubscribeURL = subscribeUrl,
        Message = $"You have chosen to subscribe to the topic {topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.",
        SigningCertURL = signingCertUrl,
    };

    /// A Notification carrying a CloudWatch alarm state change, worded as CloudWatch does.
    public static SnsTestMessage Alarm(string topicArn, string alarmArn, string state, string signingCertUrl, string reason = "Threshold Crossed")
    {
        var name = alarmArn[(alarmArn.LastIndexOf(':') + 1)..];
        var alarm = new JsonObject
        {
            ["AlarmName"] = name,
            ["AlarmDescription"] = "Checkout errors above 5 %",
            ["AWSAccountId"] = "123456789012",
            ["AlarmConfigurationUpdatedTimestamp"] = "2026-01-01T00:00:00.000+0000",
            ["NewStateValue"] = state,
            ["NewStateReason"] = reason,
            ["StateChangeTime"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", System.Globalization.CultureInfo.InvariantCulture),
            ["Region"] = "US East (N. Virginia)",
            ["AlarmArn"] = alarmArn,
            ["OldStateValue"] = state == "ALARM" ? "OK" : "ALARM",
            ["Trigger"] = new JsonObject { ["MetricName"] = "Errors", ["Namespace"] = "Checkout", ["Threshold"] = 5.0 },
        };
        return new SnsTestMessage
        {
            TopicArn = topicArn,
            Subject = $"{state}: \"{name}\" in US East (N. Virginia)",
            Message = alarm.ToJsonString(),
            SigningCertURL = signingCertUrl,
            UnsubscribeURL = "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + topicArn + ":1",
        };
    }

    /// The text SNS signs: name and value lines of the signed members, in the documented order.
    public byte[] StringToSign()
    {
        var members = Type == "Notification"
            ? new (string, string?)[] { ("Message", Message), ("MessageId", MessageId), ("Subject", Subject), ("Timestamp", Timestamp), ("TopicArn", TopicArn), ("Type", Type) }
            : [("Message", Message), ("MessageId", MessageId), ("SubscribeURL", SubscribeURL), ("Timestamp", Timestamp), ("Token", Token), ("TopicArn", TopicArn), ("Type", Type)];
        var text = new StringBuilder();
        foreach (var (name, value) in members)
        {
            if (value is not null)
            {
                text.Append(name).Append('\n').Append(value).Append('\n');
            }
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// Signed with `key` as SignatureVersion `version` (1: SHA-1, 2: SHA-256) says.
    public SnsTestMessage SignedWith(RSA key, string version = "1") => this with
    {
        SignatureVersion = version,
        Signature = Convert.ToBase64String(key.SignData(StringToSign(), version == "2" ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1)),
    };

    /// The JSON body SNS posts; members that are null are left out.
    public string ToJson()
    {
        var o = new JsonObject();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                o[name] = value;
            }
        }
        Add("Type", Type);
        Add("MessageId", MessageId);
        Add("Token", Token);
        Add("TopicArn", TopicArn);
        Add("Subject", Subject);
        Add("Message", Message);
        Add("SubscribeURL", SubscribeURL);
        Add("Timestamp", Timestamp);
        Add("SignatureVersion", SignatureVersion);
        Add("Signature", Signature);
        Add("SigningCertURL", SigningCertURL);
        Add("UnsubscribeURL", UnsubscribeURL);
        return o.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
