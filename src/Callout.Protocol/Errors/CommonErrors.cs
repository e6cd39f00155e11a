namespace Callout.Protocol.Errors;

/// Errors every AWS JSON service shares but the model does not list (docs/spec/protocol.md §3).
public static class CommonErrors
{
    public static ApiException UnknownOperation(string? target) => new(
        "UnknownOperationException",
        string.IsNullOrEmpty(target)
            ? "The request has no X-Amz-Target header naming an SSMContacts operation."
            : $"'{target}' is not an operation of this service.");

    public static ApiException InternalFailure(string requestId) => new(
        "InternalServerException",
        $"The server failed to process the request. Request id {requestId} identifies it in the server's log.",
        500);

    /// AWS's common 503: the service cannot take the request now and the same request may succeed
    /// later (SDKs retry it).
    public static ApiException ServiceUnavailable(string requestId) => new(
        "ServiceUnavailable",
        $"The service cannot store the request right now; try again later. Request id {requestId} identifies it in the server's log.",
        503);

    public static ApiException MissingAuthenticationToken() => new(
        "MissingAuthenticationTokenException", "Request is missing Authentication Token");

    public static ApiException IncompleteSignature(string message) => new("IncompleteSignatureException", message);

    public static ApiException InvalidSignature(string message) => new("InvalidSignatureException", message);

    public static ApiException UnrecognizedClient() => new(
        "UnrecognizedClientException", "The security token included in the request is invalid.");

    /// The model's ThrottlingException, in the words AWS uses; every SDK retries it with backoff.
    public static ApiException Throttling() => new ThrottlingException("Rate exceeded");

    public static ApiException PayloadTooLarge(long limit) =>
        ValidationException.Because($"The request body is larger than the limit of {limit} bytes.");
}
