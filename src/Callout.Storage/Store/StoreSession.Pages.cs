using System.Data.Common;
using Callout.Domain.Arns;
using Callout.Domain.Engagements;
using Callout.Storage.Json;
using Callout.Storage.Rows;
using NodaTime;

namespace Callout.Storage.Store;

internal abstract partial class StoreSession
{
    public async Task<Page?> FindPageAsync(string pageId, CancellationToken ct) =>
        await FirstAsync(FindPage(pageId), ReadPage, ct).ConfigureAwait(false);

    protected DbCommand FindPage(string pageId) => Read(Selects.Page + " AND id = @id").Bind("@id", pageId);

    public async Task InsertPageAsync(Page page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(page);
        CheckArn(page.Arn, ResourceKind.Page, page.ContactAlias, nameof(page));
        await WriteAsync(Write(Writes.InsertPage)
            .Bind("@id", page.Id)
            .Bind("@engagement_id", page.EngagementId)
            .Bind("@contact_alias", page.ContactAlias)
            .Bind("@channel_id", page.ChannelId)
            .Bind("@resolution", EngagementJson.WriteResolution(page.Resolution))
            .Bind("@essential", page.Essential)
            .Bind("@created_at", Columns.Millis(page.CreatedAt))
            .Bind("@sent_time", Columns.Millis(page.SentTime))
            .Bind("@delivery_time", Columns.Millis(page.DeliveryTime))
            .Bind("@read_time", Columns.Millis(page.ReadTime)), ct).ConfigureAwait(false);
    }

    public async Task UpdatePageAsync(Page page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(page);
        await WriteAsync(Write(Writes.UpdatePage)
            .Bind("@id", page.Id)
            .Bind("@sent_time", Columns.Millis(page.SentTime))
            .Bind("@delivery_time", Columns.Millis(page.DeliveryTime))
            .Bind("@read_time", Columns.Millis(page.ReadTime)), ct).ConfigureAwait(false);
    }

    public async Task MarkPageSentAsync(string pageId, Instant sentTime, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(pageId);
        await WriteAsync(Write(Writes.MarkPageSent)
            .Bind("@id", pageId)
            .Bind("@sent_time", Columns.Millis(sentTime)), ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Page>> ListPagesAsync(
        string? engagementId, string? contactAlias, (Instant Created, string Id)? after, int limit, CancellationToken ct)
    {
        if (engagementId is null && contactAlias is null)
        {
            throw new ArgumentException("Pages are listed by engagement, by contact, or both; neither was given.", nameof(engagementId));
        }
        return await ListAsync(Read(Selects.ListPages[Selects.Variant(engagementId, contactAlias, after)])
            .Bind("@limit", limit)
            .Bind("@engagement_id", engagementId)
            .Bind("@contact_alias", contactAlias)
            .Bind("@after_created", Columns.Millis(after?.Created))
            .Bind("@after_id", after?.Id), ReadPage, ct).ConfigureAwait(false);
    }

    /// Oldest first, in the order of pages_by_engagement.
    public async Task<IReadOnlyList<Page>> UnreadPagesAsync(string engagementId, string? contactAlias, CancellationToken ct) =>
        await ListAsync(Read(Selects.UnreadPages[Selects.Variant(contactAlias)])
            .Bind("@engagement_id", engagementId)
            .Bind("@contact_alias", contactAlias), ReadPage, ct).ConfigureAwait(false);

    public async Task<IReadOnlyList<Page>> UnreadPagesOfChannelAsync(string channelId, CancellationToken ct) =>
        await ListAsync(Read(Selects.Page + """
             AND channel_id = @channel_id AND read_time IS NULL
             AND engagement_id IN (SELECT id FROM engagements
                                   WHERE account_id = @account AND region = @region AND stop_time IS NULL)
            ORDER BY created_at DESC, id DESC
            """).Bind("@channel_id", channelId), ReadPage, ct).ConfigureAwait(false);

    protected Page ReadPage(DbDataReader reader) => RowReader.Page(reader, Scope);
}
