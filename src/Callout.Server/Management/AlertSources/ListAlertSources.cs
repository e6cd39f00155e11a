using System.Globalization;
using System.Text.Json;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Server.Api;
using Callout.Server.Listing;
using NodaTime;

namespace Callout.Server.Management.AlertSources;

/// `Callout.ListAlertSources {"MaxResults"?, "NextToken"?}`: the caller's alert sources of its
/// account and region, oldest first; never their keys, which are not kept.
sealed class ListAlertSources(IStore store, CursorTokens tokens) : IManagementOperation
{
    public string Name => "ListAlertSources";

    public async Task<Action<Utf8JsonWriter>> HandleAsync(ManagementRequest request, RequestContext context, CancellationToken ct)
    {
        var maxResults = request.OptionalInt("MaxResults", 1, 1000);
        var nextToken = request.OptionalString("NextToken", 4096);
        var scope = context.Scope();
        // The scope is in the filters, so a token issued to one caller is refused for another.
        var cursor = tokens.Open(nextToken, context.Operation, scope.Prefix, maxResults);
        (Instant, string)? after = null;
        if (cursor.After is { } key)
        {
            var split = key.IndexOf('\n', StringComparison.Ordinal);
            after = (Instant.FromUnixTimeMilliseconds(long.Parse(key[..split], CultureInfo.InvariantCulture)), key[(split + 1)..]);
        }
        await using var session = await store.OpenAsync(scope, write: false, ct);
        var (sources, next) = cursor.Take(await session.ListAlertSourcesAsync(after, cursor.Fetch, ct),
            s => s.CreatedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "\n" + s.Id);
        return w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("AlertSources");
            foreach (var source in sources)
            {
                w.WriteStartObject();
                AlertSourceJson.WriteMembers(w, source);
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
