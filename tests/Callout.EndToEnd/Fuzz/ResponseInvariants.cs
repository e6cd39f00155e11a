using System.Text.Json;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Fuzz;

/// What every response must look like whatever the request (docs/spec/protocol.md §2–3): never a 5xx,
/// always one JSON object, and an error names a modeled type in both body and header.
static class ResponseInvariants
{
    static readonly string[] Reasons = ["UNKNOWN_OPERATION", "CANNOT_PARSE", "FIELD_VALIDATION_FAILED", "OTHER"];

    /// Null when the response is acceptable, else what is wrong with it.
    public static string? Problem(ApiResponse response, IReadOnlySet<string> allowedErrors, bool hasBody = true)
    {
        if (response.Status >= 500)
        {
            return $"server error {response.Status}";
        }
        if (response.Status != 200 && response.Status is < 400 or >= 500)
        {
            return $"unexpected status {response.Status}";
        }
        var isError = response.Status != 200;
        if (isError && response.ErrorType is null)
        {
            return "error without an x-amzn-ErrorType header";
        }
        if (isError && !allowedErrors.Contains(response.ErrorType!))
        {
            return $"error type {response.ErrorType} is not modeled for this operation";
        }
        if (!isError && response.ErrorType is not null)
        {
            return $"success with an x-amzn-ErrorType header {response.ErrorType}";
        }
        if (response.RequestId is null)
        {
            return "no x-amzn-RequestId header";
        }
        return hasBody ? BodyProblem(response, isError) : null;
    }

    static string? BodyProblem(ApiResponse response, bool isError)
    {
        if (response.ContentType != "application/x-amz-json-1.1")
        {
            return $"content type {response.ContentType ?? "(none)"}";
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(response.Body);
        }
        catch (JsonException e)
        {
            return "body is not JSON: " + e.Message;
        }
        using (document)
        {
            var body = document.RootElement;
            if (body.ValueKind != JsonValueKind.Object)
            {
                return $"body is a JSON {body.ValueKind}, not an object";
            }
            if (!isError)
            {
                return body.TryGetProperty("__type", out _) ? "success with a __type" : null;
            }
            if (!body.TryGetProperty("__type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return "error body without a string __type";
            }
            if (type.GetString() != response.ErrorType)
            {
                return $"__type {type.GetString()} differs from header {response.ErrorType}";
            }
            if (!body.TryGetProperty("Message", out var message) || message.ValueKind != JsonValueKind.String || message.GetString()!.Length == 0)
            {
                return "error body without a Message";
            }
            if (body.TryGetProperty("Reason", out var reason)
                && (reason.ValueKind != JsonValueKind.String || !Reasons.Contains(reason.GetString())))
            {
                return $"Reason {reason} is not a ValidationExceptionReason";
            }
            if (body.TryGetProperty("Fields", out var fields)
                && (fields.ValueKind != JsonValueKind.Array || fields.EnumerateArray().Any(f =>
                    !f.TryGetProperty("Name", out var n) || n.ValueKind != JsonValueKind.String
                    || !f.TryGetProperty("Message", out var m) || m.ValueKind != JsonValueKind.String)))
            {
                return "Fields is not a list of {Name, Message}";
            }
            return null;
        }
    }
}
