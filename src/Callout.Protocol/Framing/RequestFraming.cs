using System.Text.Json;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Errors;

namespace Callout.Protocol.Framing;

/// The awsJson1_1 request side: which operation the target header names, and the body as JSON.
public static class RequestFraming
{
    static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 64 };

    public static OperationDescriptor ResolveTarget(string? target)
    {
        if (target is not null
            && target.StartsWith(OperationCatalog.TargetPrefix, StringComparison.Ordinal)
            && OperationCatalog.All.TryGetValue(target[OperationCatalog.TargetPrefix.Length..], out var op))
        {
            return op;
        }
        throw CommonErrors.UnknownOperation(target);
    }

    /// A zero-length body is `{}` (Smithy's awsJson1_1 rules); anything that is not one JSON
    /// object is CANNOT_PARSE.
    public static JsonDocument ParseBody(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return JsonDocument.Parse("{}"u8.ToArray());
        }
        try
        {
            var doc = JsonDocument.Parse(body, ParseOptions);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                doc.Dispose();
                throw new ValidationException(
                    "The request body must be a JSON object.", ValidationException.CannotParse, []);
            }
            try
            {
                JsonText.RequireValidUnicode(doc.RootElement);
            }
            catch
            {
                doc.Dispose();
                throw;
            }
            return doc;
        }
        catch (JsonException e)
        {
            throw new ValidationException(
                $"The request body is not valid JSON: {e.Message}", ValidationException.CannotParse, []);
        }
    }

    public static Task<Action<Utf8JsonWriter>> InvokeAsync(
        OperationDescriptor operation,
        JsonElement body,
        IServiceProvider services,
        RequestContext context,
        CancellationToken ct) =>
        OperationCatalog.InvokeAsync(operation.Name, body, services, context, ct);
}
