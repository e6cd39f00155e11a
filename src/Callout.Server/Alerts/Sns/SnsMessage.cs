namespace Callout.Server.Alerts.Sns;

/// The three kinds of message SNS posts to an HTTPS subscription (the x-amz-sns-message-type header
/// and the body's Type).
enum SnsMessageType
{
    SubscriptionConfirmation,
    Notification,
    UnsubscribeConfirmation,
}

/// One message as SNS posted it, every signed member kept exactly as sent (the signature covers the
/// text, not its meaning: Timestamp is never reparsed before it is checked). `Subject` is null when
/// absent or JSON null; `SubscribeUrl` and `Token` are present on the two confirmations only.
sealed record SnsMessage(
    SnsMessageType Type,
    string TypeName,
    string MessageId,
    string TopicArn,
    string? Subject,
    string Message,
    string Timestamp,
    string SignatureVersion,
    string Signature,
    string SigningCertUrl,
    string? SubscribeUrl,
    string? Token);
