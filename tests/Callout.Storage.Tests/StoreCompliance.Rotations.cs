using Callout.Domain.Arns;
using Callout.Domain.Rotations;
using NodaTime;
using Xunit;

namespace Callout.Storage.Tests;

public abstract partial class StoreCompliance
{
    [Fact]
    public async Task a_daily_rotation_is_read_back_with_its_hand_offs_in_order()
    {
        var rotation = NewRotation(Id(1), members: ["jane", "joe", "kim"], recurrence: new Recurrence(
            RecurrenceKind.Daily, [new HandOff(new LocalTime(18, 30)), new HandOff(new LocalTime(6, 0))], 2, 3, null));
        await InsertRotationsAsync(rotation);

        var read = await QueryAsync(s => s.FindRotationAsync(Id(1), None));

        AssertSameRotation(rotation, read);
    }

    [Fact]
    public async Task a_weekly_rotation_keeps_coverage_of_several_days_with_an_overnight_and_a_whole_day_window()
    {
        var coverage = new Dictionary<IsoDayOfWeek, IReadOnlyList<CoverageWindow>>
        {
            [IsoDayOfWeek.Monday] = [new CoverageWindow(new LocalTime(9, 0), new LocalTime(12, 0)), new CoverageWindow(new LocalTime(13, 0), new LocalTime(17, 30))],
            // Ends on the next day.
            [IsoDayOfWeek.Friday] = [new CoverageWindow(new LocalTime(22, 0), new LocalTime(6, 0))],
            // Equal values: 24 hours.
            [IsoDayOfWeek.Sunday] = [new CoverageWindow(LocalTime.Midnight, LocalTime.Midnight)],
        };
        var rotation = NewRotation(Id(1), recurrence: new Recurrence(
            RecurrenceKind.Weekly,
            [new HandOff(new LocalTime(9, 0), IsoDayOfWeek.Monday), new HandOff(new LocalTime(23, 59), IsoDayOfWeek.Sunday)],
            1, 1, coverage));
        await InsertRotationsAsync(rotation);

        var read = await QueryAsync(s => s.FindRotationAsync(Id(1), None));

        AssertSameRotation(rotation, read);
        Assert.Equal(IsoDayOfWeek.Sunday, read!.Recurrence.HandOffs[1].Day);
        Assert.Equal(new CoverageWindow(new LocalTime(22, 0), new LocalTime(6, 0)), read.Recurrence.Coverage![IsoDayOfWeek.Friday].Single());
    }

    [Fact]
    public async Task a_monthly_rotation_keeps_its_days_of_the_month()
    {
        var rotation = NewRotation(Id(1), recurrence: new Recurrence(
            RecurrenceKind.Monthly,
            [new HandOff(new LocalTime(8, 0), DayOfMonth: 1), new HandOff(new LocalTime(8, 0), DayOfMonth: 28)],
            1, 2, new Dictionary<IsoDayOfWeek, IReadOnlyList<CoverageWindow>>
            {
                [IsoDayOfWeek.Tuesday] = [new CoverageWindow(new LocalTime(0, 0), new LocalTime(23, 59))],
            }));
        await InsertRotationsAsync(rotation);

        var read = await QueryAsync(s => s.FindRotationAsync(Id(1), None));

        AssertSameRotation(rotation, read);
        Assert.Equal([1, 28], read!.Recurrence.HandOffs.Select(h => h.DayOfMonth));
        Assert.All(read.Recurrence.HandOffs, h => Assert.Equal(IsoDayOfWeek.None, h.Day));
    }

    [Fact]
    public async Task empty_coverage_reads_back_as_around_the_clock()
    {
        await InsertRotationsAsync(NewRotation(Id(1), recurrence: new Recurrence(
            RecurrenceKind.Daily, [new HandOff(new LocalTime(9, 0))], 1, 1, new Dictionary<IsoDayOfWeek, IReadOnlyList<CoverageWindow>>())));

        var read = await QueryAsync(s => s.FindRotationAsync(Id(1), None));

        // Null and empty mean the same (Recurrence).
        Assert.Empty(read!.Recurrence.Coverage ?? new Dictionary<IsoDayOfWeek, IReadOnlyList<CoverageWindow>>());
    }

