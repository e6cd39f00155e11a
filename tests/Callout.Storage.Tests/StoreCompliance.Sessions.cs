using Callout.Domain.Arns;
using Callout.Domain.Idempotency;
using Xunit;

namespace Callout.Storage.Tests;

public abstract partial class StoreCompliance
{
    [Fact]
    public async Task a_session_disposed_without_commit_leaves_nothing_behind()
    {
        await using (var session = await WriteAsync())
        {
            await session.InsertContactAsync(Personal("jane"), T0, None);
            await session.InsertChannelAsync(Channel("jane", Id(1), T0), None);
            await session.SetTagsAsync(ResourceArn.Contact(Scope, "jane").ToString(), new Dictionary<string, string> { ["a"] = "1" }, None);
            await session.PutIdempotencyAsync(new IdempotencyRecord("CreateContact", "t", "h", [1], T0), None);
        }

        await using var read = await ReadAsync();
        Assert.Null(await read.FindContactAsync("jane", None));
        Assert.Null(await read.FindChannelAsync(Id(1), None));
        Assert.Empty(await read.GetTagsAsync(ResourceArn.Contact(Scope, "jane").ToString(), None));
        Assert.Null(await read.FindIdempotencyAsync("CreateContact", "t", T0, None));
    }

    [Fact]
    public async Task a_writer_after_a_rolled_back_one_commits_normally()
    {
        await using (var abandoned = await WriteAsync())
        {
            await abandoned.InsertContactAsync(Personal("ghost"), T0, None);
        }

        await InsertAsync(Personal("jane"));

        var listed = await QueryAsync(s => s.ListContactsAsync(null, null, null, 10, None));
        Assert.Equal(["jane"], listed.Select(c => c.Alias));
    }

    [Fact]
    public async Task a_failed_statement_rolls_back_with_its_whole_session()
    {
        await InsertAsync(Personal("jane"));

        await using (var session = await WriteAsync())
        {
            await session.InsertContactAsync(Personal("joe"), T0, None);
            // The alias is taken: the store refuses (at the write, or at the latest at the commit),
            // and the caller abandons the session.
            await Assert.ThrowsAnyAsync<Exception>(async () =>
            {
                await session.InsertContactAsync(Personal("jane"), T0, None);
                await session.CommitAsync(None);
            });
        }

        Assert.Null(await QueryAsync(s => s.FindContactAsync("joe", None)));
        Assert.Equal(1, await QueryAsync(s => s.CountContactsAsync(None)));
    }

