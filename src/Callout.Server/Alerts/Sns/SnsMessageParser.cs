using System.Text.Json;

namespace Callout.Server.Alerts.Sns;

/// Reads SNS's JSON envelope (docs/spec/incidents.md §5). Every problem is a reason for a 400, never
/// an exception: a body that will never parse must not be retried as if the server had failed.
static class SnsMessageParser
{
    static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    // Members whose text the signature covers or that the checks need. Unknown members
    // (UnsubscribeURL, MessageAttributes, ...) are ignored.
    static readonly string[] Known =
        ["Type", "MessageId", "TopicArn", "Subject", "Message", "Timestamp", "SignatureVersion", "Signature", "SigningCertURL", "SubscribeURL", "Token"];

    static readonly string[] Required = ["Type", "MessageId", "TopicArn", "Message", "Timestamp", "SignatureVersion", "Signature", "SigningCertURL"];

    /// The message, or null with `error` saying what is wrong.
    public static SnsMessage? Parse(ReadOnlySpan<byte> body, out string? error)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body.ToArray(), Options);
        }
        catch (JsonException)
        {
            error = "The body is not JSON; SNS posts a JSON object with Type, MessageId, TopicArn, Message, Signature and SigningCertURL.";
            return null;
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "The body must be a JSON object.";
                return null;
            }
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var member in doc.RootElement.EnumerateObject())
            {
                if (Array.IndexOf(Known, member.Name) < 0)
                {
                    continue;
                }
                // Two copies of a signed member could let the signature cover one and the reader use
                // the other.
                if (values.ContainsKey(member.Name))
                {
                    error = $"{member.Name} appears more than once.";
                    return null;
                }
                switch (member.Value.ValueKind)
                {
                    case JsonValueKind.String:
                        values[member.Name] = member.Value.GetString();
                        break;
                    case JsonValueKind.Null when member.Name == "Subject":
                        values[member.Name] = null;
                        break;
                    default:
                        error = $"{member.Name} must be a string.";
                        return null;
                }
            }
            foreach (var name in Required)
            {
                if (values.GetValueOrDefault(name) is null)
                {
                    error = $"{name} is required.";
                    return null;
                }
            }
            var typeName = values["Type"]!;
            SnsMessageType? parsed = typeName switch
            {
                "SubscriptionConfirmation" => SnsMessageType.SubscriptionConfirmation,
                "Notification" => SnsMessageType.Notification,
                "UnsubscribeConfirmation" => SnsMessageType.UnsubscribeConfirmation,
                _ => null,
            };
            if (parsed is not { } type)
            {
                error = "Type must be SubscriptionConfirmation, Notification or UnsubscribeConfirmation.";
                return null;
            }
            if (type != SnsMessageType.Notification)
            {
                foreach (var name in (string[])["SubscribeURL", "Token"])
                {
                    if (values.GetValueOrDefault(name) is null)
                    {
                        error = $"{name} is required in a {typeName}.";
                        return null;
                    }
                }
            }
            error = null;
            return new SnsMessage(type, typeName, values["MessageId"]!, values["TopicArn"]!, values.GetValueOrDefault("Subject"),
                values["Message"]!, values["Timestamp"]!, values["SignatureVersion"]!, values["Signature"]!, values["SigningCertURL"]!,
                type == SnsMessageType.Notification ? null : values["SubscribeURL"],
                type == SnsMessageType.Notification ? null : values["Token"]);
        }
    }
}