    [Fact]
    public async Task times_and_instants_are_kept_exactly_even_finer_than_the_wire_sends()
    {
        var rotation = NewRotation(Id(1), recurrence: new Recurrence(
            RecurrenceKind.Daily,
            [new HandOff(new LocalTime(9, 30, 15)), new HandOff(LocalTime.FromHourMinuteSecondMillisecondTick(23, 59, 59, 999, 9999))],
            1, 1,
            new Dictionary<IsoDayOfWeek, IReadOnlyList<CoverageWindow>>
            {
                [IsoDayOfWeek.Wednesday] = [new CoverageWindow(new LocalTime(7, 0, 1), new LocalTime(0, 0, 0, 1))],
            })) with
        {
            StartTime = T0 + Duration.FromMilliseconds(123),
            CreatedAt = T0 - Duration.FromDays(400) + Duration.FromMilliseconds(7),
        };
        await InsertRotationsAsync(rotation);

        var read = await QueryAsync(s => s.FindRotationAsync(Id(1), None));

        AssertSameRotation(rotation, read);
    }

    [Fact]
    public async Task a_rotation_made_without_a_start_time_is_read_back_as_such_by_find_and_list()
    {
        // CreateRotation's default: the creation time to the second, not given by the caller.
        var created = T0 + Duration.FromMilliseconds(420);
        var rotation = NewRotation(Id(1)) with { StartTime = T0, CreatedAt = created, StartTimeGiven = false };
        var given = NewRotation(Id(2), "ops given");
        await InsertRotationsAsync(rotation, given);

        AssertSameRotation(rotation, await QueryAsync(s => s.FindRotationAsync(Id(1), None)));
        var listed = await QueryAsync(s => s.ListRotationsAsync(null, null, 10, None));
        Assert.Equal([false, true], listed.Select(r => r.StartTimeGiven));
        AssertSameRotation(given, listed[1]);
    }

    [Fact]
    public async Task a_start_time_given_on_the_creation_second_stays_given()
    {
        // Exactly what CreateRotation would have chosen itself, but sent by the caller.
        var rotation = NewRotation(Id(1)) with { StartTime = T0, CreatedAt = T0 + Duration.FromMilliseconds(420), StartTimeGiven = true };
        await InsertRotationsAsync(rotation);

        AssertSameRotation(rotation, await QueryAsync(s => s.FindRotationAsync(Id(1), None)));
    }

    [Fact]
    public async Task an_update_keeps_whether_the_start_time_was_given()
    {
        var rotation = NewRotation(Id(1)) with { StartTimeGiven = false };
        await InsertRotationsAsync(rotation);

        await CommitAsync(s => s.UpdateRotationAsync(rotation with { Name = "renamed" }, None));
        Assert.False((await QueryAsync(s => s.FindRotationAsync(Id(1), None)))!.StartTimeGiven);

        await CommitAsync(s => s.UpdateRotationAsync(rotation with { StartTime = T0 + Duration.FromDays(2), StartTimeGiven = true }, None));
        var read = await QueryAsync(s => s.FindRotationAsync(Id(1), None));
        Assert.True(read!.StartTimeGiven);
        Assert.Equal(T0 + Duration.FromDays(2), read.StartTime);
    }

    [Fact]
    public async Task a_rotation_keeps_its_time_zone_id_as_given_and_its_arn_comes_from_the_scope()
    {
        await InsertRotationsAsync(NewRotation(Id(1)) with { TimeZoneId = "America/Argentina/Buenos_Aires" });

        var read = await QueryAsync(s => s.FindRotationAsync(Id(1), None));

        Assert.Equal("America/Argentina/Buenos_Aires", read!.TimeZoneId);
        Assert.Equal($"arn:aws:ssm-contacts:us-east-1:{Scope.AccountId}:rotation/{Id(1)}", read.Arn.ToString());
        Assert.Equal(Id(1), read.Id);
    }

    [Fact]
    public async Task a_rotation_that_was_never_written_is_not_found()
    {
        await InsertRotationsAsync(NewRotation(Id(1)));

        Assert.Null(await QueryAsync(s => s.FindRotationAsync(Id(2), None)));
    }

