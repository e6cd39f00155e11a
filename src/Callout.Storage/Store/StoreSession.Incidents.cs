using System.Data.Common;
using System.Text;
using Callout.Domain.Incidents;
using Callout.Storage.Rows;
using NodaTime;

namespace Callout.Storage.Store;

/// The account's incidents, timelines and related items (docs/spec/incidents.md §4). Their
/// statements are bound to @region like every other but never read it: incident data belongs to
/// the account.
internal abstract partial class StoreSession
{
    const string IncidentColumns = """
        id, plan_name, response_plan_arn, title, summary, impact, status, dedupe_string, created_by, invoked_by,
        source_resource_arn, source, engaged_region, chat_channel, notification_targets, created_at, resolved_at,
        modified_by, modified_at
        """;

    const string OpenDedupeCondition = "status = 'OPEN' AND dedupe_string <> ''";

    /// Runs a write that a unique index may refuse, and returns 0 instead of failing when it does,
    /// with the session still usable. SQLite's one writer never races, and its refused statement
    /// leaves the transaction as it was; PostgreSQL overrides this with a savepoint.
    protected virtual Task<int> ExecuteUniqueAsync(DbCommand command, CancellationToken ct) => ExecuteAsync(command, ct);

    public async Task<Incident?> FindIncidentAsync(string id, CancellationToken ct) =>
        await FirstAsync(Read($"SELECT {IncidentColumns} FROM incidents WHERE account_id = @account AND id = @id")
            .Bind("@id", id), ReadIncident, ct).ConfigureAwait(false);

    public async Task<Incident?> FindOpenIncidentAsync(string dedupeString, CancellationToken ct) =>
        string.IsNullOrEmpty(dedupeString)
            ? null
            : await FirstAsync(Read($"""
                    SELECT {IncidentColumns} FROM incidents
                    WHERE account_id = @account AND dedupe_string = @dedupe AND {OpenDedupeCondition}
                    """)
                .Bind("@dedupe", dedupeString), ReadIncident, ct).ConfigureAwait(false);

    // The conflict target is the partial unique index (Migrations: incidents_open_by_dedupe), so
    // the loser of two concurrent starts waits for the winner's commit and then inserts nothing,
    // where a plain INSERT would fail and, on PostgreSQL, abort the whole transaction.
    public async Task<bool> InsertIncidentAsync(Incident incident, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return await ExecuteAsync(BindIncident(Write($"""
                INSERT INTO incidents (account_id, {IncidentColumns})
                VALUES (@account, @id, @plan_name, @plan_arn, @title, @summary, @impact, @status, @dedupe, @created_by,
                    @invoked_by, @source_arn, @source, @engaged_region, @chat_channel, @targets, @created_at, @resolved_at,
                    @modified_by, @modified_at)
                ON CONFLICT (account_id, dedupe_string) WHERE {OpenDedupeCondition} DO NOTHING
                """), incident), ct).ConfigureAwait(false) == 1;
    }

    // Reopening checks for another OPEN incident with the key first; a reopen racing a start of
    // the same key on another node is refused by the index, which ExecuteUniqueAsync turns into 0.
    public async Task<bool> UpdateIncidentAsync(Incident incident, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return await ExecuteUniqueAsync(BindIncident(Write($"""
                UPDATE incidents SET plan_name = @plan_name, response_plan_arn = @plan_arn, title = @title, summary = @summary,
                    impact = @impact, status = @status, dedupe_string = @dedupe, created_by = @created_by,
                    invoked_by = @invoked_by, source_resource_arn = @source_arn, source = @source,
                    engaged_region = @engaged_region, chat_channel = @chat_channel, notification_targets = @targets,
                    created_at = @created_at, resolved_at = @resolved_at, modified_by = @modified_by, modified_at = @modified_at
                WHERE account_id = @account AND id = @id
                  AND NOT (@status = 'OPEN' AND @dedupe <> '' AND EXISTS (
                      SELECT 1 FROM incidents other
                      WHERE other.account_id = @account AND other.dedupe_string = @dedupe AND other.id <> @id
                        AND other.status = 'OPEN'))
                """), incident), ct).ConfigureAwait(false) == 1;
    }

    public async Task<bool> DeleteIncidentAsync(string id, CancellationToken ct)
    {
        await WriteAsync(Write("DELETE FROM incident_events WHERE account_id = @account AND incident_id = @id").Bind("@id", id), ct)
            .ConfigureAwait(false);
        await WriteAsync(Write("DELETE FROM incident_items WHERE account_id = @account AND incident_id = @id").Bind("@id", id), ct)
            .ConfigureAwait(false);
        return await ExecuteAsync(Write("DELETE FROM incidents WHERE account_id = @account AND id = @id").Bind("@id", id), ct)
            .ConfigureAwait(false) == 1;
    }

