using Callout.Domain.Outbox;

namespace Callout.Storage.Sqlite;

/// The store-wide outbox listing; unlike everything in a session it spans all scopes, because it
/// serves the operator's `GET /_callout/outbox`.
internal static class SqliteOutbox
{
    public static async Task<IReadOnlyList<OutboxMessage>> ListAsync(SqliteLink link, int limit, CancellationToken ct)
    {
        var messages = new List<OutboxMessage>();
        await using var reader = await link.Command("""
                SELECT id, account_id, region, kind, channel_type, address, subject, body, created_at,
                       contact_arn, channel_arn, page_arn, engagement_arn
                FROM outbox ORDER BY seq DESC LIMIT @limit
                """)
            .Bind("@limit", limit)
            .ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            messages.Add(new OutboxMessage(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7),
                Columns.InstantOf(reader.GetInt64(8)),
                reader.IsDBNull(9) ? null : reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetString(10),
                reader.IsDBNull(11) ? null : reader.GetString(11), reader.IsDBNull(12) ? null : reader.GetString(12)));
        }
        return messages;
    }
}
