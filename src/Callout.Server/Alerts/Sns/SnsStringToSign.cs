using System.Text;

namespace Callout.Server.Alerts.Sns;

/// What SNS signs ("Verifying the signatures of Amazon SNS messages", AWS SNS Developer Guide): each
/// member as its name, a newline, its value, a newline, in byte order of the names. A Notification
/// signs Message, MessageId, Subject (only when present), Timestamp, TopicArn and Type; the two
/// confirmations sign Message, MessageId, SubscribeURL, Timestamp, Token, TopicArn and Type.
static class SnsStringToSign
{
    public static byte[] Of(SnsMessage m)
    {
        var text = new StringBuilder();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                text.Append(name).Append('\n').Append(value).Append('\n');
            }
        }

        Add("Message", m.Message);
        Add("MessageId", m.MessageId);
        if (m.Type == SnsMessageType.Notification)
        {
            Add("Subject", m.Subject);
            Add("Timestamp", m.Timestamp);
        }
        else
        {
            Add("SubscribeURL", m.SubscribeUrl);
            Add("Timestamp", m.Timestamp);
            Add("Token", m.Token);
        }
        Add("TopicArn", m.TopicArn);
        Add("Type", m.TypeName);
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
