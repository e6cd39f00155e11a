using System.Text.Json;
using Callout.Domain;
using Callout.Domain.Arns;
using Callout.Domain.CalendarFeeds;
using Callout.Domain.Contacts;
using Callout.Domain.Errors;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Server.Api;
using Callout.Server.Hosting;

namespace Callout.Server.Management.CalendarFeeds;

/// `Callout.CreateCalendarFeed {"TargetArn": <a rotation's or a person's ARN>}`: a new feed with
/// its own secret token. The answer is the only place the token (in FeedUrl) ever appears; the
/// store keeps its hash. A person's feed holds their shifts in every rotation of the scope.
sealed class CreateCalendarFeed(IStore store, PublicAddress publicAddress, ServiceLimits limits) : IManagementOperation
{
    public string Name => "CreateCalendarFeed";

    public async Task<Action<Utf8JsonWriter>> HandleAsync(ManagementRequest request, RequestContext context, CancellationToken ct)
    {
        var text = request.RequiredString("TargetArn", 2048);
        if (!ResourceArn.TryParse(text, out var parsed) || !CalendarFeed.CanTarget(parsed.Kind))
        {
            throw new InvalidRequest($"TargetArn '{text}' is not the ARN of a rotation or a contact.", "TargetArn");
        }
        var scope = context.Scope();
        var target = ArnResolver.Resolve(text, parsed.Kind, scope, "TargetArn");
        var now = context.Now();
        var token = FeedToken.New();
        var feed = new CalendarFeed(scope, Guid.CreateVersion7(context.ReceivedAt).ToString(), target, FeedToken.Hash(token), now);

        await using (var session = await store.OpenAsync(scope, write: true, ct))
        {
            await RequireTargetAsync(session, target, ct);
            if (await session.CountCalendarFeedsAsync(ct) >= limits.CalendarFeedsPerAccount)
            {
                throw new QuotaExceeded("L-CALLOUT-CALENDAR-FEEDS",
                    $"An account can have at most {limits.CalendarFeedsPerAccount} calendar feeds in a region; revoke some with Callout.RevokeCalendarFeed.");
            }
            await session.InsertCalendarFeedAsync(feed, ct);
            await session.CommitAsync(ct);
        }
        var url = CalendarFeedUrls.For(publicAddress.Url, token);
        return w =>
        {
            w.WriteStartObject();
            w.WriteString("FeedId", feed.Id);
            w.WriteString("FeedUrl", url.ToString());
            w.WriteString("TargetArn", target.ToString());
            w.WriteNumber("CreatedTime", feed.CreatedAt.ToUnixTimeMilliseconds() / 1000m);
            w.WriteEndObject();
        };
    }

    static async Task RequireTargetAsync(IStoreSession session, ResourceArn target, CancellationToken ct)
    {
        if (target.Kind == ResourceKind.Rotation)
        {
            if (await session.FindRotationAsync(target.Id, ct) is null)
            {
                throw new ResourceNotFound(target.ToString(), ResourceTypes.Rotation, $"Rotation {target} not found.");
            }
            return;
        }
        var contact = await session.FindContactAsync(target.Alias, ct) ?? throw ResourceNotFound.Contact(target.ToString());
        if (contact.Kind != ContactKind.Personal)
        {
            // Escalation plans and on-call schedules are on call through their members' rotations.
            throw new InvalidRequest($"Contact {target} is not a person: only a personal contact has shifts of its own. "
                + "Create feeds for the rotations it pages instead.", "TargetArn");
        }
    }
}
