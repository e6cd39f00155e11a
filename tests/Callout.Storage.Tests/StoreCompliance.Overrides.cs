using Callout.Domain.Arns;
using Callout.Domain.Rotations;
using NodaTime;
using Xunit;

namespace Callout.Storage.Tests;

public abstract partial class StoreCompliance
{
    static readonly Duration Hour = Duration.FromHours(1);

    static readonly Duration Milli = Duration.FromMilliseconds(1);

    [Fact]
    public async Task an_override_is_read_back_with_its_members_in_order()
    {
        await InsertRotationsAsync(NewRotation(Id(1)));
        var created = new RotationOverride(Id(11), Id(1), ["kim", "jane", "lee"], T0 + Milli, T0 + Hour + Duration.FromMilliseconds(5), T0 - Milli);
        await CommitAsync(s => s.InsertOverrideAsync(created, None));

        var read = await QueryAsync(s => s.FindOverrideAsync(Id(1), Id(11), None));

        AssertSameOverride(created, read);
    }

    [Fact]
    public async Task an_override_of_nobody_is_read_back_with_no_members()
    {
        await InsertRotationsAsync(NewRotation(Id(1)));
        await CommitAsync(s => s.InsertOverrideAsync(Override(Id(11), Id(1), T0, T0 + Hour, []), None));

        var read = await QueryAsync(s => s.FindOverrideAsync(Id(1), Id(11), None));

        Assert.Empty(read!.Members);
        Assert.Empty(await MemberOfAsync("kim"));
    }

    [Fact]
    public async Task an_override_is_found_only_under_its_own_rotation()
    {
        await InsertRotationsAsync(NewRotation(Id(1)), NewRotation(Id(2)));
        await CommitAsync(s => s.InsertOverrideAsync(Override(Id(11), Id(1), T0, T0 + Hour), None));

        Assert.NotNull(await QueryAsync(s => s.FindOverrideAsync(Id(1), Id(11), None)));
        Assert.Null(await QueryAsync(s => s.FindOverrideAsync(Id(2), Id(11), None)));
        Assert.Null(await QueryAsync(s => s.FindOverrideAsync(Id(1), Id(12), None)));
        Assert.Empty(await QueryAsync(s => s.ListOverridesAsync(Id(2), Instant.MinValue, Instant.MaxValue, None)));
        Assert.Equal(0, await QueryAsync(s => s.CountActiveOverridesAsync(Id(2), T0, None)));
    }

    [Fact]
    public async Task deleting_an_override_removes_that_one_only()
    {
        await InsertRotationsAsync(NewRotation(Id(1)));
        await CommitAsync(async s =>
        {
            await s.InsertOverrideAsync(Override(Id(11), Id(1), T0, T0 + Hour), None);
            await s.InsertOverrideAsync(Override(Id(12), Id(1), T0, T0 + Hour), None);
        });

        await CommitAsync(s => s.DeleteOverrideAsync(Id(1), Id(11), None));

        Assert.Null(await QueryAsync(s => s.FindOverrideAsync(Id(1), Id(11), None)));
        Assert.Equal([Id(12)], (await QueryAsync(s => s.ListOverridesAsync(Id(1), Instant.MinValue, Instant.MaxValue, None))).Select(o => o.Id));
        Assert.NotNull(await QueryAsync(s => s.FindRotationAsync(Id(1), None)));
    }

    [Fact]
    public async Task the_latest_override_creation_is_the_newest_of_that_rotation_only()
    {
        await InsertRotationsAsync(NewRotation(Id(1)), NewRotation(Id(2)));
        Assert.Null(await QueryAsync(s => s.LatestOverrideCreationAsync(Id(1), None)));
        await CommitAsync(async s =>
        {
            await s.InsertOverrideAsync(Override(Id(11), Id(1), T0, T0 + Hour) with { CreatedAt = T0 + Hour }, None);
            await s.InsertOverrideAsync(Override(Id(12), Id(1), T0, T0 + Hour) with { CreatedAt = T0 }, None);
            await s.InsertOverrideAsync(Override(Id(13), Id(2), T0, T0 + Hour) with { CreatedAt = T0 + Hour + Hour }, None);
        });

        Assert.Equal(T0 + Hour, await QueryAsync(s => s.LatestOverrideCreationAsync(Id(1), None)));
        Assert.Null(await QueryAsync(s => s.LatestOverrideCreationAsync(Id(3), None)));
    }

    [Fact]
    public async Task deleting_an_override_under_another_rotation_id_does_nothing()
    {
        await InsertRotationsAsync(NewRotation(Id(1)), NewRotation(Id(2)));
        await CommitAsync(s => s.InsertOverrideAsync(Override(Id(11), Id(1), T0, T0 + Hour), None));

        await CommitAsync(s => s.DeleteOverrideAsync(Id(2), Id(11), None));

        Assert.NotNull(await QueryAsync(s => s.FindOverrideAsync(Id(1), Id(11), None)));
    }

