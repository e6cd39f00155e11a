using Callout.Domain.Arns;
using Callout.Domain.Contacts;
using Callout.Domain.Engagements;
using NodaTime;
using Xunit;

namespace Callout.Storage.Tests;

public abstract partial class StoreCompliance
{
    [Fact]
    public async Task an_engagement_written_and_committed_is_read_back_with_every_field()
    {
        var engagement = NewEngagement(Id(1), T0, alias: "team", incidentId: "incident-7", rootKind: ContactKind.Escalation);
        await CommitAsync(s => s.InsertEngagementAsync(engagement, NewSnapshot(), None));

        var read = await QueryAsync(s => s.FindEngagementAsync(Id(1), None));

        Assert.Equal(engagement, read);
        Assert.Equal($"arn:aws:ssm-contacts:us-east-1:{Scope.AccountId}:engagement/team/{Id(1)}", read!.Arn.ToString());
        Assert.True(read.Running);
    }

    [Fact]
    public async Task an_engagement_without_public_texts_or_incident_reads_back_with_none()
    {
        var engagement = NewEngagement(Id(1), T0) with { PublicSubject = null, PublicContent = null, IncidentId = null };
        await InsertEngagementsAsync(engagement);

        var read = await QueryAsync(s => s.FindEngagementAsync(Id(1), None));

        Assert.Equal(engagement, read);
    }

    [Fact]
    public async Task an_unknown_engagement_is_not_found_and_has_no_snapshot()
    {
        await using var read = await ReadAsync();

        Assert.Null(await read.FindEngagementAsync(Id(1), None));
        Assert.Null(await read.FindSnapshotAsync(Id(1), None));
    }

    [Fact]
    public async Task the_snapshot_of_an_engagement_keeps_every_plan_it_was_started_with()
    {
        var snapshot = NewSnapshot();
        await CommitAsync(s => s.InsertEngagementAsync(NewEngagement(Id(1), T0, alias: "team"), snapshot, None));

        var read = await QueryAsync(s => s.FindSnapshotAsync(Id(1), None));

        Assert.NotNull(read);
        Assert.Equal(snapshot.Contacts.Keys.Order(StringComparer.Ordinal), read.Contacts.Keys.Order(StringComparer.Ordinal));
        foreach (var (alias, expected) in snapshot.Contacts)
        {
            var actual = read.Contacts[alias];
            Assert.Equal(expected.Alias, actual.Alias);
            Assert.Equal(expected.Kind, actual.Kind);
            AssertSamePlan(expected.Plan, actual.Plan);
        }
    }

    [Fact]
    public async Task an_empty_snapshot_reads_back_empty()
    {
        await InsertEngagementsAsync(NewEngagement(Id(1), T0));

        var read = await QueryAsync(s => s.FindSnapshotAsync(Id(1), None));

        Assert.Empty(read!.Contacts);
    }

    [Fact]
    public async Task an_engagement_with_an_arn_of_another_scope_or_contact_is_refused()
    {
        var otherScope = AccountScope.For("eu-west-1", Scope.AccountId);
        await using var session = await WriteAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            session.InsertEngagementAsync(NewEngagement(Id(1), T0, scope: otherScope), NewSnapshot(), None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            session.InsertEngagementAsync(NewEngagement(Id(2), T0) with { ContactAlias = "joe" }, NewSnapshot(), None));
    }

    [Fact]
    public async Task engagements_are_listed_newest_first_with_ties_by_id_descending()
    {
        await InsertEngagementsAsync(
            NewEngagement(Id(1), T0),
            NewEngagement(Id(2), T0 + Duration.FromMinutes(5)),
            NewEngagement(Id(3), T0),
            NewEngagement(Id(4), T0 - Duration.FromMinutes(5)),
            NewEngagement(Id(5), T0 + Duration.FromMinutes(5)));

        var listed = await QueryAsync(s => s.ListEngagementsAsync(null, null, null, null, 10, None));

        Assert.Equal([Id(5), Id(2), Id(3), Id(1), Id(4)], listed.Select(e => e.Id));
    }

    [Fact]
    public async Task listing_engagements_page_by_page_after_the_last_start_and_id_visits_each_once()
    {
        // Three share a start time, so a page boundary falls inside a tie.
        var engagements = Enumerable.Range(1, 7)
            .Select(i => NewEngagement(Id(i), T0 + Duration.FromMinutes(i is 3 or 4 or 5 ? 3 : i)))
            .ToArray();
        await InsertEngagementsAsync(engagements);

        var seen = new List<string>();
        (Instant, string)? after = null;
        int pages = 0;
        while (true)
        {
            var page = await QueryAsync(s => s.ListEngagementsAsync(null, null, null, after, 2, None));
            if (page.Count == 0)
            {
                break;
            }
            Assert.True(page.Count <= 2);
            seen.AddRange(page.Select(e => e.Id));
            after = (page[^1].StartTime, page[^1].Id);
            pages++;
        }

        Assert.Equal(4, pages);
        Assert.Equal([Id(7), Id(6), Id(5), Id(4), Id(3), Id(2), Id(1)], seen);
    }

