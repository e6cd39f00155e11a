using Callout.Protocol.Dispatch;

namespace Callout.Protocol.RestJson;

/// What a rest-json model says about one operation beyond its shapes: the HTTP method and URI
/// template that reach it, the status of a success (`http.responseCode`) and the member carrying
/// its idempotency token, if any.
public sealed record RestOperation(
    OperationDescriptor Descriptor,
    string Method,
    string RequestUri,
    int SuccessCode,
    string? IdempotencyTokenMember)
{
    public RestRoute Route { get; } = RestRoute.Parse(RequestUri);

    /// 204 answers have no body at all (RFC 9110 §15.3.5).
    public bool HasBody => SuccessCode != 204;
}
