using Callout.Protocol.Errors;

namespace Callout.Protocol.Query;

/// The query protocol's common errors (AWS "Common Errors": the codes and their HTTP statuses).
/// MalformedQueryString is listed there as 404; Callout answers 400, since every fault in what the
/// client sent is a 400 here (docs/decisions.md, STS).
public static class QueryErrors
{
    public static QueryException MissingAction() => new("MissingAction", "The request must contain the parameter Action.");

    public static QueryException MissingParameter(string name) =>
        new("MissingParameter", $"The request must contain the parameter {name}.");

    public static QueryException InvalidAction(string action, string version) =>
        new("InvalidAction", $"Could not find operation {Shown(action)} for version {Shown(version)}.");

    public static QueryException Malformed(string reason) => new("MalformedQueryString", reason);

    public static QueryException Repeated(string name) =>
        new("InvalidQueryParameter", $"The parameter {Shown(name)} appears more than once.");

    public static QueryException TooLarge(long limit) =>
        new("ValidationError", $"The request body is larger than the limit of {limit} bytes.");

    /// STS's name for a caller over its rate; the SDKs retry it with backoff as they do the JSON one.
    public static QueryException Throttling() => new("Throttling", "Rate exceeded");

    public static QueryException InternalFailure(string requestId) => new(
        "InternalFailure",
        $"The server failed to process the request. Request id {requestId} identifies it in the server's log.",
        500);

    /// The SigV4 authenticator speaks in JSON-protocol codes; query services name the same faults
    /// differently (an expired or mismatched signature is SignatureDoesNotMatch at STS).
    public static QueryException FromAuthentication(ApiException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Code switch
        {
            "MissingAuthenticationTokenException" => new("MissingAuthenticationToken", error.Message, 403),
            "IncompleteSignatureException" => new("IncompleteSignature", error.Message, 400),
            "InvalidSignatureException" => new("SignatureDoesNotMatch", error.Message, 403),
            "UnrecognizedClientException" => new("InvalidClientTokenId", error.Message, 403),
            _ => new(error.Code, error.Message, error.StatusCode),
        };
    }

    // Values echoed into a message are cut short; XML framing deals with characters XML cannot hold.
    static string Shown(string value) => value.Length <= 128 ? value : value[..128] + "…";
}
