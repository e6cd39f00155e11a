using Callout.Domain.Engagements;
using Callout.Storage.Rows;

namespace Callout.Storage.Sqlite;

internal sealed partial class SqliteSession
{
    public async Task<DeliveryRecord?> FindDeliveryAsync(string key, CancellationToken ct)
    {
        await using var reader = await Read(Selects.Delivery)
            .Bind("@key", key)
            .ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            return null;
        }
        return RowReader.Delivery(reader, key);
    }

    public async Task PutDeliveryAsync(DeliveryRecord delivery, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await Write("""
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
            .Bind("@updated_at", Columns.Millis(delivery.UpdatedAt))
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