    [Fact]
    public async Task overrides_are_listed_when_their_half_open_span_overlaps_the_window()
    {
        // [T0 + 10h, T0 + 11h)
        var start = T0 + Duration.FromHours(10);
        var end = start + Hour;
        await InsertRotationsAsync(NewRotation(Id(1)));
        await CommitAsync(s => s.InsertOverrideAsync(Override(Id(11), Id(1), start, end), None));

        async Task<bool> Listed(Instant from, Instant to) =>
            (await QueryAsync(s => s.ListOverridesAsync(Id(1), from, to, None))).Any(o => o.Id == Id(11));

        Assert.False(await Listed(end, end + Hour));
        Assert.False(await Listed(start - Hour, start));
        Assert.True(await Listed(end - Milli, end + Hour));
        Assert.True(await Listed(start - Hour, start + Milli));
        Assert.True(await Listed(start, end));
        Assert.True(await Listed(start + Duration.FromMinutes(15), start + Duration.FromMinutes(30)));
        Assert.True(await Listed(start - Hour, end + Hour));
        Assert.False(await Listed(end + Hour, end + Duration.FromHours(2)));
        Assert.False(await Listed(start - Duration.FromHours(2), start - Hour));
    }

    [Fact]
    public async Task overrides_are_listed_by_start_then_creation_then_id()
    {
        await InsertRotationsAsync(NewRotation(Id(1)));
        await CommitAsync(async s =>
        {
            await s.InsertOverrideAsync(Override(Id(5), Id(1), T0 + Hour, T0 + 2 * Hour, createdAt: T0), None);
            await s.InsertOverrideAsync(Override(Id(4), Id(1), T0, T0 + 3 * Hour, createdAt: T0 + Milli), None);
            await s.InsertOverrideAsync(Override(Id(3), Id(1), T0, T0 + Hour, createdAt: T0 + Milli), None);
            await s.InsertOverrideAsync(Override(Id(2), Id(1), T0, T0 + 2 * Hour, createdAt: T0 - Hour), None);
            await s.InsertOverrideAsync(Override(Id(1), Id(1), T0 - Hour, T0 + Hour, createdAt: T0 + Hour), None);
        });

        var listed = await QueryAsync(s => s.ListOverridesAsync(Id(1), T0 - Hour, T0 + Duration.FromDays(1), None));

        Assert.Equal([Id(1), Id(2), Id(3), Id(4), Id(5)], listed.Select(o => o.Id));
    }

    [Fact]
    public async Task overrides_of_other_rotations_are_not_listed()
    {
        await InsertRotationsAsync(NewRotation(Id(1)), NewRotation(Id(2)));
        await CommitAsync(async s =>
        {
            await s.InsertOverrideAsync(Override(Id(11), Id(1), T0, T0 + Hour), None);
            await s.InsertOverrideAsync(Override(Id(21), Id(2), T0, T0 + Hour), None);
        });

        var listed = await QueryAsync(s => s.ListOverridesAsync(Id(2), T0, T0 + Hour, None));

        Assert.Equal([Id(21)], listed.Select(o => o.Id));
        Assert.Equal(Id(2), listed[0].RotationId);
    }

    [Fact]
    public async Task active_overrides_are_those_not_ended_by_now()
    {
        await InsertRotationsAsync(NewRotation(Id(1)), NewRotation(Id(2)));
        await CommitAsync(async s =>
        {
            await s.InsertOverrideAsync(Override(Id(11), Id(1), T0 - 2 * Hour, T0 - Hour), None);
            await s.InsertOverrideAsync(Override(Id(12), Id(1), T0 - Hour, T0), None);
            await s.InsertOverrideAsync(Override(Id(13), Id(1), T0 - Hour, T0 + Milli), None);
            await s.InsertOverrideAsync(Override(Id(14), Id(1), T0 + Hour, T0 + 2 * Hour), None);
            await s.InsertOverrideAsync(Override(Id(21), Id(2), T0, T0 + Hour), None);
        });

        Assert.Equal(2, await QueryAsync(s => s.CountActiveOverridesAsync(Id(1), T0, None)));
        Assert.Equal(4, await QueryAsync(s => s.CountActiveOverridesAsync(Id(1), T0 - 2 * Hour, None)));
        Assert.Equal(1, await QueryAsync(s => s.CountActiveOverridesAsync(Id(1), T0 + Hour, None)));
        Assert.Equal(0, await QueryAsync(s => s.CountActiveOverridesAsync(Id(1), T0 + 2 * Hour, None)));
        Assert.Equal(1, await QueryAsync(s => s.CountActiveOverridesAsync(Id(2), T0, None)));
    }

    [Fact]
    public async Task rotations_with_a_member_include_those_naming_the_alias_in_an_override()
    {
        await InsertRotationsAsync(
            NewRotation(Id(1), "a", ["jane"]),
            NewRotation(Id(2), "b", ["joe"]),
            NewRotation(Id(3), "c", ["joe"]));
        await CommitAsync(async s =>
        {
            // Both a member and in an override of Id(1): listed once.
            await s.InsertOverrideAsync(Override(Id(11), Id(1), T0, T0 + Hour, ["jane", "kim"]), None);
            await s.InsertOverrideAsync(Override(Id(21), Id(2), T0, T0 + Hour, ["jane"]), None);
            await s.InsertOverrideAsync(Override(Id(22), Id(2), T0 + Hour, T0 + 2 * Hour, ["jane", "jane"]), None);
        });

        Assert.Equal([Id(1), Id(2)], await MemberOfAsync("jane"));
        Assert.Equal([Id(1)], await MemberOfAsync("kim"));
        Assert.Equal([Id(2), Id(3)], await MemberOfAsync("joe"));
    }

