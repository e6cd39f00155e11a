using Callout.Domain.Arns;
using Callout.Domain.Contacts;
using Callout.Domain.Plans;
using NodaTime;
using Xunit;

namespace Callout.Storage.Tests;

public abstract partial class StoreCompliance
{
    [Fact]
    public async Task contacts_are_found_together_by_alias_sorted_and_without_the_missing_or_another_scopes()
    {
        var other = AccountScope.For("eu-west-1", Scope.AccountId);
        var plan = new Plan([new Stage(0, [new Target(new ChannelTarget(ResourceArn.Channel(Scope, "joe", Id(1)).ToString(), 0), null)])], []);
        await InsertAsync(Personal("jane"), Personal("joe", plan), Personal("zoe"));
        await InsertAsync(other, Personal("ann", scope: other));

        var found = await QueryAsync(s => s.FindContactsAsync(["zoe", "nobody", "ann", "joe", "zoe"], None));

        Assert.Equal(["joe", "zoe"], found.Select(c => c.Alias));
        AssertSameContact(Personal("joe", plan), found[0]);
        Assert.Empty(await QueryAsync(s => s.FindContactsAsync([], None)));
    }

    [Fact]
    public async Task a_contact_written_and_committed_is_read_back_with_its_plan()
    {
        var first = ResourceArn.Channel(Scope, "jane", Id(1)).ToString();
        var second = ResourceArn.Channel(Scope, "jane", Id(2)).ToString();
        var plan = new Plan(
        [
            new Stage(0, [new Target(new ChannelTarget(first, 5), null), new Target(new ChannelTarget(second, null), null)]),
            new Stage(15, []),
            new Stage(30, [new Target(new ChannelTarget(second, 0), null)]),
        ], []);
        var contact = Personal("jane", plan);
        await InsertAsync(contact);

        var read = await QueryAsync(s => s.FindContactAsync("jane", None));

        Assert.NotNull(read);
        AssertSameContact(contact, read);
    }

    [Fact]
    public async Task an_escalation_plan_keeps_its_contact_targets_and_whether_they_are_essential()
    {
        var plan = new Plan(
        [
            new Stage(5, [
                new Target(null, new ContactTarget(ResourceArn.Contact(Scope, "jane").ToString(), IsEssential: true)),
                new Target(null, new ContactTarget(ResourceArn.Contact(Scope, "joe").ToString(), IsEssential: false)),
            ]),
        ], []);
        var contact = Escalation("team", plan);
        await InsertAsync(contact);

        var read = await QueryAsync(s => s.FindContactAsync("team", None));

        AssertSameContact(contact, read!);
    }

    [Fact]
    public async Task an_oncall_schedule_keeps_its_rotation_ids_in_order()
    {
        var contact = Schedule("primary", "arn:aws:ssm-contacts:us-east-1:111122223333:rotation/b", "arn:aws:ssm-contacts:us-east-1:111122223333:rotation/a");
        await InsertAsync(contact);

        var read = await QueryAsync(s => s.FindContactAsync("primary", None));

        AssertSameContact(contact, read!);
        Assert.Null(read!.DisplayName);
    }

    [Fact]
    public async Task a_contact_without_a_display_name_reads_back_with_none()
    {
        await InsertAsync(Personal("anon", displayName: null));

        var read = await QueryAsync(s => s.FindContactAsync("anon", None));

        Assert.Null(read!.DisplayName);
    }

    [Fact]
    public async Task a_contact_arn_is_built_from_the_session_scope()
    {
        await InsertAsync(Personal("jane"));

        var read = await QueryAsync(s => s.FindContactAsync("jane", None));

        Assert.Equal($"arn:aws:ssm-contacts:us-east-1:{Scope.AccountId}:contact/jane", read!.Arn.ToString());
    }

    [Fact]
    public async Task a_missing_contact_is_not_found()
    {
        Assert.Null(await QueryAsync(s => s.FindContactAsync("nobody", None)));
    }

