using Callout.Domain.Arns;
using Callout.Domain.Engagements;
using Callout.Storage.Json;
using Callout.Storage.Rows;
using Npgsql;
using NodaTime;

namespace Callout.Storage.Postgres;

/// Pages, their receipts, acknowledgements and delivery records.
internal sealed partial class PostgresSession
{
    public Task<Page?> FindPageAsync(string pageId, CancellationToken ct) =>
        FirstAsync(FindPage(pageId), ReadPage, ct);

    NpgsqlCommand FindPage(string pageId) => Read(Selects.Page + " AND id = @id").Bind("@id", pageId);

    public async Task InsertPageAsync(Page page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(page);
        CheckArn(page.Arn, ResourceKind.Page, page.ContactAlias, nameof(page));
        await DeferAsync(Write("""
                INSERT INTO pages (account_id, region, id, engagement_id, contact_alias, channel_id, resolution,
                    essential, created_at, sent_time, delivery_time, read_time)
                VALUES (@account, @region, @id, @engagement_id, @contact_alias, @channel_id, @resolution,
                    @essential, @created_at, @sent_time, @delivery_time, @read_time)
                """)
            .Bind("@id", page.Id)
            .Bind("@engagement_id", page.EngagementId)
            .Bind("@contact_alias", page.ContactAlias)
            .Bind("@channel_id", page.ChannelId)
            .Bind("@resolution", EngagementJson.WriteResolution(page.Resolution))
            .Bind("@essential", page.Essential)
            .Bind("@created_at", Columns.Millis(page.CreatedAt))
            .Bind("@sent_time", Columns.Millis(page.SentTime))
            .Bind("@delivery_time", Columns.Millis(page.DeliveryTime))
            .Bind("@read_time", Columns.Millis(page.ReadTime)));
    }

    public async Task UpdatePageAsync(Page page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(page);
        await DeferAsync(Write("""
                UPDATE pages SET sent_time = @sent_time, delivery_time = @delivery_time, read_time = @read_time
                WHERE account_id = @account AND region = @region AND id = @id
                """)
            .Bind("@id", page.Id)
            .Bind("@sent_time", Columns.Millis(page.SentTime))
            .Bind("@delivery_time", Columns.Millis(page.DeliveryTime))
            .Bind("@read_time", Columns.Millis(page.ReadTime)));
    }

    public async Task MarkPageSentAsync(string pageId, Instant sentTime, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(pageId);
        await DeferAsync(Write("UPDATE pages SET sent_time = @sent_time WHERE account_id = @account AND region = @region AND id = @id")
            .Bind("@id", pageId)
            .Bind("@sent_time", Columns.Millis(sentTime)));
    }

    public async Task<IReadOnlyList<Page>> ListPagesAsync(
        string? engagementId, string? contactAlias, (Instant Created, string Id)? after, int limit, CancellationToken ct)
    {
        if (engagementId is null && contactAlias is null)
        {
            throw new ArgumentException("Pages are listed by engagement, by contact, or both; neither was given.", nameof(engagementId));
        }
        var variant = (engagementId is null ? 0 : 1) | (contactAlias is null ? 0 : 2) | (after is null ? 0 : 4);
        var command = Read(Selects.ListPages[variant]).Bind("@limit", limit);
        if (engagementId is not null)
        {
            command.Bind("@engagement_id", engagementId);
        }
        if (contactAlias is not null)
        {
            command.Bind("@contact_alias", contactAlias);
        }
        if (after is { } a)
        {
            command.Bind("@after_created", Columns.Millis(a.Created)).Bind("@after_id", a.Id);
        }
        return await ListAsync(command, ReadPage, ct).ConfigureAwait(false);
    }

