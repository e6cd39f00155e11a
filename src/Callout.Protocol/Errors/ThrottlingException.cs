using System.Text.Json;

namespace Callout.Protocol.Errors;

/// docs/spec/protocol.md §3: 400, with RetryAfterSeconds from the model. botocore retries it.
public sealed class ThrottlingException(string message, int? retryAfterSeconds = null)
    : ApiException("ThrottlingException", message)
{
    public int? RetryAfterSeconds { get; } = retryAfterSeconds;

    public override void WriteMembers(Utf8JsonWriter w)
    {
        w.WriteString("ServiceCode", ServiceQuotaExceededException.ServiceCode);
        if (RetryAfterSeconds is { } seconds)
        {
            w.WriteNumber("RetryAfterSeconds", seconds);
        }
    }
}
