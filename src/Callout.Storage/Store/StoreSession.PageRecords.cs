using System.Data.Common;
using Callout.Domain.Engagements;
using Callout.Storage.Rows;
using NodaTime;

namespace Callout.Storage.Store;

/// What is recorded about pages: receipts, acknowledgements and delivery records.
internal abstract partial class StoreSession
{
    public async Task AddReceiptAsync(Receipt receipt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        await WriteAsync(Write(Writes.AddReceipt)
            .Bind("@page_id", receipt.PageId)
            .Bind("@channel_id", receipt.ChannelId)
            .Bind("@kind", Columns.Text(receipt.Kind))
            .Bind("@info", receipt.Info)
            .Bind("@time", Columns.Millis(receipt.Time)), ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<(long Sequence, Receipt Receipt)>> ListReceiptsAsync(
        string pageId, long? afterSequence, int limit, CancellationToken ct) =>
        await ListAsync(Read(Selects.ListReceipts[Selects.Variant(afterSequence)])
            .Bind("@page_id", pageId)
            .Bind("@limit", limit)
            .Bind("@after", afterSequence), r => RowReader.Receipt(r, pageId), ct).ConfigureAwait(false);

    public async Task<bool> IsAcknowledgedAsync(string engagementId, string contactAlias, CancellationToken ct) =>
        await ScalarAsync(IsAcknowledged(engagementId, contactAlias), ct).ConfigureAwait(false) is not null;

    /// One row when the person has acknowledged, none otherwise.
    protected DbCommand IsAcknowledged(string engagementId, string contactAlias) =>
        Read("""
            SELECT 1 FROM acknowledgements
            WHERE account_id = @account AND region = @region AND engagement_id = @engagement_id AND contact_alias = @contact_alias
            """)
            .Bind("@engagement_id", engagementId)
            .Bind("@contact_alias", contactAlias);

    public async Task AddAcknowledgementAsync(string engagementId, string contactAlias, Instant time, CancellationToken ct) =>
        await WriteAsync(Write(Writes.AddAcknowledgement)
            .Bind("@engagement_id", engagementId)
            .Bind("@contact_alias", contactAlias)
            .Bind("@time", Columns.Millis(time)), ct).ConfigureAwait(false);

    public async Task<DeliveryRecord?> FindDeliveryAsync(string key, CancellationToken ct) =>
        await FirstAsync(FindDelivery(key), r => RowReader.Delivery(r, key), ct).ConfigureAwait(false);

    protected DbCommand FindDelivery(string key) => Read(Selects.Delivery).Bind("@key", key);

    public async Task PutDeliveryAsync(DeliveryRecord delivery, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await WriteAsync(Write(Writes.PutDelivery)
            .Bind("@key", delivery.Key)
            .Bind("@page_id", delivery.PageId)
            .Bind("@status", Columns.Text(delivery.Status))
            .Bind("@provider_message_id", delivery.ProviderMessageId)
            .Bind("@updated_at", Columns.Millis(delivery.UpdatedAt)), ct).ConfigureAwait(false);
    }
}
