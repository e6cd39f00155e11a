using Callout.Domain.Arns;
using Callout.Domain.Channels;
using Callout.Domain.Contacts;
using Callout.Domain.Engagements;
using Callout.Domain.Errors;
using Callout.Domain.Ports;

namespace Callout.Server.Operations;

/// Finding the resource an operation's id member names, or failing the way AWS does.
static class StoreLookups
{
    public static async Task<Contact> RequireContactAsync(this IStoreSession session, string contactId, AccountScope scope, CancellationToken ct)
    {
        var arn = ArnResolver.Resolve(contactId, ResourceKind.Contact, scope, "contactId");
        return await session.FindContactAsync(arn.Alias, ct) ?? throw ResourceNotFound.Contact(contactId);
    }

    /// The same for a call whose one read is the contact: the store may answer it from a row it
    /// keeps (IStore.FindContactAsync).
    public static async Task<Contact> RequireContactAsync(this IStore store, string contactId, AccountScope scope, CancellationToken ct)
    {
        var arn = ArnResolver.Resolve(contactId, ResourceKind.Contact, scope, "contactId");
        return await store.FindContactAsync(scope, arn.Alias, ct) ?? throw ResourceNotFound.Contact(contactId);
    }

    public static async Task<ContactChannel> RequireChannelAsync(this IStoreSession session, string channelId, AccountScope scope, CancellationToken ct)
    {
        var arn = ArnResolver.Resolve(channelId, ResourceKind.ContactChannel, scope, "contactChannelId");
        var channel = await session.FindChannelAsync(arn.Id, ct);
        return channel is not null && channel.ContactAlias == arn.Alias ? channel : throw ResourceNotFound.Channel(channelId);
    }

    public static async Task<Engagement> RequireEngagementAsync(this IStoreSession session, string engagementId, AccountScope scope, CancellationToken ct)
    {
        var arn = ArnResolver.Resolve(engagementId, ResourceKind.Engagement, scope, "engagementId");
        var engagement = await session.FindEngagementAsync(arn.Id, ct);
        return engagement is not null && engagement.ContactAlias == arn.Alias
            ? engagement
            : throw new ResourceNotFound(engagementId, ResourceTypes.Engagement, $"Engagement {engagementId} not found.");
    }

    public static async Task<Page> RequirePageAsync(this IStoreSession session, string pageId, AccountScope scope, CancellationToken ct)
    {
        var arn = ArnResolver.Resolve(pageId, ResourceKind.Page, scope, "pageId");
        var page = await session.FindPageAsync(arn.Id, ct);
        return page is not null && page.ContactAlias == arn.Alias
            ? page
            : throw new ResourceNotFound(pageId, ResourceTypes.Page, $"Page {pageId} not found.");
    }
}
