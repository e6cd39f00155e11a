using Callout.Domain.Channels;

namespace Callout.Domain.Engagements;

/// The words of a page (docs/spec/domain.md §5, our templates). The secure Subject and Content go by
/// email and voice only; SMS carries the public texts, or just who is engaging.
public static class PageMessages
{
    const int SmsLimit = 300;

    public static MessageText For(Engagement engagement, ChannelKind channel, string personAlias, string code, string? acknowledgeUrl) => channel switch
    {
        ChannelKind.Sms => new MessageText(engagement.PublicSubject ?? "Incident alert", Sms(engagement, code)),
        ChannelKind.Voice => new MessageText(engagement.Subject,
            $"Callout paging for {personAlias}. {engagement.Subject}. {engagement.Content}. Press 1 to acknowledge, 2 to repeat."),
        _ => new MessageText(engagement.Subject, Email(engagement, code, acknowledgeUrl)),
    };

    static string Sms(Engagement e, string code)
    {
        var tail = $" Reply {code} to acknowledge.";
        if (e.PublicSubject is null && e.PublicContent is null)
        {
            return $"You have been engaged by {e.Sender}. Reply {code}.";
        }
        var text = $"[{e.PublicSubject ?? "Incident alert"}] {e.PublicContent}".TrimEnd();
        var room = SmsLimit - tail.Length;
        return (text.Length > room ? text[..(room - 1)] + "…" : text) + tail;
    }

    static string Email(Engagement e, string code, string? acknowledgeUrl)
    {
        var lines = new List<string> { e.Content, "", $"Sender: {e.Sender}" };
        if (e.IncidentId is not null)
        {
            lines.Add($"Incident: {e.IncidentId}");
        }
        lines.Add($"Acknowledgement code: {code}");
        if (acknowledgeUrl is not null)
        {
            lines.AddRange(["", "Acknowledge this page: " + acknowledgeUrl]);
        }
        return string.Join('\n', lines);
    }
}
