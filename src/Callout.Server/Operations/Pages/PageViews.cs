using Callout.Domain.Arns;
using Callout.Domain.Engagements;
using Callout.Domain.Ports;
using Callout.Server.Mapping;
using Wire = Callout.Protocol.Shapes;

namespace Callout.Server.Operations.Pages;

/// Lists of pages as the wire shows them, with the engagement's Sender and IncidentId.
static class PageViews
{
    public static async Task<List<Wire.Page>> ToWireAsync(IStoreSession session, IEnumerable<Page> pages, CancellationToken ct)
    {
        var engagements = new Dictionary<string, Engagement?>(StringComparer.Ordinal);
        var list = new List<Wire.Page>();
        foreach (var p in pages)
        {
            if (!engagements.TryGetValue(p.EngagementId, out var e))
            {
                e = engagements[p.EngagementId] = await session.FindEngagementAsync(p.EngagementId, ct);
            }
            if (e is null)
            {
                continue;
            }
            list.Add(new Wire.Page
            {
                PageArn = p.Arn.ToString(),
                EngagementArn = e.Arn.ToString(),
                ContactArn = ResourceArn.Contact(p.Arn.Scope, p.ContactAlias).ToString(),
                Sender = e.Sender,
                IncidentId = e.IncidentId,
                SentTime = Times.Of(p.SentTime),
                DeliveryTime = Times.Of(p.DeliveryTime),
                ReadTime = Times.Of(p.ReadTime),
            });
        }
        return list;
    }
}