    [Fact]
    public async Task an_updated_contact_reads_back_with_its_new_name_and_plan()
    {
        await InsertAsync(Personal("jane"));
        var channel = ResourceArn.Channel(Scope, "jane", Id(1)).ToString();
        var updated = Personal("jane", new Plan([new Stage(10, [new Target(new ChannelTarget(channel, 2), null)])], []), displayName: null);

        await CommitAsync(s => s.UpdateContactAsync(updated, T0 + Duration.FromSeconds(60), None));

        AssertSameContact(updated, (await QueryAsync(s => s.FindContactAsync("jane", None)))!);
    }

    [Fact]
    public async Task contacts_are_listed_in_ordinal_alias_order()
    {
        // '%', '-', '0' and '_' sort around the letters in ordinal order; LIKE-style matching would confuse some.
        string[] aliases = ["b", "ab", "a_b", "a-c", "a%b", "a", "a0", "z_"];
        await InsertAsync([.. aliases.Select(a => Personal(a))]);

        var listed = await QueryAsync(s => s.ListContactsAsync(null, null, null, 100, None));

        Assert.Equal(aliases.Order(StringComparer.Ordinal), listed.Select(c => c.Alias));
    }

    [Fact]
    public async Task a_prefix_matches_only_aliases_that_start_with_it_even_when_it_holds_wildcard_characters()
    {
        await InsertAsync(Personal("a_b"), Personal("ab"), Personal("axb"), Personal("a%b"), Personal("a"), Personal("b_a"));

        var underscore = await QueryAsync(s => s.ListContactsAsync("a_", null, null, 100, None));
        var percent = await QueryAsync(s => s.ListContactsAsync("a%", null, null, 100, None));
        var letter = await QueryAsync(s => s.ListContactsAsync("a", null, null, 100, None));
        var whole = await QueryAsync(s => s.ListContactsAsync("ab", null, null, 100, None));

        Assert.Equal(["a_b"], underscore.Select(c => c.Alias));
        Assert.Equal(["a%b"], percent.Select(c => c.Alias));
        Assert.Equal(["a", "a%b", "a_b", "ab", "axb"], letter.Select(c => c.Alias));
        Assert.Equal(["ab"], whole.Select(c => c.Alias));
    }

    [Fact]
    public async Task a_kind_filter_lists_only_contacts_of_that_kind()
    {
        await InsertAsync(Personal("jane"), Escalation("team"), Schedule("primary"), Personal("joe"), Escalation("ops"));

        var personal = await QueryAsync(s => s.ListContactsAsync(null, ContactKind.Personal, null, 100, None));
        var escalation = await QueryAsync(s => s.ListContactsAsync(null, ContactKind.Escalation, null, 100, None));
        var schedules = await QueryAsync(s => s.ListContactsAsync(null, ContactKind.OncallSchedule, null, 100, None));

        Assert.Equal(["jane", "joe"], personal.Select(c => c.Alias));
        Assert.Equal(["ops", "team"], escalation.Select(c => c.Alias));
        Assert.Equal(["primary"], schedules.Select(c => c.Alias));
    }