    /// Oldest first, in the order of pages_by_engagement.
    public async Task<IReadOnlyList<Page>> UnreadPagesAsync(string engagementId, string? contactAlias, CancellationToken ct)
    {
        const string Unread = " AND engagement_id = @engagement_id AND read_time IS NULL";
        var command = contactAlias is null
            ? Read(Selects.Page + Unread + " ORDER BY created_at, id")
            : Read(Selects.Page + Unread + " AND contact_alias = @contact_alias ORDER BY created_at, id")
                .Bind("@contact_alias", contactAlias);
        command.Bind("@engagement_id", engagementId);
        return await ListAsync(command, ReadPage, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Page>> UnreadPagesOfChannelAsync(string channelId, CancellationToken ct) =>
        await ListAsync(Read(Selects.Page + """
             AND channel_id = @channel_id AND read_time IS NULL
             AND engagement_id IN (SELECT id FROM engagements
                                   WHERE account_id = @account AND region = @region AND stop_time IS NULL)
            ORDER BY created_at DESC, id DESC
            """).Bind("@channel_id", channelId), ReadPage, ct).ConfigureAwait(false);

    public async Task AddReceiptAsync(Receipt receipt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        await DeferAsync(Write("""
                INSERT INTO receipts (account_id, region, page_id, channel_id, kind, info, time)
                VALUES (@account, @region, @page_id, @channel_id, @kind, @info, @time)
                """)
            .Bind("@page_id", receipt.PageId)
            .Bind("@channel_id", receipt.ChannelId)
            .Bind("@kind", Columns.Text(receipt.Kind))
            .Bind("@info", receipt.Info)
            .Bind("@time", Columns.Millis(receipt.Time)));
    }

    public async Task<IReadOnlyList<(long Sequence, Receipt Receipt)>> ListReceiptsAsync(
        string pageId, long? afterSequence, int limit, CancellationToken ct)
    {
        const string Order = " ORDER BY seq LIMIT @limit";
        var command = afterSequence is { } after
            ? Read(Selects.Receipt + " AND seq > @after" + Order).Bind("@after", after)
            : Read(Selects.Receipt + Order);
        command.Bind("@page_id", pageId).Bind("@limit", limit);
        return await ListAsync(command, r => RowReader.Receipt(r, pageId), ct).ConfigureAwait(false);
    }

    public async Task<bool> IsAcknowledgedAsync(string engagementId, string contactAlias, CancellationToken ct) =>
        await ScalarAsync(IsAcknowledged(engagementId, contactAlias), ct).ConfigureAwait(false) is not null;

    /// One row when the person has acknowledged, none otherwise.
    NpgsqlCommand IsAcknowledged(string engagementId, string contactAlias) =>
        Read("""
            SELECT 1 FROM acknowledgements
            WHERE account_id = @account AND region = @region AND engagement_id = @engagement_id AND contact_alias = @contact_alias
            """)
            .Bind("@engagement_id", engagementId)
            .Bind("@contact_alias", contactAlias);

    /// The first acknowledgement of a person stands; a repeated one changes nothing.
    public async Task AddAcknowledgementAsync(string engagementId, string contactAlias, Instant time, CancellationToken ct)
    {
        await DeferAsync(Write("""
                INSERT INTO acknowledgements (account_id, region, engagement_id, contact_alias, time)
                VALUES (@account, @region, @engagement_id, @contact_alias, @time)
                ON CONFLICT (account_id, region, engagement_id, contact_alias) DO NOTHING
                """)
            .Bind("@engagement_id", engagementId)
            .Bind("@contact_alias", contactAlias)
            .Bind("@time", Columns.Millis(time)));
    }

    public Task<DeliveryRecord?> FindDeliveryAsync(string key, CancellationToken ct) =>
        FirstAsync(FindDelivery(key), r => RowReader.Delivery(r, key), ct);

    NpgsqlCommand FindDelivery(string key) =>
        Read(Selects.Delivery).Bind("@key", key);

    public async Task PutDeliveryAsync(DeliveryRecord delivery, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await DeferAsync(Write("""
                INSERT INTO deliveries (account_id, region, key, page_id, status, provider_message_id, updated_at)
                VALUES (@account, @region, @key, @page_id, @status, @provider_message_id, @updated_at)
                ON CONFLICT (account_id, region, key) DO UPDATE
                SET page_id = excluded.page_id, status = excluded.status,
                    provider_message_id = excluded.provider_message_id, updated_at = excluded.updated_at
                """)
            .Bind("@key", delivery.Key)
            .Bind("@page_id", delivery.PageId)
            .Bind("@status", Columns.Text(delivery.Status))
            .Bind("@provider_message_id", delivery.ProviderMessageId)
            .Bind("@updated_at", Columns.Millis(delivery.UpdatedAt)));
    }

    Page ReadPage(NpgsqlDataReader reader) => RowReader.Page(reader, scope);
}
