using Callout.Domain.Outbox;

namespace Callout.Storage.Sqlite;

internal sealed partial class SqliteSession
{
    public async Task AppendOutboxAsync(OutboxMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.AccountId != scope.AccountId || message.Region != scope.Region)
        {
            throw new ArgumentException(
                $"An outbox message of {message.AccountId}/{message.Region} cannot be written in a session of {scope.AccountId}/{scope.Region}.",
                nameof(message));
        }
        await Write("""
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
            .Bind("@engagement_arn", message.EngagementArn)
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