    // A filter not given is left out of the statement; a list filter becomes an IN list of
    // numbered parameters, so no caller text reaches the SQL.
    public async Task<IReadOnlyList<Incident>> ListIncidentsAsync(
        IncidentQuery query, (Instant CreatedAt, string Id)? after, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder($"SELECT {IncidentColumns} FROM incidents WHERE account_id = @account");
        var binds = new List<Action<DbCommand>>();
        void Bound(string condition, Action<DbCommand> bind)
        {
            sql.Append(" AND ").Append(condition);
            binds.Add(bind);
        }
        void In<T>(string column, IReadOnlyCollection<T>? values, string prefix, Action<DbCommand, string, T> bind)
        {
            if (values is null)
            {
                return;
            }
            if (values.Count == 0)
            {
                sql.Append(" AND 1 = 0");
                return;
            }
            var names = values.Select((_, i) => $"@{prefix}{i}").ToList();
            sql.Append(" AND ").Append(column).Append(" IN (").Append(string.Join(", ", names)).Append(')');
            var list = values.ToList();
            binds.Add(c =>
            {
                for (var i = 0; i < list.Count; i++)
                {
                    bind(c, names[i], list[i]);
                }
            });
        }
        if (query.CreatedAfter is { } ca)
        {
            Bound("created_at > @created_after", c => c.Bind("@created_after", Columns.Millis(ca)));
        }
        if (query.CreatedBefore is { } cb)
        {
            Bound("created_at < @created_before", c => c.Bind("@created_before", Columns.Millis(cb)));
        }
        if (query.ResolvedAfter is { } ra)
        {
            Bound("resolved_at > @resolved_after", c => c.Bind("@resolved_after", Columns.Millis(ra)));
        }
        if (query.ResolvedBefore is { } rb)
        {
            Bound("resolved_at < @resolved_before", c => c.Bind("@resolved_before", Columns.Millis(rb)));
        }
        In("impact", query.Impacts, "impact", (c, n, v) => c.Bind(n, v));
        In("status", query.Statuses, "status", (c, n, v) => c.Bind(n, StatusText(v)));
        In("created_by", query.CreatedBy, "created_by", (c, n, v) => c.Bind(n, v));
        if (after is var (afterAt, afterId))
        {
            Bound("(created_at < @after_at OR (created_at = @after_at AND id < @after_id))",
                c => c.Bind("@after_at", Columns.Millis(afterAt)).Bind("@after_id", afterId));
        }
        sql.Append(" ORDER BY created_at DESC, id DESC LIMIT @limit");
        var command = Read(sql.ToString()).Bind("@limit", limit);
        foreach (var bind in binds)
        {
            bind(command);
        }
        return await ListAsync(command, ReadIncident, ct).ConfigureAwait(false);
    }

    // Only under an incident that exists, so an engine session writing for an engagement whose
    // incident was deleted meanwhile leaves no orphan, without a read of its own.
    public Task InsertIncidentEventAsync(IncidentEvent incidentEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(incidentEvent);
        return WriteAsync(BindEvent(Write("""
                INSERT INTO incident_events (account_id, incident_id, event_id, event_type, event_data, refs, event_time, updated_at)
                SELECT @account, @incident_id, @event_id, @event_type, @event_data, @refs, @event_time, @updated_at
                WHERE EXISTS (SELECT 1 FROM incidents WHERE account_id = @account AND id = @incident_id)
                """), incidentEvent), ct);
    }

    public async Task<IncidentEvent?> FindIncidentEventAsync(string incidentId, string eventId, CancellationToken ct) =>
        await FirstAsync(Read("""
                SELECT incident_id, event_id, event_type, event_data, refs, event_time, updated_at FROM incident_events
                WHERE account_id = @account AND incident_id = @incident_id AND event_id = @event_id
                """)
            .Bind("@incident_id", incidentId)
            .Bind("@event_id", eventId), ReadEvent, ct).ConfigureAwait(false);

    public Task UpdateIncidentEventAsync(IncidentEvent incidentEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(incidentEvent);
        return WriteAsync(BindEvent(Write("""
                UPDATE incident_events SET event_type = @event_type, event_data = @event_data, refs = @refs,
                    event_time = @event_time, updated_at = @updated_at
                WHERE account_id = @account AND incident_id = @incident_id AND event_id = @event_id
                """), incidentEvent), ct);
    }

    public async Task<bool> DeleteIncidentEventAsync(string incidentId, string eventId, CancellationToken ct) =>
        await ExecuteAsync(Write("""
                DELETE FROM incident_events WHERE account_id = @account AND incident_id = @incident_id AND event_id = @event_id
                """)
            .Bind("@incident_id", incidentId)
            .Bind("@event_id", eventId), ct).ConfigureAwait(false) == 1;

