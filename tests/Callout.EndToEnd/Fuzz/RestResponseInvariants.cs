using System.Text.Json;
using Callout.EndToEnd.Incidents;

namespace Callout.EndToEnd.Fuzz;

/// What every ssm-incidents response must look like whatever the request (docs/spec/incidents.md
/// §1): never a 5xx (501 for an operation not served included), the operation's own success status
/// with a JSON object (none on 204), and an error as rest-json frames it: a modeled type in the
/// `x-amzn-ErrorType` header and a JSON object with a `message`.
static class RestResponseInvariants
{
    /// Null when the response is acceptable. `successCode` is the operation's (null when the request
    /// may reach no operation, or another one); `allowedErrors` null accepts any named error.
    public static string? Problem(IncidentsResponse response, IReadOnlySet<string>? allowedErrors, int? successCode, bool hasBody = true)
    {
        if (response.Status >= 500)
        {
            return $"server error {response.Status} {response.ErrorType}";
        }
        var isError = response.Status >= 400;
        if (!isError && (response.Status < 200 || response.Status >= 300 || (successCode is { } code && response.Status != code)))
        {
            return $"unexpected status {response.Status}" + (successCode is { } expected ? $", the operation's is {expected}" : "");
        }
        if (response.RequestId is null)
        {
            return "no x-amzn-RequestId header";
        }
        if (!isError)
        {
            return response.ErrorType is not null ? $"success with an x-amzn-ErrorType header {response.ErrorType}"
                : response.Status == 204 ? (response.Body.Length == 0 ? null : "a 204 with a body")
                : hasBody ? ObjectProblem(response) : null;
        }
        if (response.ErrorType is null)
        {
            return "error without an x-amzn-ErrorType header";
        }
        if (allowedErrors is not null && !allowedErrors.Contains(response.ErrorType))
        {
            return $"error type {response.ErrorType} is not modeled for this operation";
        }
        if (!hasBody)
        {
            return null;
        }
        if (ObjectProblem(response) is { } problem)
        {
            return problem;
        }
        var body = response.Json;
        // The JSON 1.1 side (a request no rest-json route claims) writes `Message`.
        var message = body.TryGetProperty("message", out var m) ? m : body.TryGetProperty("Message", out var big) ? big : default;
        if (message.ValueKind != JsonValueKind.String || message.GetString()!.Length == 0)
        {
            return "error body without a message";
        }
        if (body.TryGetProperty("__type", out var type) && type.GetString() != response.ErrorType)
        {
            return $"__type {type} differs from header {response.ErrorType}";
        }
        return null;
    }

    static string? ObjectProblem(IncidentsResponse response)
    {
        try
        {
            using var document = JsonDocument.Parse(response.Body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? null : $"body is a JSON {document.RootElement.ValueKind}, not an object";
        }
        catch (JsonException e)
        {
            return "body is not JSON: " + e.Message;
        }
    }
}
