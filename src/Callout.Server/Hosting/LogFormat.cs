namespace Callout.Server.Hosting;

/// How log events are written to standard output (--log-format; Logging/LogOutput).
public enum LogFormat
{
    Text,
    Json,
}
