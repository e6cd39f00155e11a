using Callout.Domain.Idempotency;
using Callout.Storage.Rows;
using NodaTime;

namespace Callout.Storage.Store;

internal abstract partial class StoreSession
{
    /// Deletes the scope's idempotency records created before @expired.
    protected abstract string DeleteExpiredIdempotencySql { get; }

    public async Task<IdempotencyRecord?> FindIdempotencyAsync(string operation, string token, Instant notBefore, CancellationToken ct) =>
        await FirstAsync(Read("""
                SELECT request_hash, response, created_at FROM idempotency
                WHERE account_id = @account AND region = @region AND operation = @operation AND token = @token
                  AND created_at >= @not_before
                """)
            .Bind("@operation", operation)
            .Bind("@token", token)
            .Bind("@not_before", Columns.Millis(notBefore)),
            r => new IdempotencyRecord(operation, token, r.GetString(0), (byte[])r.GetValue(1), Columns.InstantOf(r.GetInt64(2))),
            ct).ConfigureAwait(false);

    /// Also forgets this scope's records that outlived IdempotencyRecord.Lifetime before the new
    /// one was made: no later lookup could return them, and without this the table only grows.
    public async Task PutIdempotencyAsync(IdempotencyRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        await WriteAsync(Write(DeleteExpiredIdempotencySql)
            .Bind("@expired", Columns.Millis(record.CreatedAt - IdempotencyRecord.Lifetime)), ct).ConfigureAwait(false);
        await WriteAsync(Write(Writes.PutIdempotency)
            .Bind("@operation", record.Operation)
            .Bind("@token", record.Token)
            .Bind("@request_hash", record.RequestHash)
            .Bind("@response", record.Response)
            .Bind("@created_at", Columns.Millis(record.CreatedAt)), ct).ConfigureAwait(false);
    }
}
