using Callout.Domain.Arns;
using Callout.Domain.Contacts;
using Callout.Domain.Engagements;
using NodaTime;
using Xunit;

namespace Callout.Storage.Tests;

// The engine's side works across all scopes, so these tests expect a store of their own, as both
// SQLite subclasses give every test; a backend sharing one database between tests must isolate them.
public abstract partial class StoreCompliance
{
    static readonly Duration Lease = Duration.FromSeconds(30);

    Task InsertStepsAsync(params EngagementStep[] steps) => InsertStepsAsync(Scope, steps);

    Task InsertStepsAsync(AccountScope scope, params EngagementStep[] steps) => CommitAsync(scope, s => s.InsertStepsAsync(steps, None));

    Task<IReadOnlyList<ClaimedStep>> ClaimAsync(Instant now, string owner = "node-a", int limit = 100) =>
        Store.ClaimDueStepsAsync(now, owner, now + Lease, limit, None);

    [Fact]
    public async Task a_claimed_step_comes_back_with_its_scope_and_every_member_of_its_kind()
    {
        EngagementStep[] steps =
        [
            SendStep(Id(1), Id(100), T0, pageId: Id(200), attempt: 2),
            new EnterScheduleStep(Id(2), Id(100), T0 + Duration.FromSeconds(1), "primary",
                [new ResolutionStep("team", ContactKind.Escalation, 1), new ResolutionStep("primary", ContactKind.OncallSchedule, null)],
                Essential: false),
            FinishStep(Id(3), Id(100), T0 + Duration.FromSeconds(2)),
            new SendPageStep(Id(4), Id(100), T0 + Duration.FromSeconds(3), Id(201), "joe", "arn", 0, [], Essential: false),
        ];
        await InsertStepsAsync(steps);

        var claimed = await ClaimAsync(T0 + Duration.FromMinutes(1));

        Assert.Equal(steps.Length, claimed.Count);
        foreach (var (expected, actual) in steps.Zip(claimed))
        {
            Assert.Equal(Scope, actual.Scope);
            AssertSameStep(expected, actual.Step);
        }
    }

    [Fact]
    public async Task a_claimed_step_carries_the_trace_parent_it_was_stored_with()
    {
        const string parent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        await InsertStepsAsync(
            SendStep(Id(1), Id(100), T0) with { TraceParent = parent },
            FinishStep(Id(2), Id(100), T0) with { TraceParent = parent },
            SendStep(Id(3), Id(100), T0, pageId: Id(201)));

        var claimed = (await ClaimAsync(T0)).ToDictionary(c => c.Step.Id, c => c.Step.TraceParent);

        Assert.Equal(parent, claimed[Id(1)]);
        Assert.Equal(parent, claimed[Id(2)]);
        Assert.Null(claimed[Id(3)]);
    }

    [Fact]
    public async Task a_step_is_claimed_once_it_is_due_and_not_before()
    {
        await InsertStepsAsync(SendStep(Id(1), Id(100), T0));

        Assert.Empty(await ClaimAsync(T0 - Duration.FromMilliseconds(1)));
        Assert.Equal([Id(1)], (await ClaimAsync(T0)).Select(c => c.Step.Id));
    }

    [Fact]
    public async Task a_leased_step_is_not_claimed_by_another_owner_until_its_lease_runs_out()
    {
        await InsertStepsAsync(SendStep(Id(1), Id(100), T0));

        var first = await Store.ClaimDueStepsAsync(T0, "node-a", T0 + Lease, 10, None);
        var whileLeased = await Store.ClaimDueStepsAsync(T0 + Lease - Duration.FromMilliseconds(1), "node-b", T0 + Duration.FromMinutes(5), 10, None);
        var sameOwnerWhileLeased = await Store.ClaimDueStepsAsync(T0 + Duration.FromSeconds(1), "node-a", T0 + Duration.FromMinutes(5), 10, None);
        var afterLease = await Store.ClaimDueStepsAsync(T0 + Lease, "node-b", T0 + Lease + Lease, 10, None);
        var whileReleased = await Store.ClaimDueStepsAsync(T0 + Lease + Duration.FromSeconds(1), "node-a", T0 + Duration.FromMinutes(5), 10, None);

        Assert.Single(first);
        Assert.Empty(whileLeased);
        Assert.Empty(sameOwnerWhileLeased);
        Assert.Equal([Id(1)], afterLease.Select(c => c.Step.Id));
        Assert.Empty(whileReleased);
    }

