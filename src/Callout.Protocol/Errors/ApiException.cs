using System.Text.Json;

namespace Callout.Protocol.Errors;

/// An error as the client sees it: `__type` (Code), the HTTP status and the modeled members.
/// docs/spec/protocol.md §3: every client error is 400; only InternalServerException is a 500.
public class ApiException(string code, string message, int statusCode = 400) : Exception(message)
{
    public string Code { get; } = code;

    public int StatusCode { get; } = statusCode;

    /// Writes the members beside `__type` and `Message` that the error shape models.
    public virtual void WriteMembers(Utf8JsonWriter w)
    {
    }
}
