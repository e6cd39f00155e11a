using Callout.Domain.Alerts;
using Callout.Storage.Rows;
using NodaTime;

namespace Callout.Storage.Store;

/// The scope's alert sources (docs/spec/incidents.md §5).
internal abstract partial class StoreSession
{
    public async Task InsertAlertSourceAsync(AlertSource source, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        await WriteAsync(Write("""
                INSERT INTO alert_sources (account_id, region, id, name, format, response_plan_arn, key_hash,
                    grafana_hmac_secret, sns_topic_arns, created_at)
                VALUES (@account, @region, @id, @name, @format, @plan, @key_hash, @hmac, @topics, @created_at)
                """)
            .Bind("@id", source.Id)
            .Bind("@name", source.Name)
            .Bind("@format", AlertSourceRows.FormatText(source.Format))
            .Bind("@plan", source.ResponsePlanArn)
            .Bind("@key_hash", source.KeyHash)
            .Bind("@hmac", source.GrafanaHmacSecret)
            .Bind("@topics", AlertSourceRows.TopicsText(source.SnsTopicArns))
            .Bind("@created_at", Columns.Millis(source.CreatedAt)), ct).ConfigureAwait(false);
    }

    public async Task<AlertSource?> FindAlertSourceByIdAsync(string id, CancellationToken ct) =>
        await FirstAsync(Read(AlertSourceRows.Select + " AND account_id = @account AND region = @region AND id = @id")
            .Bind("@id", id), AlertSourceRows.Read, ct).ConfigureAwait(false);

    public async Task<IReadOnlyList<AlertSource>> ListAlertSourcesAsync((Instant CreatedAt, string Id)? after, int limit, CancellationToken ct) =>
        await ListAsync(Read(AlertSourceRows.Select + " AND account_id = @account AND region = @region"
                + (after is null ? "" : " AND (created_at, id) > (@after_created, @after_id)")
                + " ORDER BY created_at, id LIMIT @limit")
            .Bind("@after_created", Columns.Millis(after?.CreatedAt))
            .Bind("@after_id", after?.Id)
            .Bind("@limit", limit), AlertSourceRows.Read, ct).ConfigureAwait(false);

    public async Task<int> CountAlertSourcesAsync(CancellationToken ct) =>
        await CountAsync(Read("SELECT count(*) FROM alert_sources WHERE account_id = @account AND region = @region"), ct).ConfigureAwait(false);

    public async Task<bool> DeleteAlertSourceAsync(string id, CancellationToken ct) =>
        await ExecuteAsync(Write("DELETE FROM alert_sources WHERE account_id = @account AND region = @region AND id = @id")
            .Bind("@id", id), ct).ConfigureAwait(false) > 0;
}
