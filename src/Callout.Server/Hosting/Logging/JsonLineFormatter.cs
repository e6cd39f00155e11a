using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Callout.Server.Hosting.Logging;

/// The console formatter of `--log-format json`. The framework's own JSON formatter names its
/// fields differently (LogLevel, State, Scopes) and knows nothing of request or trace ids.
sealed class JsonLineFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "callout-json";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }
        // Log lines carry the real time, also under --clock virtual, as the text format's do.
        textWriter.Write(JsonLine.Format(DateTimeOffset.UtcNow, logEntry.LogLevel, logEntry.Category, logEntry.EventId.Id, message ?? "",
            logEntry.State as IReadOnlyList<KeyValuePair<string, object?>>, logEntry.Exception));
        textWriter.Write('\n');
    }
}