    [Fact]
    public async Task an_uncommitted_rotation_is_not_kept()
    {
        await using (var abandoned = await WriteAsync())
        {
            await abandoned.InsertRotationAsync(NewRotation(Id(1)), None);
        }

        Assert.Null(await QueryAsync(s => s.FindRotationAsync(Id(1), None)));
        Assert.Equal(0, await QueryAsync(s => s.CountRotationsAsync(None)));
        Assert.Empty(await QueryAsync(s => s.RotationsWithMemberAsync("jane", None)));
    }

    [Fact]
    public async Task updating_a_rotation_replaces_all_of_it()
    {
        await InsertRotationsAsync(NewRotation(Id(1), "ops", ["jane", "joe"], new Recurrence(
            RecurrenceKind.Weekly, [new HandOff(new LocalTime(9, 0), IsoDayOfWeek.Monday)], 1, 1,
            new Dictionary<IsoDayOfWeek, IReadOnlyList<CoverageWindow>>
            {
                [IsoDayOfWeek.Monday] = [new CoverageWindow(new LocalTime(9, 0), new LocalTime(17, 0))],
            })));
        var replacement = new Rotation(
            new ResourceArn(Scope, ResourceKind.Rotation, Id(1)), "ops renamed", ["kim", "jane", "lee"],
            T0 + Duration.FromHours(5), "Asia/Tokyo",
            new Recurrence(RecurrenceKind.Monthly, [new HandOff(new LocalTime(10, 15), DayOfMonth: 3)], 2, 4, null),
            T0);

        await CommitAsync(s => s.UpdateRotationAsync(replacement, None));

        AssertSameRotation(replacement, await QueryAsync(s => s.FindRotationAsync(Id(1), None)));
        Assert.Equal(1, await QueryAsync(s => s.CountRotationsAsync(None)));
        Assert.Equal(["ops renamed"], (await QueryAsync(s => s.ListRotationsAsync(null, null, 10, None))).Select(r => r.Name));
    }

    [Fact]
    public async Task updating_one_rotation_leaves_the_others_alone()
    {
        var other = NewRotation(Id(2), "other");
        await InsertRotationsAsync(NewRotation(Id(1), "ops"), other);

        await CommitAsync(s => s.UpdateRotationAsync(NewRotation(Id(1), "changed", ["kim"]), None));

        AssertSameRotation(other, await QueryAsync(s => s.FindRotationAsync(Id(2), None)));
    }

    [Fact]
    public async Task deleting_a_rotation_removes_it_with_its_overrides_and_tags()
    {
        await InsertRotationsAsync(NewRotation(Id(1), "gone"), NewRotation(Id(2), "kept"));
        var gone = RotationArn(Id(1));
        var kept = RotationArn(Id(2));
        await CommitAsync(async s =>
        {
            await s.InsertOverrideAsync(Override(Id(11), Id(1), T0, T0 + Duration.FromHours(1)), None);
            await s.InsertOverrideAsync(Override(Id(12), Id(1), T0 + Duration.FromDays(1), T0 + Duration.FromDays(2)), None);
            await s.InsertOverrideAsync(Override(Id(21), Id(2), T0, T0 + Duration.FromHours(1)), None);
            await s.SetTagsAsync(gone, new Dictionary<string, string> { ["team"] = "ops" }, None);
            await s.SetTagsAsync(kept, new Dictionary<string, string> { ["team"] = "dev" }, None);
        });

        await CommitAsync(s => s.DeleteRotationAsync(Id(1), None));

        await using var read = await ReadAsync();
        Assert.Null(await read.FindRotationAsync(Id(1), None));
        Assert.Null(await read.FindOverrideAsync(Id(1), Id(11), None));
        Assert.Null(await read.FindOverrideAsync(Id(1), Id(12), None));
        Assert.Empty(await read.ListOverridesAsync(Id(1), Instant.MinValue, Instant.MaxValue, None));
        Assert.Equal(0, await read.CountActiveOverridesAsync(Id(1), T0 - Duration.FromDays(1), None));
        Assert.Empty(await read.GetTagsAsync(gone, None));
        Assert.NotNull(await read.FindRotationAsync(Id(2), None));
        Assert.NotNull(await read.FindOverrideAsync(Id(2), Id(21), None));
        Assert.Equal("dev", (await read.GetTagsAsync(kept, None))["team"]);
        Assert.Equal(1, await read.CountRotationsAsync(None));
    }

