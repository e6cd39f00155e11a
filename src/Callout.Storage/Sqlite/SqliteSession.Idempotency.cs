using Callout.Domain.Idempotency;
using Callout.Storage.Rows;
using NodaTime;

namespace Callout.Storage.Sqlite;

internal sealed partial class SqliteSession
{
    public async Task<IdempotencyRecord?> FindIdempotencyAsync(
        string operation, string token, Instant notBefore, CancellationToken ct)
    {
        await using var reader = await Read("""
                SELECT request_hash, response, created_at FROM idempotency
                WHERE account_id = @account AND region = @region AND operation = @operation AND token = @token
                  AND created_at >= @not_before
                """)
            .Bind("@operation", operation)
            .Bind("@token", token)
            .Bind("@not_before", Columns.Millis(notBefore))
            .ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            return null;
        }
        return new IdempotencyRecord(operation, token, reader.GetString(0), (byte[])reader.GetValue(1),
            Columns.InstantOf(reader.GetInt64(2)));
    }

    /// Also forgets this scope's records that outlived IdempotencyRecord.Lifetime before the new
    /// one was made: no later lookup could return them, and without this the table only grows.
    public async Task PutIdempotencyAsync(IdempotencyRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        await Write("""
                DELETE FROM idempotency WHERE account_id = @account AND region = @region AND created_at < @expired;
                INSERT INTO idempotency (account_id, region, operation, token, request_hash, response, created_at)
                VALUES (@account, @region, @operation, @token, @request_hash, @response, @created_at)
                ON CONFLICT (account_id, region, operation, token) DO UPDATE
                SET request_hash = excluded.request_hash, response = excluded.response, created_at = excluded.created_at;
                """)
            .Bind("@operation", record.Operation)
            .Bind("@token", record.Token)
            .Bind("@request_hash", record.RequestHash)
            .Bind("@response", record.Response)
            .Bind("@created_at", Columns.Millis(record.CreatedAt))
            .Bind("@expired", Columns.Millis(record.CreatedAt - IdempotencyRecord.Lifetime))
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