    [Fact]
    public async Task a_completed_step_is_never_claimed_again()
    {
        await InsertStepsAsync(SendStep(Id(1), Id(100), T0), SendStep(Id(2), Id(100), T0));
        Assert.Equal(2, (await ClaimAsync(T0)).Count);

        await CommitAsync(async s =>
        {
            Assert.True(await s.CompleteStepAsync(Id(1), "node-a", None));
            Assert.True(await s.CompleteStepAsync(Id(2), "node-a", None));
        });

        Assert.Empty(await ClaimAsync(T0 + Duration.FromDays(1)));
        Assert.Null(await Store.NextDueAsync(None));
    }

    [Fact]
    public async Task only_the_claim_holding_a_step_completes_it_and_only_once()
    {
        await InsertStepsAsync(SendStep(Id(1), Id(100), T0));
        Assert.False(await QueryWriteAsync(s => s.CompleteStepAsync(Id(1), "node-a", None)));

        Assert.Single(await ClaimAsync(T0, "node-a/1"));
        // node-a/1's lease runs out and node-b/7 takes the step over.
        Assert.Single(await ClaimAsync(T0 + Lease, "node-b/7"));

        Assert.False(await QueryWriteAsync(s => s.CompleteStepAsync(Id(1), "node-a/1", None)));
        Assert.False(await QueryWriteAsync(s => s.IsStepHeldAsync(Id(1), "node-a/1", None)));
        Assert.True(await QueryWriteAsync(s => s.IsStepHeldAsync(Id(1), "node-b/7", None)));
        Assert.True(await QueryWriteAsync(s => s.CompleteStepAsync(Id(1), "node-b/7", None)));
        Assert.False(await QueryWriteAsync(s => s.CompleteStepAsync(Id(1), "node-b/7", None)));
        Assert.False(await QueryWriteAsync(s => s.IsStepHeldAsync(Id(1), "node-b/7", None)));
        Assert.Empty(await ClaimAsync(T0 + Duration.FromDays(1)));
    }

    [Fact]
    public async Task a_step_the_engagement_cancelled_is_no_longer_held_by_its_claim()
    {
        await InsertStepsAsync(SendStep(Id(1), Id(100), T0));
        Assert.Single(await ClaimAsync(T0, "node-a/1"));

        await CommitAsync(s => s.CancelStepsAsync(Id(100), None));

        Assert.False(await QueryWriteAsync(s => s.IsStepHeldAsync(Id(1), "node-a/1", None)));
        Assert.False(await QueryWriteAsync(s => s.CompleteStepAsync(Id(1), "node-a/1", None)));
    }

    [Fact]
    public async Task claims_take_the_earliest_steps_first_up_to_the_limit_sorted_by_due_then_id()
    {
        await InsertStepsAsync(
            SendStep(Id(5), Id(100), T0 + Duration.FromSeconds(1)),
            SendStep(Id(4), Id(100), T0 + Duration.FromSeconds(3)),
            SendStep(Id(3), Id(100), T0),
            SendStep(Id(2), Id(100), T0 + Duration.FromSeconds(1)),
            SendStep(Id(1), Id(100), T0 + Duration.FromSeconds(2)),
            SendStep(Id(6), Id(100), T0 + Duration.FromHours(1)));
        var now = T0 + Duration.FromMinutes(1);

        var first = await ClaimAsync(now, limit: 2);
        var second = await ClaimAsync(now, "node-b", limit: 2);
        var third = await ClaimAsync(now, "node-c", limit: 2);
        var fourth = await ClaimAsync(now, "node-d", limit: 2);

        Assert.Equal([Id(3), Id(2)], first.Select(c => c.Step.Id));
        Assert.Equal([Id(5), Id(1)], second.Select(c => c.Step.Id));
        Assert.Equal([Id(4)], third.Select(c => c.Step.Id));
        Assert.Empty(fourth);
    }

    [Fact]
    public async Task a_claim_with_a_limit_of_zero_claims_nothing()
    {
        await InsertStepsAsync(SendStep(Id(1), Id(100), T0));

        Assert.Empty(await ClaimAsync(T0, limit: 0));
        Assert.Single(await ClaimAsync(T0, limit: 1));
    }

    [Fact]
    public async Task claims_span_every_scope_and_name_the_scope_of_each_step()
    {
        var otherAccount = AccountScope.For("us-east-1", NewAccountId());
        var china = AccountScope.For("cn-north-1", Scope.AccountId);
        await InsertStepsAsync(SendStep(Id(1), Id(100), T0 + Duration.FromSeconds(2)));
        await InsertStepsAsync(otherAccount, FinishStep(Id(2), Id(100), T0));
        await InsertStepsAsync(china, FinishStep(Id(3), Id(101), T0 + Duration.FromSeconds(1)));

        var claimed = await ClaimAsync(T0 + Duration.FromMinutes(1));

        Assert.Equal([Id(2), Id(3), Id(1)], claimed.Select(c => c.Step.Id));
        Assert.Equal([otherAccount, china, Scope], claimed.Select(c => c.Scope));
        Assert.Equal("aws-cn", claimed[1].Scope.Partition);
    }

