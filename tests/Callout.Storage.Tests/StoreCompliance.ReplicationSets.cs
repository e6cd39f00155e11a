using Callout.Domain.Arns;
using Callout.Domain.Incidents;
using NodaTime;
using Xunit;

namespace Callout.Storage.Tests;

public abstract partial class StoreCompliance
{
    static ReplicationSet NewReplicationSet(string id, params ReplicationRegion[] regions) =>
        new(id, regions, DeletionProtected: false, "arn:aws:iam::111122223333:root", T0, "arn:aws:iam::111122223333:root", T0);

    [Fact]
    public async Task a_replication_set_is_read_back_with_its_regions_and_keys()
    {
        var set = NewReplicationSet(Id(1),
            new ReplicationRegion("us-east-1", "arn:aws:kms:us-east-1:111122223333:key/k", T0),
            new ReplicationRegion("eu-west-1", null, T0 + Duration.FromSeconds(1)));

        Assert.True(await QueryWriteAsync(s => s.InsertReplicationSetAsync(set, None)));

        var read = await QueryAsync(s => s.FindReplicationSetAsync(None));
        Assert.NotNull(read);
        Assert.Equal(set with { Regions = [] }, read with { Regions = [] });
        Assert.Equal(set.Regions, read.Regions);
    }

    [Fact]
    public async Task a_replication_set_without_regions_is_read_back_with_none()
    {
        var set = NewReplicationSet(Id(1));

        Assert.True(await QueryWriteAsync(s => s.InsertReplicationSetAsync(set, None)));

        var read = await QueryAsync(s => s.FindReplicationSetAsync(None));
        Assert.NotNull(read);
        Assert.Equal(set.Id, read.Id);
        Assert.Empty(read.Regions);
    }

    [Fact]
    public async Task an_account_has_one_replication_set_whatever_the_region()
    {
        Assert.True(await QueryWriteAsync(s => s.InsertReplicationSetAsync(NewReplicationSet(Id(1), new ReplicationRegion("us-east-1", null, T0)), None)));
        var elsewhere = AccountScope.For("eu-west-1", Scope.AccountId);

        await using (var session = await WriteAsync(elsewhere))
        {
            Assert.False(await session.InsertReplicationSetAsync(NewReplicationSet(Id(2), new ReplicationRegion("eu-west-1", null, T0)), None));
            await session.CommitAsync(None);
        }

        var seen = await QueryAsync(elsewhere, s => s.FindReplicationSetAsync(None));
        Assert.Equal(Id(1), seen?.Id);
        Assert.Equal(["us-east-1"], seen!.Regions.Select(r => r.Name));
    }

    [Fact]
    public async Task replication_sets_of_other_accounts_are_invisible()
    {
        await QueryWriteAsync(s => s.InsertReplicationSetAsync(NewReplicationSet(Id(1), new ReplicationRegion("us-east-1", null, T0)), None));

        Assert.Null(await QueryAsync(AccountScope.For("us-east-1", NewAccountId()), s => s.FindReplicationSetAsync(None)));
    }

    [Fact]
    public async Task updating_a_replication_set_replaces_its_regions_and_protection()
    {
        var set = NewReplicationSet(Id(1), new ReplicationRegion("us-east-1", null, T0));
        await QueryWriteAsync(s => s.InsertReplicationSetAsync(set, None));
        var later = T0 + Duration.FromMinutes(5);
        var changed = set with
        {
            Regions = [new ReplicationRegion("us-east-1", null, T0), new ReplicationRegion("ap-south-1", "key", later)],
            DeletionProtected = true,
            LastModifiedBy = "arn:aws:iam::111122223333:user/ops",
            LastModifiedAt = later,
        };

        await CommitAsync(s => s.UpdateReplicationSetAsync(changed, None));

        var read = await QueryAsync(s => s.FindReplicationSetAsync(None));
        Assert.Equal(changed with { Regions = [] }, read! with { Regions = [] });
        Assert.Equal(changed.Regions, read.Regions);
    }

    [Fact]
    public async Task a_deleted_replication_set_is_gone_and_another_may_be_created()
    {
        await QueryWriteAsync(s => s.InsertReplicationSetAsync(NewReplicationSet(Id(1), new ReplicationRegion("us-east-1", null, T0)), None));

        await CommitAsync(s => s.DeleteReplicationSetAsync(Id(1), None));

        Assert.Null(await QueryAsync(s => s.FindReplicationSetAsync(None)));
        Assert.True(await QueryWriteAsync(s => s.InsertReplicationSetAsync(NewReplicationSet(Id(2), new ReplicationRegion("eu-west-1", null, T0)), None)));
        Assert.Equal(["eu-west-1"], (await QueryAsync(s => s.FindReplicationSetAsync(None)))!.Regions.Select(r => r.Name));
    }
}