    [Fact]
    public async Task a_deleted_rotation_id_can_be_used_again_without_its_old_overrides()
    {
        await InsertRotationsAsync(NewRotation(Id(1)));
        await CommitAsync(s => s.InsertOverrideAsync(Override(Id(11), Id(1), T0, T0 + Duration.FromHours(1), ["kim"]), None));
        await CommitAsync(s => s.DeleteRotationAsync(Id(1), None));

        await InsertRotationsAsync(NewRotation(Id(1), "again", ["lee"]));

        Assert.Equal("again", (await QueryAsync(s => s.FindRotationAsync(Id(1), None)))!.Name);
        Assert.Empty(await QueryAsync(s => s.ListOverridesAsync(Id(1), Instant.MinValue, Instant.MaxValue, None)));
        Assert.Empty(await QueryAsync(s => s.RotationsWithMemberAsync("kim", None)));
    }

    [Fact]
    public async Task rotations_are_listed_by_name_then_id_in_ordinal_order()
    {
        // Ordinal: ' ' < '-' < '.' < digits < upper case < '_' < lower case.
        await InsertRotationsAsync(
            NewRotation(Id(7), "ops_team"),
            NewRotation(Id(6), "ops.team"),
            NewRotation(Id(5), "ops-team"),
            NewRotation(Id(4), "ops team"),
            NewRotation(Id(3), "ops"),
            NewRotation(Id(2), "Ops"),
            NewRotation(Id(1), "ops"),
            NewRotation(Id(8), "ops2"));

        var listed = await QueryAsync(s => s.ListRotationsAsync(null, null, 100, None));

        Assert.Equal(
            [("Ops", Id(2)), ("ops", Id(1)), ("ops", Id(3)), ("ops team", Id(4)), ("ops-team", Id(5)), ("ops.team", Id(6)), ("ops2", Id(8)), ("ops_team", Id(7))],
            listed.Select(r => (r.Name, r.Id)));
        AssertSameRotation(NewRotation(Id(2), "Ops"), listed[0]);
    }

    [Fact]
    public async Task a_name_prefix_is_a_case_sensitive_literal_prefix()
    {
        await InsertRotationsAsync(
            NewRotation(Id(1), "ops"),
            NewRotation(Id(2), "ops_team"),
            NewRotation(Id(3), "opsXteam"),
            NewRotation(Id(4), "ops.team"),
            NewRotation(Id(5), "ops team"),
            NewRotation(Id(6), "Ops_team"),
            NewRotation(Id(7), "op"),
            NewRotation(Id(8), "opt"));

        async Task<IEnumerable<string>> Names(string prefix) =>
            (await QueryAsync(s => s.ListRotationsAsync(prefix, null, 100, None))).Select(r => r.Name);

        // '_' and '.' are no wildcards.
        Assert.Equal(["ops_team"], await Names("ops_"));
        Assert.Equal(["ops.team"], await Names("ops."));
        Assert.Equal(["ops team"], await Names("ops "));
        Assert.Equal(["ops", "ops team", "ops.team", "opsXteam", "ops_team"], await Names("ops"));
        Assert.Equal(["Ops_team"], await Names("O"));
        Assert.Equal(["op", "ops", "ops team", "ops.team", "opsXteam", "ops_team", "opt"], await Names("op"));
        Assert.Empty(await Names("ops_team "));
        Assert.Empty(await Names("x"));
    }

    [Fact]
    public async Task pages_of_rotations_continue_after_the_last_name_and_id_through_duplicate_names()
    {
        await InsertRotationsAsync(
            NewRotation(Id(3), "b"),
            NewRotation(Id(1), "b"),
            NewRotation(Id(2), "b"),
            NewRotation(Id(9), "a"),
            NewRotation(Id(4), "c"));
        var seen = new List<(string, string)>();
        (string Name, string Id)? after = null;

        while (true)
        {
            var page = await QueryAsync(s => s.ListRotationsAsync(null, after, 2, None));
            Assert.True(page.Count <= 2);
            seen.AddRange(page.Select(r => (r.Name, r.Id)));
            if (page.Count < 2)
            {
                break;
            }
            after = (page[^1].Name, page[^1].Id);
        }

        Assert.Equal([("a", Id(9)), ("b", Id(1)), ("b", Id(2)), ("b", Id(3)), ("c", Id(4))], seen);
    }