    [Fact]
    public async Task engagements_can_be_listed_for_one_incident()
    {
        await InsertEngagementsAsync(
            NewEngagement(Id(1), T0, incidentId: "inc-a"),
            NewEngagement(Id(2), T0 + Duration.FromMinutes(1), incidentId: "inc-b"),
            NewEngagement(Id(3), T0 + Duration.FromMinutes(2), incidentId: "inc-a"),
            NewEngagement(Id(4), T0 + Duration.FromMinutes(3)));

        var listed = await QueryAsync(s => s.ListEngagementsAsync("inc-a", null, null, null, 10, None));
        var afterFirst = await QueryAsync(s => s.ListEngagementsAsync("inc-a", null, null, (T0 + Duration.FromMinutes(2), Id(3)), 10, None));

        Assert.Equal([Id(3), Id(1)], listed.Select(e => e.Id));
        Assert.Equal([Id(1)], afterFirst.Select(e => e.Id));
    }

    [Fact]
    public async Task the_start_time_range_of_a_listing_includes_both_ends()
    {
        await InsertEngagementsAsync([.. Enumerable.Range(0, 5).Select(i => NewEngagement(Id(i), T0 + Duration.FromMinutes(i)))]);

        var between = await QueryAsync(s => s.ListEngagementsAsync(null, T0 + Duration.FromMinutes(1), T0 + Duration.FromMinutes(3), null, 10, None));
        var fromOnly = await QueryAsync(s => s.ListEngagementsAsync(null, T0 + Duration.FromMinutes(3), null, null, 10, None));
        var toOnly = await QueryAsync(s => s.ListEngagementsAsync(null, null, T0 + Duration.FromMinutes(1), null, 10, None));
        var rangeAndAfter = await QueryAsync(s => s.ListEngagementsAsync(
            null, T0 + Duration.FromMinutes(1), T0 + Duration.FromMinutes(3), (T0 + Duration.FromMinutes(3), Id(3)), 10, None));
        var incidentAndRange = await QueryAsync(s => s.ListEngagementsAsync("none", T0, T0 + Duration.FromMinutes(4), null, 10, None));

        Assert.Equal([Id(3), Id(2), Id(1)], between.Select(e => e.Id));
        Assert.Equal([Id(4), Id(3)], fromOnly.Select(e => e.Id));
        Assert.Equal([Id(1), Id(0)], toOnly.Select(e => e.Id));
        Assert.Equal([Id(2), Id(1)], rangeAndAfter.Select(e => e.Id));
        Assert.Empty(incidentAndRange);
    }

    [Fact]
    public async Task listing_engagements_returns_at_most_the_limit()
    {
        await InsertEngagementsAsync([.. Enumerable.Range(0, 5).Select(i => NewEngagement(Id(i), T0 + Duration.FromMinutes(i)))]);

        var listed = await QueryAsync(s => s.ListEngagementsAsync(null, null, null, null, 3, None));

        Assert.Equal([Id(4), Id(3), Id(2)], listed.Select(e => e.Id));
    }

    [Fact]
    public async Task an_engagement_stops_once_and_keeps_its_first_stop_time_and_reason()
    {
        await InsertEngagementsAsync(NewEngagement(Id(1), T0));

        bool first = false, second = false;
        await CommitAsync(async s => first = await s.StopEngagementAsync(Id(1), T0 + Duration.FromMinutes(3), "resolved", None));
        await CommitAsync(async s => second = await s.StopEngagementAsync(Id(1), T0 + Duration.FromMinutes(9), "again", None));

        var read = await QueryAsync(s => s.FindEngagementAsync(Id(1), None));
        Assert.True(first);
        Assert.False(second);
        Assert.Equal(T0 + Duration.FromMinutes(3), read!.StopTime);
        Assert.Equal("resolved", read.StopReason);
        Assert.False(read.Running);
    }

    [Fact]
    public async Task an_engagement_can_stop_without_a_reason()
    {
        await InsertEngagementsAsync(NewEngagement(Id(1), T0));

        await CommitAsync(async s => Assert.True(await s.StopEngagementAsync(Id(1), T0, null, None)));

        var read = await QueryAsync(s => s.FindEngagementAsync(Id(1), None));
        Assert.Equal(T0, read!.StopTime);
        Assert.Null(read.StopReason);
    }

    [Fact]
    public async Task stopping_an_unknown_engagement_changes_nothing()
    {
        await CommitAsync(async s => Assert.False(await s.StopEngagementAsync(Id(1), T0, "x", None)));
    }

    [Fact]
    public async Task an_engagement_inserted_already_stopped_reads_back_stopped_and_cannot_stop_again()
    {
        var stopped = NewEngagement(Id(1), T0) with { StopTime = T0 + Duration.FromMinutes(1), StopReason = "done" };
        await InsertEngagementsAsync(stopped);

        await CommitAsync(async s => Assert.False(await s.StopEngagementAsync(Id(1), T0 + Duration.FromMinutes(2), "late", None)));

        Assert.Equal(stopped, await QueryAsync(s => s.FindEngagementAsync(Id(1), None)));
    }