    [Fact]
    public async Task a_read_session_cannot_write()
    {
        await using var session = await ReadAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => session.InsertContactAsync(Personal("jane"), T0, None));
    }

    [Fact]
    public async Task a_read_session_cannot_lock_an_engagement()
    {
        await using var session = await ReadAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => session.LockEngagementAsync(Id(1), None));
    }

    [Fact]
    public async Task an_engagement_session_writes_in_its_scope_and_commits_or_rolls_back_as_a_whole()
    {
        await using (var session = await Store.OpenEngagementAsync(Scope, Id(1), Ct))
        {
            await session.LockEngagementAsync(Id(1), None);
            await session.InsertContactAsync(Personal("jane"), T0, None);
            await session.CommitAsync(None);
        }
        await using (var abandoned = await Store.OpenEngagementAsync(Scope, Id(1), Ct))
        {
            await abandoned.InsertContactAsync(Personal("ghost"), T0, None);
        }

        Assert.NotNull(await QueryAsync(s => s.FindContactAsync("jane", None)));
        Assert.Null(await QueryAsync(s => s.FindContactAsync("ghost", None)));
    }

    [Fact]
    public async Task scopes_never_see_each_others_data()
    {
        var otherAccount = AccountScope.For("us-east-1", NewAccountId());
        var otherRegion = AccountScope.For("eu-west-1", Scope.AccountId);
        AccountScope[] scopes = [Scope, otherAccount, otherRegion];
        foreach (var scope in scopes)
        {
            // The same alias, channel id, ARN key and token in every scope, each with its own values.
            await CommitAsync(scope, async s =>
            {
                await s.InsertContactAsync(Personal("jane", displayName: scope.Region + scope.AccountId, scope: scope), T0, None);
                await s.InsertChannelAsync(Channel("jane", Id(1), T0, scope: scope) with { Name = scope.Region + scope.AccountId }, None);
                await s.SetTagsAsync("shared-key", new Dictionary<string, string> { ["owner"] = scope.Region + scope.AccountId }, None);
                await s.PutPolicyAsync("jane", scope.Region + scope.AccountId, T0, None);
                await s.PutIdempotencyAsync(new IdempotencyRecord("CreateContact", "t", scope.Region + scope.AccountId, [1], T0), None);
            });
        }
        await CommitAsync(otherAccount, s => s.InsertContactAsync(Personal("only-here", scope: otherAccount), T0, None));

        foreach (var scope in scopes)
        {
            var owner = scope.Region + scope.AccountId;
            await using var read = await ReadAsync(scope);
            var contact = await read.FindContactAsync("jane", None);
            Assert.Equal(owner, contact!.DisplayName);
            Assert.Equal(ResourceArn.Contact(scope, "jane"), contact.Arn);
            var channel = await read.FindChannelAsync(Id(1), None);
            Assert.Equal(owner, channel!.Name);
            Assert.Equal(ResourceArn.Channel(scope, "jane", Id(1)), channel.Arn);
            Assert.Single(await read.ListChannelsAsync("jane", null, 10, None));
            Assert.Equal(owner, (await read.GetTagsAsync("shared-key", None))["owner"]);
            Assert.Equal(owner, await read.GetPolicyAsync("jane", None));
            Assert.Equal(owner, (await read.FindIdempotencyAsync("CreateContact", "t", T0, None))!.RequestHash);
            var expected = scope == otherAccount ? 2 : 1;
            Assert.Equal(expected, await read.CountContactsAsync(None));
            Assert.Equal(expected, (await read.ListContactsAsync(null, null, null, 10, None)).Count);
        }

        await CommitAsync(otherRegion, s => s.DeleteContactAsync("jane", None));

        Assert.NotNull(await QueryAsync(Scope, s => s.FindContactAsync("jane", None)));
        Assert.NotNull(await QueryAsync(otherAccount, s => s.FindChannelAsync(Id(1), None)));
        Assert.Null(await QueryAsync(otherRegion, s => s.FindContactAsync("jane", None)));
    }

    [Fact]
    public async Task migrating_again_changes_nothing()
    {
        await InsertAsync(Personal("jane"));

        await Store.MigrateAsync(None);
        await Store.MigrateAsync(None);

        Assert.NotNull(await QueryAsync(s => s.FindContactAsync("jane", None)));
    }

    [Fact]
    public async Task concurrent_writers_all_land()
    {
        var writers = Enumerable.Range(0, 20).Select(i => Task.Run(() => InsertAsync(Personal($"c{i:D2}"))));

        await Task.WhenAll(writers);

        var listed = await QueryAsync(s => s.ListContactsAsync(null, null, null, 100, None));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"c{i:D2}"), listed.Select(c => c.Alias));
    }

    [Fact]
    public async Task concurrent_readers_and_writers_all_finish_and_readers_see_only_whole_sessions()
    {
        // Each writer commits a contact together with its channel; a reader must never see one without the other.
        var writers = Enumerable.Range(0, 20).Select(i => Task.Run(() => CommitAsync(async s =>
        {
            await s.InsertContactAsync(Personal($"c{i:D2}"), T0, None);
            await s.InsertChannelAsync(Channel($"c{i:D2}", Id(i), T0), None);
        })));
        var readers = Enumerable.Range(0, 20).Select(_ => Task.Run(() => QueryAsync(async s =>
        {
            var contacts = await s.ListContactsAsync(null, null, null, 100, None);
            foreach (var contact in contacts)
            {
                Assert.Single(await s.ListChannelsAsync(contact.Alias, null, 10, None));
            }
            return contacts.Count;
        })));

        await Task.WhenAll([.. writers, .. readers]);

        Assert.Equal(20, await QueryAsync(s => s.CountContactsAsync(None)));
    }

    [Fact]
    public async Task a_committed_session_refuses_further_writes()
    {
        await using var session = await WriteAsync();
        await session.InsertContactAsync(Personal("jane"), T0, None);
        await session.CommitAsync(None);

        await Assert.ThrowsAnyAsync<Exception>(() => session.InsertContactAsync(Personal("joe"), T0, None));
    }
}