    [Fact]
    public async Task paging_with_a_prefix_stays_within_the_prefix()
    {
        await InsertRotationsAsync(
            NewRotation(Id(1), "team a"),
            NewRotation(Id(2), "team a"),
            NewRotation(Id(3), "team b"),
            NewRotation(Id(4), "team_c"),
            NewRotation(Id(5), "teamwork"),
            NewRotation(Id(6), "zeta"));

        var first = await QueryAsync(s => s.ListRotationsAsync("team ", null, 2, None));
        var second = await QueryAsync(s => s.ListRotationsAsync("team ", (first[^1].Name, first[^1].Id), 2, None));

        Assert.Equal([Id(1), Id(2)], first.Select(r => r.Id));
        Assert.Equal([Id(3)], second.Select(r => r.Id));
    }

    [Fact]
    public async Task a_page_key_need_not_name_a_stored_rotation()
    {
        await InsertRotationsAsync(NewRotation(Id(1), "a"), NewRotation(Id(2), "b"), NewRotation(Id(3), "b"), NewRotation(Id(4), "c"));

        var page = await QueryAsync(s => s.ListRotationsAsync(null, ("b", Id(2) + "0"), 10, None));

        Assert.Equal([Id(3), Id(4)], page.Select(r => r.Id));
    }

    [Fact]
    public async Task rotations_are_counted_per_scope()
    {
        var other = AccountScope.For("us-east-1", NewAccountId());
        Assert.Equal(0, await QueryAsync(s => s.CountRotationsAsync(None)));
        await InsertRotationsAsync(NewRotation(Id(1)), NewRotation(Id(2)), NewRotation(Id(3)));
        await InsertRotationsAsync(other, NewRotation(Id(4), scope: other));

        Assert.Equal(3, await QueryAsync(s => s.CountRotationsAsync(None)));
        Assert.Equal(1, await QueryAsync(other, s => s.CountRotationsAsync(None)));

        await CommitAsync(s => s.DeleteRotationAsync(Id(2), None));

        Assert.Equal(2, await QueryAsync(s => s.CountRotationsAsync(None)));
    }

    [Fact]
    public async Task rotations_of_other_scopes_are_invisible_even_with_the_same_id()
    {
        var otherAccount = AccountScope.For("us-east-1", NewAccountId());
        var otherRegion = AccountScope.For("eu-west-1", Scope.AccountId);
        await InsertRotationsAsync(NewRotation(Id(1), "mine", ["jane"]));
        await InsertRotationsAsync(otherAccount, NewRotation(Id(1), "theirs", ["jane"], scope: otherAccount), NewRotation(Id(2), "theirs too", ["joe"], scope: otherAccount));
        await InsertRotationsAsync(otherRegion, NewRotation(Id(3), "elsewhere", ["jane"], scope: otherRegion));
        await CommitAsync(otherAccount, s => s.SetTagsAsync(RotationArn(Id(1), otherAccount), new Dictionary<string, string> { ["a"] = "b" }, None));

        Assert.Equal(["mine"], (await QueryAsync(s => s.ListRotationsAsync(null, null, 10, None))).Select(r => r.Name));
        Assert.Null(await QueryAsync(s => s.FindRotationAsync(Id(2), None)));
        Assert.Equal([Id(1)], await QueryAsync(s => s.RotationsWithMemberAsync("jane", None)));

        await CommitAsync(s => s.DeleteRotationAsync(Id(1), None));
        await CommitAsync(s => s.UpdateRotationAsync(NewRotation(Id(2), "hijacked"), None));

        var theirs = await QueryAsync(otherAccount, s => s.FindRotationAsync(Id(1), None));
        Assert.Equal("theirs", theirs!.Name);
        Assert.Equal(otherAccount, theirs.Arn.Scope);
        Assert.Equal("theirs too", (await QueryAsync(otherAccount, s => s.FindRotationAsync(Id(2), None)))!.Name);
        Assert.Equal("b", (await QueryAsync(otherAccount, s => s.GetTagsAsync(RotationArn(Id(1), otherAccount), None)))["a"]);
        Assert.Equal([Id(1)], await QueryAsync(otherAccount, s => s.RotationsWithMemberAsync("jane", None)));
        Assert.Equal([Id(3)], await QueryAsync(otherRegion, s => s.RotationsWithMemberAsync("jane", None)));
    }

