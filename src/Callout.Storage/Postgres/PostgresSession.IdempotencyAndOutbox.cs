using Callout.Domain.Outbox;
using Callout.Storage.Rows;
using Callout.Storage.Store;

namespace Callout.Storage.Postgres;

internal sealed partial class PostgresSession
{
    public async Task AppendOutboxAsync(OutboxMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.AccountId != Scope.AccountId || message.Region != Scope.Region)
        {
            throw new ArgumentException(
                $"An outbox message of {message.AccountId}/{message.Region} cannot be written in a session of {Scope.AccountId}/{Scope.Region}.",
                nameof(message));
        }
        await WriteAsync(Write("""
                INSERT INTO outbox (id, account_id, region, kind, channel_type, address, subject, body, created_at)
                VALUES (@id, @account, @region, @kind, @channel_type, @address, @subject, @body, @created_at)
                """)
            .Bind("@id", message.Id)
            .Bind("@kind", message.Kind)
            .Bind("@channel_type", message.ChannelType)
            .Bind("@address", message.Address)
            .Bind("@subject", message.Subject)
            .Bind("@body", message.Body)
            .Bind("@created_at", Columns.Millis(message.CreatedAt)), ct).ConfigureAwait(false);
    }
}
