using Callout.Domain.Idempotency;
using Callout.Domain.Outbox;
using Callout.Storage.Sqlite;
using NodaTime;

namespace Callout.Storage.Postgres;

internal sealed partial class PostgresSession
{
    public Task<IdempotencyRecord?> FindIdempotencyAsync(string operation, string token, Instant notBefore, CancellationToken ct) =>
        FirstAsync(Read("""
                SELECT request_hash, response, created_at FROM idempotency
                WHERE account_id = @account AND region = @region AND operation = @operation AND token = @token
                  AND created_at >= @not_before
                """)
            .Bind("@operation", operation)
            .Bind("@token", token)
            .Bind("@not_before", Columns.Millis(notBefore)),
            r => new IdempotencyRecord(operation, token, r.GetString(0), (byte[])r.GetValue(1), Columns.InstantOf(r.GetInt64(2))),
            ct);

    /// Also forgets this scope's records that outlived IdempotencyRecord.Lifetime before the new
    /// one was made: no later lookup could return them, and without this the table only grows.
    public async Task PutIdempotencyAsync(IdempotencyRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        // Sessions of one scope may put records side by side (OpenCreateAsync): the clean-up skips
        // rows another session is deleting, so it never waits for one and never deadlocks with it.
        await DeferAsync(Write("""
                DELETE FROM idempotency
                WHERE (account_id, region, operation, token) IN (
                    SELECT account_id, region, operation, token FROM idempotency
                    WHERE account_id = @account AND region = @region AND created_at < @expired
                    FOR UPDATE SKIP LOCKED)
                """)
            .Bind("@expired", Columns.Millis(record.CreatedAt - IdempotencyRecord.Lifetime)));
        await DeferAsync(Write("""
                INSERT INTO idempotency (account_id, region, operation, token, request_hash, response, created_at)
                VALUES (@account, @region, @operation, @token, @request_hash, @response, @created_at)
                ON CONFLICT (account_id, region, operation, token) DO UPDATE
                SET request_hash = excluded.request_hash, response = excluded.response, created_at = excluded.created_at
                """)
            .Bind("@operation", record.Operation)
            .Bind("@token", record.Token)
            .Bind("@request_hash", record.RequestHash)
            .Bind("@response", record.Response)
            .Bind("@created_at", Columns.Millis(record.CreatedAt)));
    }

    public async Task AppendOutboxAsync(OutboxMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.AccountId != scope.AccountId || message.Region != scope.Region)
        {
            throw new ArgumentException(
                $"An outbox message of {message.AccountId}/{message.Region} cannot be written in a session of {scope.AccountId}/{scope.Region}.",
                nameof(message));
        }
        await DeferAsync(Write("""
                INSERT INTO outbox (id, account_id, region, kind, channel_type, address, subject, body, created_at,
                                    contact_arn, channel_arn, page_arn, engagement_arn)
                VALUES (@id, @account, @region, @kind, @channel_type, @address, @subject, @body, @created_at,
                        @contact_arn, @channel_arn, @page_arn, @engagement_arn)
                """)
            .Bind("@id", message.Id)
            .Bind("@kind", message.Kind)
            .Bind("@channel_type", message.ChannelType)
            .Bind("@address", message.Address)
            .Bind("@subject", message.Subject)
            .Bind("@body", message.Body)
            .Bind("@created_at", Columns.Millis(message.CreatedAt))
            .Bind("@contact_arn", message.ContactArn)
            .Bind("@channel_arn", message.ChannelArn)
            .Bind("@page_arn", message.PageArn)
            .Bind("@engagement_arn", message.EngagementArn));
    }
}
