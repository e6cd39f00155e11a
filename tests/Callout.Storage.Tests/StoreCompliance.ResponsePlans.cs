using Callout.Domain.Arns;
using Callout.Domain.Incidents;
using NodaTime;
using Xunit;

namespace Callout.Storage.Tests;

public abstract partial class StoreCompliance
{
    static ResponsePlan NewResponsePlan(string name) => new(
        name,
        DisplayName: null,
        new IncidentTemplate("Database down", 2, Summary: null, DedupeString: null, new Dictionary<string, string>(), []),
        Engagements: [],
        ChatChannelJson: null,
        ActionsJson: null,
        IntegrationsJson: null,
        T0,
        T0);

    static ResponsePlan FullResponsePlan(string name) => new(
        name,
        "Database \"primary\" — on call",
        new IncidentTemplate(
            "Database down",
            1,
            "Replica lag over 5 minutes",
            "db-primary",
            new Dictionary<string, string> { ["team"] = "data", ["Émoji 🚨"] = "quote \" and \\ backslash", ["a"] = "" },
            ["arn:aws:sns:us-east-1:111122223333:pager", "arn:aws:sns:eu-west-1:111122223333:pager"]),
        ["arn:aws:ssm-contacts:us-east-1:111122223333:contact/dba", "arn:aws:ssm-contacts:us-east-1:111122223333:contact/lead"],
        """{"chatbotSns":["arn:aws:sns:us-east-1:111122223333:chat"]}""",
        """[{"ssmAutomation":{"roleArn":"arn:aws:iam::111122223333:role/r","documentName":"Doc"}}]""",
        """[{"pagerDutyConfiguration":{"name":"pd","secretId":"s","pagerDutyIncidentConfiguration":{"serviceId":"P1"}}}]""",
        T0,
        T0 + Duration.FromSeconds(3));

