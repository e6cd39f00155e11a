using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace Callout.Server.WebConsole;

/// How pages write an instant: `<time datetime="ISO">` with a UTC text that console.js replaces
/// with the viewer's local time (the text stays readable without the script).
static class ConsoleTime
{
    /// The element for an instant, or a dash when there is none. Both texts are made here from
    /// a DateTimeOffset, so nothing from a caller reaches the markup.
    public static IHtmlContent Tag(DateTimeOffset? at) => at is { } t
        ? new HtmlString($"<time datetime=\"{Iso(t)}\">{Utc(t)}</time>")
        : new HtmlString("<span class=\"muted\">—</span>");

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// "3 d 4 h", "2 h 5 min", "40 s": two units at most, enough to see how long something ran.
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }
        return span.TotalDays >= 1 ? $"{(int)span.TotalDays} d {span.Hours} h"
            : span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min"
            : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes} min"
            : $"{(int)span.TotalSeconds} s";
    }
}