    [Fact]
    public async Task concurrent_claimers_never_lease_the_same_step()
    {
        await InsertStepsAsync([.. Enumerable.Range(0, 60).Select(i => SendStep(Id(i), Id(100), T0 + Duration.FromMilliseconds(i % 7)))]);

        var claims = await Task.WhenAll(Enumerable.Range(0, 12).Select(n =>
            Task.Run(() => ClaimAsync(T0 + Duration.FromSeconds(1), $"node-{n}", limit: 7))));

        var ids = claims.SelectMany(c => c).Select(c => c.Step.Id).ToList();
        Assert.Equal(60, ids.Count);
        Assert.Equal(60, ids.Distinct().Count());
    }

    [Fact]
    public async Task fifty_steps_inserted_in_one_call_are_all_stored()
    {
        var steps = Enumerable.Range(0, 50).Select(i => SendStep(Id(i), Id(100), T0 + Duration.FromSeconds(i), pageId: Id(200 + i), attempt: i % 4)).ToArray();
        await CommitAsync(s => s.InsertStepsAsync(steps, None));

        var claimed = await ClaimAsync(T0 + Duration.FromMinutes(5));

        Assert.Equal(50, claimed.Count);
        foreach (var (expected, actual) in steps.Zip(claimed))
        {
            AssertSameStep(expected, actual.Step);
        }
    }

    [Fact]
    public async Task inserting_no_steps_changes_nothing()
    {
        await CommitAsync(s => s.InsertStepsAsync([], None));

        Assert.Null(await Store.NextDueAsync(None));
    }

    [Fact]
    public async Task cancelling_the_steps_of_an_engagement_leaves_other_engagements_and_scopes_alone()
    {
        var otherRegion = AccountScope.For("eu-west-1", Scope.AccountId);
        await InsertStepsAsync(
            SendStep(Id(1), Id(100), T0),
            SendStep(Id(2), Id(100), T0 + Duration.FromMinutes(1)),
            FinishStep(Id(3), Id(100), T0 + Duration.FromMinutes(2)),
            SendStep(Id(4), Id(101), T0));
        await InsertStepsAsync(otherRegion, SendStep(Id(5), Id(100), T0));
        // One of them is leased at the time: cancelling covers it too.
        Assert.Equal(3, (await ClaimAsync(T0)).Count);

        await CommitAsync(s => s.CancelStepsAsync(Id(100), None));

        var claimed = await ClaimAsync(T0 + Duration.FromHours(1));
        Assert.Equal([Id(4), Id(5)], claimed.Select(c => c.Step.Id));
    }

    [Fact]
    public async Task the_finish_step_moves_to_a_later_end_and_never_to_an_earlier_one()
    {
        await InsertStepsAsync(
            SendStep(Id(1), Id(100), T0 + Duration.FromMinutes(1)),
            FinishStep(Id(2), Id(100), T0 + Duration.FromMinutes(10)),
            FinishStep(Id(3), Id(101), T0 + Duration.FromMinutes(10)));

        await CommitAsync(s => s.ExtendFinishAsync(Id(100), T0 + Duration.FromMinutes(5), None));
        Assert.Equal([Id(1), Id(2), Id(3)], (await Store.ClaimDueStepsAsync(T0 + Duration.FromMinutes(10), "peek", T0, 10, None)).Select(c => c.Step.Id));

        await CommitAsync(s => s.ExtendFinishAsync(Id(100), T0 + Duration.FromMinutes(30), None));

        // The earlier claim leased nothing past T0, so everything not done is claimable again.
        var atTen = await ClaimAsync(T0 + Duration.FromMinutes(10));
        Assert.Equal([Id(1), Id(3)], atTen.Select(c => c.Step.Id));
        await CommitAsync(async s =>
        {
            await s.CompleteStepAsync(Id(1), "node-a", None);
            await s.CompleteStepAsync(Id(3), "node-a", None);
        });
        var atThirty = await ClaimAsync(T0 + Duration.FromMinutes(30), "node-b");
        Assert.Equal(T0 + Duration.FromMinutes(30), Assert.Single(atThirty).Step.Due);
        Assert.IsType<FinishStep>(atThirty[0].Step);
    }

