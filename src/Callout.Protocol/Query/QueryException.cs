namespace Callout.Protocol.Query;

/// An error of the AWS query protocol as the client sees it: `<Code>`, `<Message>` and the HTTP
/// status. Type is `Sender` for the client's faults and `Receiver` for the server's.
public sealed class QueryException(string code, string message, int statusCode = 400) : Exception(message)
{
    public string Code { get; } = code;

    public int StatusCode { get; } = statusCode;

    public string Type => StatusCode >= 500 ? "Receiver" : "Sender";
}
