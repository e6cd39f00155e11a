using System.Data.Common;
using Callout.Domain.Incidents;
using Callout.Storage.Json;
using Callout.Storage.Rows;

namespace Callout.Storage.Store;

/// The account's response plans (docs/spec/incidents.md §3). Like the replication set, they belong
/// to the account: statements bind @region like every other but never read it.
internal abstract partial class StoreSession
{
    const string ResponsePlanColumns = """
        name, display_name, title, impact, summary, dedupe_string, incident_tags, notification_targets,
        engagements, chat_channel, actions, integrations, created_at, modified_at
        """;

    public Task<ResponsePlan?> FindResponsePlanAsync(string name, CancellationToken ct) =>
        FirstAsync(Read($"SELECT {ResponsePlanColumns} FROM response_plans WHERE account_id = @account AND name = @name")
            .Bind("@name", name), ReadResponsePlan, ct);

    public async Task<bool> InsertResponsePlanAsync(ResponsePlan plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return await ExecuteAsync(BindResponsePlan(Write($"""
                INSERT INTO response_plans (account_id, {ResponsePlanColumns})
                SELECT @account, @name, @display_name, @title, @impact, @summary, @dedupe_string, @incident_tags,
                    @notification_targets, @engagements, @chat_channel, @actions, @integrations, @created_at, @modified_at
                ON CONFLICT (account_id, name) DO NOTHING
                """), plan), ct).ConfigureAwait(false) > 0;
    }

    public async Task UpdateResponsePlanAsync(ResponsePlan plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        await WriteAsync(BindResponsePlan(Write("""
                UPDATE response_plans SET display_name = @display_name, title = @title, impact = @impact, summary = @summary,
                    dedupe_string = @dedupe_string, incident_tags = @incident_tags, notification_targets = @notification_targets,
                    engagements = @engagements, chat_channel = @chat_channel, actions = @actions, integrations = @integrations,
                    created_at = @created_at, modified_at = @modified_at
                WHERE account_id = @account AND name = @name
                """), plan), ct).ConfigureAwait(false);
    }

    public async Task<bool> DeleteResponsePlanAsync(string name, CancellationToken ct) =>
        await ExecuteAsync(Write("DELETE FROM response_plans WHERE account_id = @account AND name = @name")
            .Bind("@name", name), ct).ConfigureAwait(false) > 0;

    public async Task<IReadOnlyList<ResponsePlan>> ListResponsePlansAsync(string? afterName, int limit, CancellationToken ct) =>
        await ListAsync(Read($"""
                SELECT {ResponsePlanColumns} FROM response_plans
                WHERE account_id = @account AND (@after IS NULL OR name > @after)
                ORDER BY name LIMIT @limit
                """)
            .Bind("@after", afterName)
            .Bind("@limit", limit), ReadResponsePlan, ct).ConfigureAwait(false);

    static ResponsePlan ReadResponsePlan(DbDataReader r) => new(
        r.GetString(0),
        RowReader.OptionalString(r, 1),
        new IncidentTemplate(
            r.GetString(2),
            r.GetInt32(3),
            RowReader.OptionalString(r, 4),
            RowReader.OptionalString(r, 5),
            ResponsePlanJson.ReadMap(r.GetString(6)),
            ResponsePlanJson.ReadList(r.GetString(7))),
        ResponsePlanJson.ReadList(r.GetString(8)),
        RowReader.OptionalString(r, 9),
        RowReader.OptionalString(r, 10),
        RowReader.OptionalString(r, 11),
        Columns.InstantOf(r.GetInt64(12)),
        Columns.InstantOf(r.GetInt64(13)));

    static DbCommand BindResponsePlan(DbCommand command, ResponsePlan plan) => command
        .Bind("@name", plan.Name)
        .Bind("@display_name", plan.DisplayName)
        .Bind("@title", plan.Template.Title)
        .Bind("@impact", plan.Template.Impact)
        .Bind("@summary", plan.Template.Summary)
        .Bind("@dedupe_string", plan.Template.DedupeString)
        .Bind("@incident_tags", ResponsePlanJson.WriteMap(plan.Template.IncidentTags))
        .Bind("@notification_targets", ResponsePlanJson.WriteList(plan.Template.NotificationTargets))
        .Bind("@engagements", ResponsePlanJson.WriteList(plan.Engagements))
        .Bind("@chat_channel", plan.ChatChannelJson)
        .Bind("@actions", plan.ActionsJson)
        .Bind("@integrations", plan.IntegrationsJson)
        .Bind("@created_at", Columns.Millis(plan.CreatedAt))
        .Bind("@modified_at", Columns.Millis(plan.ModifiedAt));
}
