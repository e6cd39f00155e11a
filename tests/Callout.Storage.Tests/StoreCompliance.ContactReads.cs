using Callout.Domain.Arns;
using Callout.Domain.Plans;
using NodaTime;
using Xunit;

namespace Callout.Storage.Tests;

/// IStore.FindContactAsync, the read GetContact makes on its own, which a store may answer from
/// rows it read before: it must still see every committed write at once.
public abstract partial class StoreCompliance
{
    [Fact]
    public async Task a_contact_read_alone_follows_every_committed_update_delete_and_create()
    {
        await InsertAsync(Personal("jane"));
        Assert.Equal("Jane Doe", (await Store.FindContactAsync(Scope, "jane", Ct))!.DisplayName);
        Assert.Equal("Jane Doe", (await Store.FindContactAsync(Scope, "jane", Ct))!.DisplayName);

        var channel = ResourceArn.Channel(Scope, "jane", Id(1)).ToString();
        var updated = Personal("jane", new Plan([new Stage(10, [new Target(new ChannelTarget(channel, 2), null)])], []), displayName: "Jane Q");
        await CommitAsync(s => s.UpdateContactAsync(updated, T0 + Duration.FromSeconds(60), None));
        AssertSameContact(updated, (await Store.FindContactAsync(Scope, "jane", Ct))!);

        await CommitAsync(s => s.DeleteContactAsync("jane", None));
        Assert.Null(await Store.FindContactAsync(Scope, "jane", Ct));

        await InsertAsync(Personal("jane", displayName: "Jane Again"));
        Assert.Equal("Jane Again", (await Store.FindContactAsync(Scope, "jane", Ct))!.DisplayName);
    }

    [Fact]
    public async Task a_contact_read_alone_does_not_see_a_rolled_back_write()
    {
        await InsertAsync(Personal("jane"));
        Assert.Equal("Jane Doe", (await Store.FindContactAsync(Scope, "jane", Ct))!.DisplayName);

        await using (var rolledBack = await WriteAsync())
        {
            await rolledBack.UpdateContactAsync(Personal("jane", displayName: "Never"), T0, None);
        }

        Assert.Equal("Jane Doe", (await Store.FindContactAsync(Scope, "jane", Ct))!.DisplayName);
    }

    [Fact]
    public async Task a_contact_read_alone_is_only_found_in_its_own_scope()
    {
        var other = AccountScope.For("eu-west-1", Scope.AccountId);
        await InsertAsync(Personal("jane"));
        Assert.NotNull(await Store.FindContactAsync(Scope, "jane", Ct));

        Assert.Null(await Store.FindContactAsync(other, "jane", Ct));
        Assert.Null(await Store.FindContactAsync(AccountScope.For(Scope.Region, "999999999999"), "jane", Ct));
        Assert.Equal(Scope, (await Store.FindContactAsync(Scope, "jane", Ct))!.Arn.Scope);
    }
}