    public async Task<IReadOnlyList<IncidentEvent>> ListIncidentEventsAsync(string incidentId, CancellationToken ct) =>
        await ListAsync(Read("""
                SELECT incident_id, event_id, event_type, event_data, refs, event_time, updated_at FROM incident_events
                WHERE account_id = @account AND incident_id = @incident_id
                ORDER BY event_time, event_id
                """)
            .Bind("@incident_id", incidentId), ReadEvent, ct).ConfigureAwait(false);

    public async Task<bool> InsertIncidentItemAsync(IncidentItem item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(item);
        return await ExecuteAsync(Write("""
                INSERT INTO incident_items (account_id, incident_id, identifier_key, item, added_at)
                VALUES (@account, @incident_id, @key, @item, @added_at)
                ON CONFLICT (account_id, incident_id, identifier_key) DO NOTHING
                """)
            .Bind("@incident_id", item.IncidentId)
            .Bind("@key", item.IdentifierKey)
            .Bind("@item", item.ItemJson)
            .Bind("@added_at", Columns.Millis(item.AddedAt)), ct).ConfigureAwait(false) == 1;
    }

    public async Task<bool> DeleteIncidentItemAsync(string incidentId, string identifierKey, CancellationToken ct) =>
        await ExecuteAsync(Write("""
                DELETE FROM incident_items WHERE account_id = @account AND incident_id = @incident_id AND identifier_key = @key
                """)
            .Bind("@incident_id", incidentId)
            .Bind("@key", identifierKey), ct).ConfigureAwait(false) == 1;

    public async Task<IReadOnlyList<IncidentItem>> ListIncidentItemsAsync(string incidentId, CancellationToken ct) =>
        await ListAsync(Read("""
                SELECT incident_id, identifier_key, item, added_at FROM incident_items
                WHERE account_id = @account AND incident_id = @incident_id
                ORDER BY added_at, identifier_key
                """)
            .Bind("@incident_id", incidentId),
            r => new IncidentItem(r.GetString(0), r.GetString(1), r.GetString(2), Columns.InstantOf(r.GetInt64(3))), ct).ConfigureAwait(false);

    static string StatusText(IncidentStatus status) => status == IncidentStatus.Open ? "OPEN" : "RESOLVED";

    static DbCommand BindIncident(DbCommand command, Incident incident) => command
        .Bind("@id", incident.Id)
        .Bind("@plan_name", incident.PlanName)
        .Bind("@plan_arn", incident.ResponsePlanArn)
        .Bind("@title", incident.Title)
        .Bind("@summary", incident.Summary)
        .Bind("@impact", incident.Impact)
        .Bind("@status", StatusText(incident.Status))
        .Bind("@dedupe", incident.DedupeString)
        .Bind("@created_by", incident.Source.CreatedBy)
        .Bind("@invoked_by", incident.Source.InvokedBy)
        .Bind("@source_arn", incident.Source.ResourceArn)
        .Bind("@source", incident.Source.Source)
        .Bind("@engaged_region", incident.EngagedRegion)
        .Bind("@chat_channel", incident.ChatChannelJson)
        .Bind("@targets", incident.NotificationTargetsJson)
        .Bind("@created_at", Columns.Millis(incident.CreatedAt))
        .Bind("@resolved_at", Columns.Millis(incident.ResolvedAt))
        .Bind("@modified_by", incident.LastModifiedBy)
        .Bind("@modified_at", Columns.Millis(incident.LastModifiedAt));

    static Incident ReadIncident(DbDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        r.GetString(3),
        RowReader.OptionalString(r, 4),
        r.GetInt32(5),
        r.GetString(6) == "OPEN" ? IncidentStatus.Open : IncidentStatus.Resolved,
        r.GetString(7),
        new IncidentSource(r.GetString(8), RowReader.OptionalString(r, 9), RowReader.OptionalString(r, 10), r.GetString(11)),
        r.GetString(12),
        RowReader.OptionalString(r, 13),
        RowReader.OptionalString(r, 14),
        Columns.InstantOf(r.GetInt64(15)),
        RowReader.OptionalInstant(r, 16),
        r.GetString(17),
        Columns.InstantOf(r.GetInt64(18)));

    static DbCommand BindEvent(DbCommand command, IncidentEvent e) => command
        .Bind("@incident_id", e.IncidentId)
        .Bind("@event_id", e.EventId)
        .Bind("@event_type", e.EventType)
        .Bind("@event_data", e.EventData)
        .Bind("@refs", e.ReferencesJson)
        .Bind("@event_time", Columns.Millis(e.EventTime))
        .Bind("@updated_at", Columns.Millis(e.UpdatedAt));

    static IncidentEvent ReadEvent(DbDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        r.GetString(3),
        RowReader.OptionalString(r, 4),
        Columns.InstantOf(r.GetInt64(5)),
        Columns.InstantOf(r.GetInt64(6)));
}