    [Fact]
    public async Task running_engagements_are_counted_across_every_scope()
    {
        var otherRegion = AccountScope.For("eu-west-1", Scope.AccountId);
        await InsertEngagementsAsync(NewEngagement(Id(1), T0), NewEngagement(Id(2), T0), NewEngagement(Id(3), T0));
        await InsertEngagementsAsync(otherRegion, NewEngagement(Id(1), T0, scope: otherRegion), NewEngagement(Id(4), T0, scope: otherRegion));
        Assert.Equal(5, await Store.CountRunningEngagementsAsync(None));

        await CommitAsync(s => s.StopEngagementAsync(Id(2), T0, null, None));
        await CommitAsync(otherRegion, s => s.StopEngagementAsync(Id(1), T0, null, None));

        Assert.Equal(3, await Store.CountRunningEngagementsAsync(None));
    }

    [Fact]
    public async Task no_engagements_count_as_none_running()
    {
        Assert.Equal(0, await Store.CountRunningEngagementsAsync(None));
    }

    [Fact]
    public async Task engagements_of_another_scope_are_neither_found_listed_nor_stopped()
    {
        var otherAccount = AccountScope.For("us-east-1", NewAccountId());
        await InsertEngagementsAsync(NewEngagement(Id(1), T0, incidentId: "inc"));
        await InsertEngagementsAsync(otherAccount, NewEngagement(Id(2), T0, incidentId: "inc", scope: otherAccount));

        await CommitAsync(otherAccount, async s => Assert.False(await s.StopEngagementAsync(Id(1), T0, null, None)));

        Assert.True((await QueryAsync(s => s.FindEngagementAsync(Id(1), None)))!.Running);
        await using var other = await ReadAsync(otherAccount);
        Assert.Null(await other.FindEngagementAsync(Id(1), None));
        Assert.Null(await other.FindSnapshotAsync(Id(1), None));
        Assert.Equal([Id(2)], (await other.ListEngagementsAsync(null, null, null, null, 10, None)).Select(e => e.Id));
        Assert.Equal([Id(2)], (await other.ListEngagementsAsync("inc", null, null, null, 10, None)).Select(e => e.Id));
        Assert.Equal(otherAccount, (await other.FindEngagementAsync(Id(2), None))!.Arn.Scope);
    }

    [Fact]
    public async Task an_engagement_in_a_session_disposed_without_commit_leaves_nothing_behind()
    {
        await using (var session = await WriteAsync())
        {
            await session.InsertEngagementAsync(NewEngagement(Id(1), T0), NewSnapshot(), None);
            await session.InsertPageAsync(NewPage(Id(2), Id(1), T0), None);
            await session.InsertStepsAsync([SendStep(Id(3), Id(1), T0, Id(2))], None);
            await session.AddReceiptAsync(new Receipt(Id(2), Id(900), ReceiptKind.Sent, null, T0), None);
        }

        // The store's own reads first: in memory they wait for the one connection a session holds.
        Assert.Null(await Store.NextDueAsync(None));
        Assert.Equal(0, await Store.CountRunningEngagementsAsync(None));
        await using var read = await ReadAsync();
        Assert.Null(await read.FindEngagementAsync(Id(1), None));
        Assert.Null(await read.FindPageAsync(Id(2), None));
        Assert.Empty(await read.ListReceiptsAsync(Id(2), null, 10, None));
    }

    [Fact]
    public async Task deleting_a_contact_keeps_its_engagements_pages_and_receipts()
    {
        await InsertAsync(Personal("jane"));
        await CommitAsync(s => s.InsertChannelAsync(Channel("jane", Id(900), T0), None));
        await CommitAsync(async s =>
        {
            await s.InsertEngagementAsync(NewEngagement(Id(1), T0), NewSnapshot(), None);
            await s.InsertPageAsync(NewPage(Id(2), Id(1), T0), None);
            await s.AddReceiptAsync(new Receipt(Id(2), Id(900), ReceiptKind.Sent, null, T0), None);
            await s.AddAcknowledgementAsync(Id(1), "jane", T0, None);
        });

        await CommitAsync(s => s.DeleteContactAsync("jane", None));

        await using var read = await ReadAsync();
        Assert.Null(await read.FindContactAsync("jane", None));
        Assert.NotNull(await read.FindEngagementAsync(Id(1), None));
        Assert.NotNull(await read.FindSnapshotAsync(Id(1), None));
        Assert.Equal([Id(1)], (await read.ListEngagementsAsync(null, null, null, null, 10, None)).Select(e => e.Id));
        Assert.NotNull(await read.FindPageAsync(Id(2), None));
        Assert.Single(await read.ListPagesAsync(null, "jane", null, 10, None));
        Assert.Single(await read.ListReceiptsAsync(Id(2), null, 10, None));
        Assert.True(await read.IsAcknowledgedAsync(Id(1), "jane", None));
    }
}
