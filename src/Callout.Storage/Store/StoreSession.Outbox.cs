using Callout.Domain.Outbox;
using Callout.Storage.Rows;

namespace Callout.Storage.Store;

internal abstract partial class StoreSession
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
        await WriteAsync(Write(Writes.AppendOutbox)
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
            .Bind("@engagement_arn", message.EngagementArn), ct).ConfigureAwait(false);
    }
}
