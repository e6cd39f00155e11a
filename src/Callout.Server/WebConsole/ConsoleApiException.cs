namespace Callout.Server.WebConsole;

/// An operation the console called refused: the same error code and message an API client gets,
/// shown to the person on the page that asked.
sealed class ConsoleApiException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