    [Fact]
    public async Task paging_after_an_alias_continues_where_the_last_page_ended()
    {
        await InsertAsync([.. Enumerable.Range(0, 7).Select(i => Personal($"p{i}")), Personal("q0"), Escalation("p_team")]);

        var pages = new List<IReadOnlyList<Contact>>();
        string? after = null;
        do
        {
            var page = await QueryAsync(s => s.ListContactsAsync("p", ContactKind.Personal, after, 3, None));
            pages.Add(page);
            after = page.Count == 3 ? page[^1].Alias : null;
        }
        while (after is not null);

        Assert.Equal([3, 3, 1], pages.Select(p => p.Count));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"p{i}"), pages.SelectMany(p => p).Select(c => c.Alias));
    }

    [Fact]
    public async Task paging_after_the_last_alias_lists_nothing()
    {
        await InsertAsync(Personal("a"), Personal("b"));

        Assert.Empty(await QueryAsync(s => s.ListContactsAsync(null, null, "b", 10, None)));
        Assert.Equal(["b"], (await QueryAsync(s => s.ListContactsAsync(null, null, "a", 10, None))).Select(c => c.Alias));
    }

    [Fact]
    public async Task contacts_are_counted()
    {
        Assert.Equal(0, await QueryAsync(s => s.CountContactsAsync(None)));
        await InsertAsync(Personal("jane"), Escalation("team"), Schedule("primary"));

        Assert.Equal(3, await QueryAsync(s => s.CountContactsAsync(None)));

        await CommitAsync(s => s.DeleteContactAsync("team", None));
        await CommitAsync(s => s.DeleteContactAsync("nobody", None));
        await InsertAsync(Personal("joe"));

        Assert.Equal(3, await QueryAsync(s => s.CountContactsAsync(None)));
        await CommitAsync(s => s.DeleteContactAsync("joe", None));
        Assert.Equal(2, await QueryAsync(s => s.CountContactsAsync(None)));
    }

    [Fact]
    public async Task deleting_a_contact_removes_its_channels_tags_and_policy_and_nothing_else()
    {
        await InsertAsync(Personal("jane"), Personal("joe"));
        var jane = ResourceArn.Contact(Scope, "jane").ToString();
        var joe = ResourceArn.Contact(Scope, "joe").ToString();
        await CommitAsync(async s =>
        {
            await s.InsertChannelAsync(Channel("jane", Id(1), T0), None);
            await s.InsertChannelAsync(Channel("joe", Id(2), T0), None);
            await s.SetTagsAsync(jane, new Dictionary<string, string> { ["team"] = "a" }, None);
            await s.SetTagsAsync(joe, new Dictionary<string, string> { ["team"] = "b" }, None);
            await s.PutPolicyAsync("jane", "{\"jane\":1}", T0, None);
            await s.PutPolicyAsync("joe", "{\"joe\":1}", T0, None);
        });

        await CommitAsync(s => s.DeleteContactAsync("jane", None));

        await using var read = await ReadAsync();
        Assert.Null(await read.FindContactAsync("jane", None));
        Assert.Null(await read.FindChannelAsync(Id(1), None));
        Assert.Empty(await read.ListChannelsAsync("jane", null, 10, None));
        Assert.Empty(await read.GetTagsAsync(jane, None));
        Assert.Null(await read.GetPolicyAsync("jane", None));
        Assert.NotNull(await read.FindContactAsync("joe", None));
        Assert.NotNull(await read.FindChannelAsync(Id(2), None));
        Assert.Equal("b", (await read.GetTagsAsync(joe, None))["team"]);
        Assert.Equal("{\"joe\":1}", await read.GetPolicyAsync("joe", None));
    }

    [Fact]
    public async Task a_deleted_alias_can_be_created_again_without_its_old_channels()
    {
        await InsertAsync(Personal("jane"));
        await CommitAsync(s => s.InsertChannelAsync(Channel("jane", Id(1), T0), None));
        await CommitAsync(s => s.DeleteContactAsync("jane", None));

        await InsertAsync(Personal("jane", displayName: "Jane Again"));

        await using var read = await ReadAsync();
        Assert.Equal("Jane Again", (await read.FindContactAsync("jane", None))!.DisplayName);
        Assert.Empty(await read.ListChannelsAsync("jane", null, 10, None));
    }

    static void AssertSameContact(Contact expected, Contact actual)
    {
        Assert.Equal(expected.Arn, actual.Arn);
        Assert.Equal(expected.Alias, actual.Alias);
        Assert.Equal(expected.DisplayName, actual.DisplayName);
        Assert.Equal(expected.Kind, actual.Kind);
        AssertSamePlan(expected.Plan, actual.Plan);
    }

    static void AssertSamePlan(Plan expected, Plan actual)
    {
        // Records holding lists compare lists by reference, so compare member by member.
        Assert.Equal(expected.RotationIds, actual.RotationIds);
        Assert.Equal(expected.Stages.Count, actual.Stages.Count);
        foreach (var (e, a) in expected.Stages.Zip(actual.Stages))
        {
            Assert.Equal(e.DurationInMinutes, a.DurationInMinutes);
            Assert.Equal(e.Targets, a.Targets);
        }
    }
}
