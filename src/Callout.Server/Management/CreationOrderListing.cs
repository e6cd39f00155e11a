using System.Globalization;
using System.Text.Json;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Server.Api;
using Callout.Server.Listing;
using NodaTime;

namespace Callout.Server.Management;

/// What the management listings share (`{"MaxResults"?, "NextToken"?}` → `{"<Array>": [...],
/// "NextToken"?}`): the caller's rows of its account and region, oldest first by (created, id),
/// paged with a sealed token bound to the operation and the scope, so a token issued to one caller
/// is refused for another.
static class CreationOrderListing
{
    public delegate Task<IReadOnlyList<T>> Lister<T>(IStoreSession session, (Instant CreatedAt, string Id)? after, int limit, CancellationToken ct);

    public static async Task<Action<Utf8JsonWriter>> ListAsync<T>(ManagementRequest request, RequestContext context, IStore store,
        CursorTokens tokens, Lister<T> list, Func<T, (Instant CreatedAt, string Id)> keyOf, string arrayName,
        Action<Utf8JsonWriter, T> writeMembers, CancellationToken ct)
    {
        var maxResults = request.OptionalInt("MaxResults", 1, 1000);
        var nextToken = request.OptionalString("NextToken", 4096);
        var scope = context.Scope();
        var cursor = tokens.Open(nextToken, context.Operation, scope.Prefix, maxResults);
        (Instant, string)? after = null;
        if (cursor.After is { } key)
        {
            var split = key.IndexOf('\n', StringComparison.Ordinal);
            after = (Instant.FromUnixTimeMilliseconds(long.Parse(key[..split], CultureInfo.InvariantCulture)), key[(split + 1)..]);
        }
        await using var session = await store.OpenAsync(scope, write: false, ct);
        var (rows, next) = cursor.Take(await list(session, after, cursor.Fetch, ct), row =>
        {
            var (createdAt, id) = keyOf(row);
            return createdAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "\n" + id;
        });
        return w =>
        {
            w.WriteStartObject();
            w.WriteStartArray(arrayName);
            foreach (var row in rows)
            {
                w.WriteStartObject();
                writeMembers(w, row);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (next is not null)
            {
                w.WriteString("NextToken", next);
            }
            w.WriteEndObject();
        };
    }
}
