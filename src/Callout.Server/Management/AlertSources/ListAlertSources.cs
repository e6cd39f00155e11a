using System.Text.Json;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Server.Listing;

namespace Callout.Server.Management.AlertSources;

/// `Callout.ListAlertSources {"MaxResults"?, "NextToken"?}`: the caller's alert sources of its
/// account and region, oldest first; never their keys, which are not kept.
sealed class ListAlertSources(IStore store, CursorTokens tokens) : IManagementOperation
{
    public string Name => "ListAlertSources";

    public Task<Action<Utf8JsonWriter>> HandleAsync(ManagementRequest request, RequestContext context, CancellationToken ct) =>
        CreationOrderListing.ListAsync(request, context, store, tokens,
            (session, after, limit, token) => session.ListAlertSourcesAsync(after, limit, token),
            s => (s.CreatedAt, s.Id), "AlertSources", AlertSourceJson.WriteMembers, ct);
}