    static void AssertSamePlan(ResponsePlan expected, ResponsePlan? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Template = null!, Engagements = [] }, actual with { Template = null!, Engagements = [] });
        Assert.Equal(expected.Template with { IncidentTags = null!, NotificationTargets = [] },
            actual.Template with { IncidentTags = null!, NotificationTargets = [] });
        Assert.Equal(expected.Template.IncidentTags.OrderBy(p => p.Key, StringComparer.Ordinal),
            actual.Template.IncidentTags.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Template.NotificationTargets, actual.Template.NotificationTargets);
        Assert.Equal(expected.Engagements, actual.Engagements);
    }

    [Fact]
    public async Task a_response_plan_is_read_back_with_every_member_as_written()
    {
        var plan = FullResponsePlan("db-plan");

        Assert.True(await QueryWriteAsync(s => s.InsertResponsePlanAsync(plan, None)));

        AssertSamePlan(plan, await QueryAsync(s => s.FindResponsePlanAsync("db-plan", None)));
    }

    [Fact]
    public async Task a_response_plan_without_its_optional_members_reads_back_with_nulls_and_empty_collections()
    {
        var plan = NewResponsePlan("bare");

        await QueryWriteAsync(s => s.InsertResponsePlanAsync(plan, None));

        var read = await QueryAsync(s => s.FindResponsePlanAsync("bare", None));
        AssertSamePlan(plan, read);
        Assert.Null(read!.DisplayName);
        Assert.Null(read.ChatChannelJson);
        Assert.Empty(read.Template.IncidentTags);
        Assert.Empty(read.Engagements);
    }

    [Fact]
    public async Task a_response_plan_name_is_unique_in_the_account_whatever_the_region()
    {
        Assert.True(await QueryWriteAsync(s => s.InsertResponsePlanAsync(NewResponsePlan("shared"), None)));
        var elsewhere = AccountScope.For("eu-west-1", Scope.AccountId);

        await using (var session = await WriteAsync(elsewhere))
        {
            Assert.False(await session.InsertResponsePlanAsync(FullResponsePlan("shared"), None));
            await session.CommitAsync(None);
        }

        var seen = await QueryAsync(elsewhere, s => s.FindResponsePlanAsync("shared", None));
        AssertSamePlan(NewResponsePlan("shared"), seen);
    }

    [Fact]
    public async Task response_plans_of_other_accounts_are_invisible_and_their_names_free()
    {
        await QueryWriteAsync(s => s.InsertResponsePlanAsync(NewResponsePlan("mine"), None));
        var other = AccountScope.For("us-east-1", NewAccountId());

        Assert.Null(await QueryAsync(other, s => s.FindResponsePlanAsync("mine", None)));
        Assert.Empty(await QueryAsync(other, s => s.ListResponsePlansAsync(null, 10, None)));
        await using var session = await WriteAsync(other);
        Assert.True(await session.InsertResponsePlanAsync(NewResponsePlan("mine"), None));
    }

    [Fact]
    public async Task updating_a_response_plan_replaces_every_member()
    {
        await QueryWriteAsync(s => s.InsertResponsePlanAsync(FullResponsePlan("p"), None));
        var changed = NewResponsePlan("p") with { CreatedAt = T0, ModifiedAt = T0 + Duration.FromMinutes(9) };

        await CommitAsync(s => s.UpdateResponsePlanAsync(changed, None));

        AssertSamePlan(changed, await QueryAsync(s => s.FindResponsePlanAsync("p", None)));
    }

    [Fact]
    public async Task deleting_a_response_plan_says_whether_there_was_one()
    {
        await QueryWriteAsync(s => s.InsertResponsePlanAsync(NewResponsePlan("gone"), None));

        Assert.True(await QueryWriteAsync(s => s.DeleteResponsePlanAsync("gone", None)));
        Assert.False(await QueryWriteAsync(s => s.DeleteResponsePlanAsync("gone", None)));
        Assert.Null(await QueryAsync(s => s.FindResponsePlanAsync("gone", None)));
        Assert.True(await QueryWriteAsync(s => s.InsertResponsePlanAsync(NewResponsePlan("gone"), None)));
    }

    [Fact]
    public async Task response_plans_are_listed_in_name_order_page_by_page()
    {
        string[] names = ["b-plan", "a-plan", "B-plan", "c_plan", "a-plan-2"];
        await CommitAsync(async s =>
        {
            foreach (var name in names)
            {
                Assert.True(await s.InsertResponsePlanAsync(NewResponsePlan(name), None));
            }
        });

        var first = await QueryAsync(s => s.ListResponsePlansAsync(null, 2, None));
        var second = await QueryAsync(s => s.ListResponsePlansAsync(first[^1].Name, 2, None));
        var third = await QueryAsync(s => s.ListResponsePlansAsync(second[^1].Name, 2, None));

        // Ordinal order, as the nextToken compares names (uppercase before lowercase).
        Assert.Equal(names.Order(StringComparer.Ordinal), first.Concat(second).Concat(third).Select(p => p.Name));
        Assert.Single(third);
    }

    [Fact]
    public async Task resource_policies_of_a_plan_are_listed_in_id_order_and_deleted_one_by_one()
    {
        await QueryWriteAsync(s => s.InsertResponsePlanAsync(NewResponsePlan("shared"), None));
        var policies = Enumerable.Range(1, 3)
            .Select(n => new ResponsePlanPolicy("shared", Id(n), $$"""{"Version":"2012-10-17","Statement":[{"Sid":"{{n}}"}]}""", "eu-west-1", T0))
            .ToList();
        await CommitAsync(async s =>
        {
            foreach (var policy in policies.AsEnumerable().Reverse())
            {
                await s.InsertResponsePlanPolicyAsync(policy, None);
            }
        });

        var first = await QueryAsync(s => s.ListResponsePlanPoliciesAsync("shared", null, 2, None));
        var rest = await QueryAsync(s => s.ListResponsePlanPoliciesAsync("shared", first[^1].PolicyId, 2, None));
        Assert.Equal(policies, first.Concat(rest));
        Assert.Equal(3, await QueryAsync(s => s.CountResponsePlanPoliciesAsync("shared", None)));

        Assert.True(await QueryWriteAsync(s => s.DeleteResponsePlanPolicyAsync("shared", Id(2), None)));
        Assert.False(await QueryWriteAsync(s => s.DeleteResponsePlanPolicyAsync("shared", Id(2), None)));
        Assert.Equal([Id(1), Id(3)], (await QueryAsync(s => s.ListResponsePlanPoliciesAsync("shared", null, 10, None))).Select(p => p.PolicyId));
    }

    [Fact]
    public async Task resource_policies_belong_to_the_account_and_go_with_their_plan()
    {
        await QueryWriteAsync(s => s.InsertResponsePlanAsync(NewResponsePlan("p"), None));
        await CommitAsync(s => s.InsertResponsePlanPolicyAsync(new ResponsePlanPolicy("p", Id(1), "{}", "us-east-1", T0), None));

        var elsewhere = AccountScope.For("eu-west-1", Scope.AccountId);
        Assert.Single(await QueryAsync(elsewhere, s => s.ListResponsePlanPoliciesAsync("p", null, 10, None)));
        Assert.Empty(await QueryAsync(AccountScope.For("us-east-1", NewAccountId()), s => s.ListResponsePlanPoliciesAsync("p", null, 10, None)));

        await QueryWriteAsync(s => s.DeleteResponsePlanAsync("p", None));
        await QueryWriteAsync(s => s.InsertResponsePlanAsync(NewResponsePlan("p"), None));
        Assert.Empty(await QueryAsync(s => s.ListResponsePlanPoliciesAsync("p", null, 10, None)));
    }

    [Fact]
    public async Task tags_of_an_arn_without_a_region_are_shared_by_every_region_of_the_account()
    {
        var planArn = $"arn:aws:ssm-incidents::{Scope.AccountId}:response-plan/p";
        var contactArn = $"arn:aws:ssm-contacts:us-east-1:{Scope.AccountId}:contact/c";
        await CommitAsync(async s =>
        {
            await s.SetTagsAsync(planArn, new Dictionary<string, string> { ["team"] = "data" }, None);
            await s.SetTagsAsync(contactArn, new Dictionary<string, string> { ["team"] = "ops" }, None);
        });
        var elsewhere = AccountScope.For("eu-west-1", Scope.AccountId);

        Assert.Equal("data", (await QueryAsync(elsewhere, s => s.GetTagsAsync(planArn, None)))["team"]);
        Assert.Empty(await QueryAsync(elsewhere, s => s.GetTagsAsync(contactArn, None)));
        Assert.Empty(await QueryAsync(AccountScope.For("us-east-1", NewAccountId()), s => s.GetTagsAsync(planArn, None)));

        await CommitAsync(elsewhere, s => s.SetTagsAsync(planArn, new Dictionary<string, string> { ["tier"] = "1" }, None));
        Assert.Equal(["tier"], (await QueryAsync(s => s.GetTagsAsync(planArn, None))).Keys);
        Assert.Equal("ops", (await QueryAsync(s => s.GetTagsAsync(contactArn, None)))["team"]);
    }
}