    [Fact]
    public async Task a_reading_session_cannot_write_rotations()
    {
        await using var read = await ReadAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => read.InsertRotationAsync(NewRotation(Id(1)), None));
    }

    [Fact]
    public async Task rotations_with_a_member_are_those_listing_the_alias()
    {
        await InsertRotationsAsync(
            NewRotation(Id(1), "a", ["jane", "joe"]),
            NewRotation(Id(2), "b", ["joe"]),
            NewRotation(Id(3), "c", ["kim"]));

        Assert.Equal([Id(1), Id(2)], await MemberOfAsync("joe"));
        Assert.Equal([Id(1)], await MemberOfAsync("jane"));
        Assert.Empty(await MemberOfAsync("nobody"));
        // Aliases are matched exactly.
        Assert.Empty(await MemberOfAsync("Jane"));
        Assert.Empty(await MemberOfAsync("jan"));
    }

    [Fact]
    public async Task rotations_with_a_member_follow_updates_and_deletes()
    {
        await InsertRotationsAsync(NewRotation(Id(1), "a", ["jane", "joe"]), NewRotation(Id(2), "b", ["jane"]));

        await CommitAsync(s => s.UpdateRotationAsync(NewRotation(Id(1), "a", ["joe", "kim"]), None));

        Assert.Equal([Id(2)], await MemberOfAsync("jane"));
        Assert.Equal([Id(1)], await MemberOfAsync("kim"));

        await CommitAsync(s => s.DeleteRotationAsync(Id(2), None));

        Assert.Empty(await MemberOfAsync("jane"));
        Assert.Equal([Id(1)], await MemberOfAsync("joe"));
    }

    protected Rotation NewRotation(string id, string name = "ops", IReadOnlyList<string>? members = null,
        Recurrence? recurrence = null, AccountScope? scope = null) =>
        new(new ResourceArn(scope ?? Scope, ResourceKind.Rotation, id), name, members ?? ["jane", "joe"], T0, "Europe/Berlin",
            recurrence ?? new Recurrence(RecurrenceKind.Daily, [new HandOff(new LocalTime(9, 0))], 1, 1, null),
            T0 - Duration.FromDays(1));

    protected string RotationArn(string id, AccountScope? scope = null) =>
        new ResourceArn(scope ?? Scope, ResourceKind.Rotation, id).ToString();

    protected Task InsertRotationsAsync(params Rotation[] rotations) => InsertRotationsAsync(Scope, rotations);

    protected Task InsertRotationsAsync(AccountScope scope, params Rotation[] rotations) => CommitAsync(scope, async s =>
    {
        foreach (var rotation in rotations)
        {
            await s.InsertRotationAsync(rotation, None);
        }
    });

    /// Sorted, since the contract gives no order.
    protected async Task<IReadOnlyList<string>> MemberOfAsync(string alias, AccountScope? scope = null) =>
        [.. (await QueryAsync(scope ?? Scope, s => s.RotationsWithMemberAsync(alias, None))).Order(StringComparer.Ordinal)];

    static void AssertSameRotation(Rotation expected, Rotation? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Arn, actual.Arn);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.ContactAliases, actual.ContactAliases);
        Assert.Equal(expected.StartTime, actual.StartTime);
        Assert.Equal(expected.TimeZoneId, actual.TimeZoneId);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.StartTimeGiven, actual.StartTimeGiven);
        Assert.Equal(expected.Recurrence.Kind, actual.Recurrence.Kind);
        Assert.Equal(expected.Recurrence.HandOffs, actual.Recurrence.HandOffs);
        Assert.Equal(expected.Recurrence.NumberOfOnCalls, actual.Recurrence.NumberOfOnCalls);
        Assert.Equal(expected.Recurrence.Multiplier, actual.Recurrence.Multiplier);
        var expectedCoverage = expected.Recurrence.Coverage ?? new Dictionary<IsoDayOfWeek, IReadOnlyList<CoverageWindow>>();
        var actualCoverage = actual.Recurrence.Coverage ?? new Dictionary<IsoDayOfWeek, IReadOnlyList<CoverageWindow>>();
        Assert.Equal(expectedCoverage.Keys.Order(), actualCoverage.Keys.Order());
        foreach (var (day, windows) in expectedCoverage)
        {
            Assert.Equal(windows, actualCoverage[day]);
        }
    }
}
