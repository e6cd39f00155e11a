using Callout.Domain.Engagements;
using Callout.Storage.Sqlite;

namespace Callout.Storage.Postgres;

internal sealed partial class PostgresSession
{
    // The data-modifying WITH clauses touch different tables, so their order does not matter.
    const string RecordOutcome = $"""
        WITH receipt AS ({InsertReceipt}),
        page AS (
            UPDATE pages SET sent_time = @time
            WHERE @accepted AND account_id = @account AND region = @region AND id = @page_id),
        delivery AS ({PutDelivery})
        UPDATE steps SET done = true
        WHERE account_id = @account AND region = @region AND id = @step_id AND NOT done AND lease_owner = @owner
        """;

    /// The outcome's four writes as one statement, sent with the commit: each statement costs
    /// PostgreSQL as much again as these small writes themselves.
    public async Task RecordSendOutcomeAsync(SendOutcome outcome, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var receipt = outcome.Receipt;
        var delivery = outcome.Delivery;
        await DeferAsync(Write(RecordOutcome)
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
