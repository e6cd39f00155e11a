using Callout.Domain.Engagements;
using Callout.Storage.Sqlite;

namespace Callout.Storage.Postgres;

internal sealed partial class PostgresSession
{
    /// The outcome's four writes as one statement, sent with the commit: each statement costs
    /// PostgreSQL as much again as these small writes themselves. The data-modifying WITH clauses
    /// touch different tables, so their order does not matter.
    public async Task RecordSendOutcomeAsync(SendOutcome outcome, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var receipt = outcome.Receipt;
        var delivery = outcome.Delivery;
        await DeferAsync(Write("""
                WITH receipt AS (
                    INSERT INTO receipts (account_id, region, page_id, channel_id, kind, info, time)
                    VALUES (@account, @region, @page_id, @channel_id, @kind, @info, @time)),
                page AS (
                    UPDATE pages SET sent_time = @time
                    WHERE @accepted AND account_id = @account AND region = @region AND id = @page_id),
                delivery AS (
                    INSERT INTO deliveries (account_id, region, key, page_id, status, provider_message_id, updated_at)
                    VALUES (@account, @region, @key, @delivery_page_id, @status, @provider_message_id, @updated_at)
                    ON CONFLICT (account_id, region, key) DO UPDATE
                    SET page_id = excluded.page_id, status = excluded.status,
                        provider_message_id = excluded.provider_message_id, updated_at = excluded.updated_at)
                UPDATE steps SET done = true
                WHERE account_id = @account AND region = @region AND id = @step_id AND NOT done AND lease_owner = @owner
                """)
            .Bind("@page_id", receipt.PageId)
            .Bind("@channel_id", receipt.ChannelId)
            .Bind("@kind", Columns.Text(receipt.Kind))
            .Bind("@info", receipt.Info)
            .Bind("@time", Columns.Millis(receipt.Time))
            .Bind("@accepted", outcome.Accepted)
            .Bind("@key", delivery.Key)
            .Bind("@delivery_page_id", delivery.PageId)
            .Bind("@status", Columns.Text(delivery.Status))
            .Bind("@provider_message_id", delivery.ProviderMessageId)
            .Bind("@updated_at", Columns.Millis(delivery.UpdatedAt))
            .Bind("@step_id", outcome.StepId)
            .Bind("@owner", outcome.Owner));
    }
}
