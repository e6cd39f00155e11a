using Callout.Domain.Engagements;
using Callout.Storage.Rows;

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
        const string Order = " ORDER BY seq LIMIT @limit";
        var command = afterSequence is { } after
            ? Read(Selects.Receipt + " AND seq > @after" + Order).Bind("@after", after)
            : Read(Selects.Receipt + Order);
        command.Bind("@page_id", pageId).Bind("@limit", limit);
        var receipts = new List<(long, Receipt)>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            receipts.Add(RowReader.Receipt(reader, pageId));
        }
        return receipts;
    }
}