    [Fact]
    public async Task pending_steps_of_an_engagement_up_to_a_time_are_seen_apart_from_the_one_asking()
    {
        await InsertStepsAsync(
            SendStep(Id(1), Id(100), T0 + Duration.FromMinutes(3)),
            FinishStep(Id(2), Id(100), T0 + Duration.FromMinutes(3)),
            SendStep(Id(3), Id(101), T0));

        Assert.True(await QueryAsync(s => s.HasPendingStepsAsync(Id(100), T0 + Duration.FromMinutes(3), Id(2), None)));
        Assert.False(await QueryAsync(s => s.HasPendingStepsAsync(Id(100), T0 + Duration.FromMinutes(2), Id(2), None)));

        await ClaimAsync(T0 + Duration.FromMinutes(3));
        await CommitAsync(s => s.CompleteStepAsync(Id(1), "node-a", None));
        Assert.False(await QueryAsync(s => s.HasPendingStepsAsync(Id(100), T0 + Duration.FromMinutes(3), Id(2), None)));
        Assert.True(await QueryAsync(s => s.HasPendingStepsAsync(Id(100), T0 + Duration.FromMinutes(3), Id(1), None)));
    }

    [Fact]
    public async Task extending_the_finish_of_an_engagement_leaves_its_send_steps_and_a_done_finish_alone()
    {
        await InsertStepsAsync(
            SendStep(Id(1), Id(100), T0),
            FinishStep(Id(2), Id(100), T0));
        // Leased to no later than T0, so Id(1) stays claimable at once.
        await Store.ClaimDueStepsAsync(T0, "peek", T0, 10, None);
        await CommitAsync(s => s.CompleteStepAsync(Id(2), "peek", None));

        await CommitAsync(s => s.ExtendFinishAsync(Id(100), T0 + Duration.FromMinutes(30), None));

        Assert.Equal(T0, await Store.NextDueAsync(None));
        Assert.Equal([Id(1)], (await ClaimAsync(T0 + Duration.FromHours(1))).Select(c => c.Step.Id));
    }

    [Fact]
    public async Task the_next_due_time_is_when_the_earliest_pending_step_can_be_claimed()
    {
        Assert.Null(await Store.NextDueAsync(None));
        var otherAccount = AccountScope.For("us-east-1", NewAccountId());
        await InsertStepsAsync(SendStep(Id(1), Id(100), T0 + Duration.FromMinutes(2)), SendStep(Id(2), Id(100), T0 + Duration.FromMinutes(5)));
        await InsertStepsAsync(otherAccount, SendStep(Id(3), Id(100), T0 + Duration.FromMinutes(1)));
        Assert.Equal(T0 + Duration.FromMinutes(1), await Store.NextDueAsync(None));

        // Held until T0+1:30 by a node that may have died: waited for, not due at T0+1.
        await Store.ClaimDueStepsAsync(T0 + Duration.FromMinutes(1), "node-a", T0 + Duration.FromSeconds(90), 10, None);
        Assert.Equal(T0 + Duration.FromSeconds(90), await Store.NextDueAsync(None));

        await CommitAsync(otherAccount, s => s.CompleteStepAsync(Id(3), "node-a", None));
        Assert.Equal(T0 + Duration.FromMinutes(2), await Store.NextDueAsync(None));
    }

    [Fact]
    public async Task steps_of_another_scope_are_neither_completed_cancelled_nor_extended()
    {
        var otherAccount = AccountScope.For("us-east-1", NewAccountId());
        await InsertStepsAsync(SendStep(Id(1), Id(100), T0), FinishStep(Id(2), Id(100), T0 + Duration.FromMinutes(1)));
        await Store.ClaimDueStepsAsync(T0, "peek", T0, 10, None);

        await CommitAsync(otherAccount, async s =>
        {
            Assert.False(await s.CompleteStepAsync(Id(1), "peek", None));
            await s.CancelStepsAsync(Id(100), None);
            await s.ExtendFinishAsync(Id(100), T0 + Duration.FromHours(1), None);
        });

        var claimed = await ClaimAsync(T0 + Duration.FromMinutes(1));
        Assert.Equal([Id(1), Id(2)], claimed.Select(c => c.Step.Id));
        Assert.Equal(T0 + Duration.FromMinutes(1), claimed[1].Step.Due);
    }

    [Fact]
    public async Task steps_of_a_session_disposed_without_commit_are_never_claimed()
    {
        await using (var session = await WriteAsync())
        {
            await session.InsertStepsAsync([SendStep(Id(1), Id(100), T0)], None);
        }

        Assert.Empty(await ClaimAsync(T0));
    }
}
