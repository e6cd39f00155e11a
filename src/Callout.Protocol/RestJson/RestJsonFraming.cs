using System.Text.Json;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Framing;

using IncidentsCatalog = Callout.Protocol.Incidents.OperationCatalog;

namespace Callout.Protocol.RestJson;

/// The rest-json request and response sides for the SSM Incidents API: routing by method and path,
/// the fingerprint of a request, dispatch, and the success framing (status per operation, no body
/// on 204).
public static class RestJsonFraming
{
    public const string ContentType = "application/json";

    public static readonly RestRouter Router = new(IncidentsCatalog.All.Values);

    /// The body is parsed as in JSON 1.1: empty is `{}`, anything but one object is refused.
    public static JsonDocument ParseBody(ReadOnlyMemory<byte> body) => RequestFraming.ParseBody(body);

    /// A hash of what the caller asked, apart from the token and paging members: the body and every
    /// value bound to the path or query string.
    public static string Fingerprint(RestMatch match, JsonElement body, IReadOnlyDictionary<string, IReadOnlyList<string>> query)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(query);
        var skipped = new HashSet<string>(StringComparer.Ordinal) { "nextToken", "maxResults" };
        if (match.Operation.IdempotencyTokenMember is { } token)
        {
            skipped.Add(token);
        }
        var bound = string.Join('\n',
            match.Labels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")
                .Concat(query.Where(p => !skipped.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => $"{p.Key}={string.Join('\u0000', p.Value)}")));
        return RequestFingerprint.Compute(body, skipped) + (bound.Length == 0 ? "" : ":" + Convert.ToHexStringLower(
            System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(bound))));
    }

    public static Task<Action<Utf8JsonWriter>> InvokeAsync(
        RestOperation operation,
        RestInput input,
        IServiceProvider services,
        RequestContext context,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return IncidentsCatalog.InvokeAsync(operation.Descriptor.Name, input, services, context, ct);
    }

    /// The body of a success: nothing for a 204, the result's JSON otherwise.
    public static byte[] Result(RestOperation operation, Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return operation.HasBody ? ResponseFraming.Result(write) : [];
    }
}
