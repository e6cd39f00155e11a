using Callout.Domain.Engagements;

namespace Callout.Storage.Sqlite;

internal sealed partial class SqliteSession
{
    public async Task AddReceiptAsync(Receipt receipt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        await Write("""
                INSERT INTO receipts (account_id, region, page_id, channel_id, kind, info, time)
                VALUES (@account, @region, @page_id, @channel_id, @kind, @info, @time)
                """)
            .Bind("@page_id", receipt.PageId)
            .Bind("@channel_id", receipt.ChannelId)
            .Bind("@kind", Columns.Text(receipt.Kind))
            .Bind("@info", receipt.Info)
            .Bind("@time", Columns.Millis(receipt.Time))
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<(long Sequence, Receipt Receipt)>> ListReceiptsAsync(
        string pageId, long? afterSequence, int limit, CancellationToken ct)
    {
        const string ReceiptColumns = "SELECT seq, channel_id, kind, info, time FROM receipts WHERE account_id = @account AND region = @region AND page_id = @page_id";
        const string Order = " ORDER BY seq LIMIT @limit";
        var command = afterSequence is { } after
            ? Read(ReceiptColumns + " AND seq > @after" + Order).Bind("@after", after)
            : Read(ReceiptColumns + Order);
        command.Bind("@page_id", pageId).Bind("@limit", limit);
        var receipts = new List<(long, Receipt)>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            receipts.Add((reader.GetInt64(0), new Receipt(
                pageId,
                OptionalString(reader, 1),
                Columns.ReceiptKindOf(reader.GetString(2)),
                OptionalString(reader, 3),
                Columns.InstantOf(reader.GetInt64(4)))));
        }
        return receipts;
    }
}
