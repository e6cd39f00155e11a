namespace Callout.Server.Alerts;

static class AlertText
{
    /// At most `max` characters, never splitting a surrogate pair, so the text stays valid UTF-16
    /// (and so can be written as JSON).
    public static string Clip(string text, int max) =>
        text.Length <= max ? text : text[..(char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)];
}
