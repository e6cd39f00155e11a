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

    public async Task<bool> DeleteResponsePlanAsync(string name, CancellationToken ct)
    {
        await WriteAsync(Write("DELETE FROM response_plan_policies WHERE account_id = @account AND plan_name = @name")
            .Bind("@name", name), ct).ConfigureAwait(false);
        return await ExecuteAsync(Write("DELETE FROM response_plans WHERE account_id = @account AND name = @name")
            .Bind("@name", name), ct).ConfigureAwait(false) > 0;
    }

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

    public Task InsertResponsePlanPolicyAsync(ResponsePlanPolicy policy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return WriteAsync(Write("""
                INSERT INTO response_plan_policies (account_id, plan_name, policy_id, policy, share_region, created_at)
                VALUES (@account, @plan_name, @policy_id, @policy, @share_region, @created_at)
                """)
            .Bind("@plan_name", policy.PlanName)
            .Bind("@policy_id", policy.PolicyId)
            .Bind("@policy", policy.Document)
            .Bind("@share_region", policy.ShareRegion)
            .Bind("@created_at", Columns.Millis(policy.CreatedAt)), ct);
    }

    public async Task<IReadOnlyList<ResponsePlanPolicy>> ListResponsePlanPoliciesAsync(
        string planName, string? afterPolicyId, int limit, CancellationToken ct) =>
        await ListAsync(Read("""
                SELECT plan_name, policy_id, policy, share_region, created_at FROM response_plan_policies
                WHERE account_id = @account AND plan_name = @plan_name AND (@after IS NULL OR policy_id > @after)
                ORDER BY policy_id LIMIT @limit
                """)
            .Bind("@plan_name", planName)
            .Bind("@after", afterPolicyId)
            .Bind("@limit", limit),
            r => new ResponsePlanPolicy(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Columns.InstantOf(r.GetInt64(4))),
            ct).ConfigureAwait(false);

    public Task<int> CountResponsePlanPoliciesAsync(string planName, CancellationToken ct) =>
        CountAsync(Read("SELECT COUNT(*) FROM response_plan_policies WHERE account_id = @account AND plan_name = @plan_name")
            .Bind("@plan_name", planName), ct);

    public async Task<bool> DeleteResponsePlanPolicyAsync(string planName, string policyId, CancellationToken ct) =>
        await ExecuteAsync(Write("""
                DELETE FROM response_plan_policies WHERE account_id = @account AND plan_name = @plan_name AND policy_id = @policy_id
                """)
            .Bind("@plan_name", planName)
            .Bind("@policy_id", policyId), ct).ConfigureAwait(false) > 0;
}
