using Callout.Domain.Audit;
using Callout.Storage.Rows;

namespace Callout.Storage.Store;

internal abstract partial class StoreSession
{
    public async Task AppendAuditAsync(AuditRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.AccountId != Scope.AccountId || record.Region != Scope.Region)
        {
            throw new ArgumentException(
                $"An audit record of {record.AccountId}/{record.Region} cannot be written in a session of {Scope.AccountId}/{Scope.Region}.",
                nameof(record));
        }
        await WriteAsync(Write(Writes.AppendAudit)
            .Bind("@time", Columns.Millis(record.Time))
            .Bind("@caller", record.Caller)
            .Bind("@source_address", record.SourceAddress)
            .Bind("@operation", record.Operation)
            .Bind("@resource_arn", record.ResourceArn)
            .Bind("@request_id", record.RequestId)
            .Bind("@outcome", record.Outcome), ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<(long Sequence, AuditRecord Record)>> ListAuditAsync(AuditQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await ListAsync(Read(Selects.ListAudit)
            .Bind("@from", Columns.Millis(query.From))
            .Bind("@to", Columns.Millis(query.To))
            .Bind("@operation", query.Operation)
            .Bind("@resource_arn", query.ResourceArn)
            .Bind("@before", query.Before)
            .Bind("@limit", query.Limit), r => (r.GetInt64(0), RowReader.AuditRecord(r, Scope)), ct).ConfigureAwait(false);
    }
}
