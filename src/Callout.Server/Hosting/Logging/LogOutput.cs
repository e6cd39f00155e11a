using Microsoft.Extensions.Logging.Console;

namespace Callout.Server.Hosting.Logging;

/// Where log events go: standard output, one line each, as text for people or as JSON for log
/// shippers (--log-format).
static class LogOutput
{
    public static void Configure(ILoggingBuilder logging, LogFormat format)
    {
        logging.ClearProviders();
        if (format == LogFormat.Json)
        {
            logging.AddConsole(o => o.FormatterName = JsonLineFormatter.FormatterName);
            logging.AddConsoleFormatter<JsonLineFormatter, ConsoleFormatterOptions>();
            return;
        }
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });
    }

    /// A line the server prints itself rather than through a logger (the start-up banner), in the
    /// chosen format, so that under json every line of standard output is JSON.
    public static string Line(string text, string category, LogFormat format) =>
        format == LogFormat.Json ? JsonLine.Format(DateTimeOffset.UtcNow, LogLevel.Information, category, 0, text, null, null) : text;
}