    [Fact]
    public async Task an_override_member_is_no_longer_found_once_the_override_or_rotation_is_deleted()
    {
        await InsertRotationsAsync(NewRotation(Id(1), "a", ["jane"]), NewRotation(Id(2), "b", ["joe"]));
        await CommitAsync(async s =>
        {
            await s.InsertOverrideAsync(Override(Id(11), Id(1), T0, T0 + Hour, ["kim"]), None);
            await s.InsertOverrideAsync(Override(Id(21), Id(2), T0, T0 + Hour, ["kim", "jane"]), None);
            await s.InsertOverrideAsync(Override(Id(22), Id(2), T0 + Hour, T0 + 2 * Hour, ["kim"]), None);
        });

        await CommitAsync(s => s.DeleteOverrideAsync(Id(2), Id(21), None));

        // Still in the other override of Id(2).
        Assert.Equal([Id(1), Id(2)], await MemberOfAsync("kim"));
        Assert.Equal([Id(1)], await MemberOfAsync("jane"));

        await CommitAsync(s => s.DeleteOverrideAsync(Id(2), Id(22), None));
        await CommitAsync(s => s.DeleteRotationAsync(Id(1), None));

        Assert.Empty(await MemberOfAsync("kim"));
        Assert.Empty(await MemberOfAsync("jane"));
        Assert.Equal([Id(2)], await MemberOfAsync("joe"));
    }

    [Fact]
    public async Task an_override_member_stays_found_when_the_rotation_drops_the_alias()
    {
        await InsertRotationsAsync(NewRotation(Id(1), "a", ["jane", "joe"]));
        await CommitAsync(s => s.InsertOverrideAsync(Override(Id(11), Id(1), T0, T0 + Hour, ["jane"]), None));

        await CommitAsync(s => s.UpdateRotationAsync(NewRotation(Id(1), "a", ["joe"]), None));

        Assert.Equal([Id(1)], await MemberOfAsync("jane"));
        Assert.NotNull(await QueryAsync(s => s.FindOverrideAsync(Id(1), Id(11), None)));
    }

    [Fact]
    public async Task overrides_of_other_scopes_are_invisible_even_under_the_same_ids()
    {
        var other = AccountScope.For("us-east-1", NewAccountId());
        await InsertRotationsAsync(NewRotation(Id(1), members: ["jane"]));
        await InsertRotationsAsync(other, NewRotation(Id(1), members: ["jane"], scope: other));
        await CommitAsync(s => s.InsertOverrideAsync(Override(Id(11), Id(1), T0, T0 + Hour, ["kim"]), None));
        await CommitAsync(other, async s =>
        {
            await s.InsertOverrideAsync(Override(Id(11), Id(1), T0 + Hour, T0 + 2 * Hour, ["lee"]), None);
            await s.InsertOverrideAsync(Override(Id(12), Id(1), T0, T0 + Hour, ["lee"]), None);
        });

        Assert.Equal(T0, (await QueryAsync(s => s.FindOverrideAsync(Id(1), Id(11), None)))!.Start);
        Assert.Null(await QueryAsync(s => s.FindOverrideAsync(Id(1), Id(12), None)));
        Assert.Equal([Id(11)], (await QueryAsync(s => s.ListOverridesAsync(Id(1), Instant.MinValue, Instant.MaxValue, None))).Select(o => o.Id));
        Assert.Equal(1, await QueryAsync(s => s.CountActiveOverridesAsync(Id(1), T0, None)));
        Assert.Empty(await MemberOfAsync("lee"));

        await CommitAsync(s => s.DeleteOverrideAsync(Id(1), Id(11), None));
        await CommitAsync(s => s.DeleteRotationAsync(Id(1), None));

        Assert.Equal(T0 + Hour, (await QueryAsync(other, s => s.FindOverrideAsync(Id(1), Id(11), None)))!.Start);
        Assert.Equal(2, await QueryAsync(other, s => s.CountActiveOverridesAsync(Id(1), T0, None)));
        Assert.Equal([Id(1)], await MemberOfAsync("lee", other));
        Assert.Equal([Id(1)], await MemberOfAsync("jane", other));
    }

    protected static RotationOverride Override(string id, string rotationId, Instant start, Instant end,
        IReadOnlyList<string>? members = null, Instant? createdAt = null) =>
        new(id, rotationId, members ?? ["kim"], start, end, createdAt ?? T0);

    static void AssertSameOverride(RotationOverride expected, RotationOverride? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.RotationId, actual.RotationId);
        Assert.Equal(expected.Members, actual.Members);
        Assert.Equal(expected.Start, actual.Start);
        Assert.Equal(expected.End, actual.End);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
    }
}
