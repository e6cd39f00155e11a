using Callout.Domain.Engagements;
using Callout.Domain.Ports;
using NodaTime;
using Xunit;

namespace Callout.Storage.Tests;

/// What a store that keeps data across restarts must also do. The in-memory store is not one.
public abstract class DurableStoreCompliance : StoreCompliance
{
    /// Another store over the same data, as a restarted server opens it.
    protected abstract IStore OpenAgain();

    /// Another store over what a process killed with -9 leaves behind, opened while the current
    /// store is still open and has closed nothing.
    protected abstract IStore OpenAfterCrash();

    /// Reads run beside a writing session here (the in-memory store serializes them).
    [Fact]
    public async Task a_contact_read_alone_sees_the_last_commit_and_not_a_write_in_progress()
    {
        await InsertAsync(Personal("jane"));
        Assert.Equal("Jane Doe", (await Store.FindContactAsync(Scope, "jane", CancellationToken.None))!.DisplayName);

        await using (var writing = await WriteAsync())
        {
            await writing.UpdateContactAsync(Personal("jane", displayName: "Jane Q"), T0, CancellationToken.None);
            Assert.Equal("Jane Doe", (await Store.FindContactAsync(Scope, "jane", CancellationToken.None))!.DisplayName);
            await writing.CommitAsync(CancellationToken.None);
            // Committed: a read that begins now sees it, before the session is disposed too.
            Assert.Equal("Jane Q", (await Store.FindContactAsync(Scope, "jane", CancellationToken.None))!.DisplayName);
        }

        Assert.Equal("Jane Q", (await Store.FindContactAsync(Scope, "jane", CancellationToken.None))!.DisplayName);
    }

    [Fact]
    public async Task a_reopened_store_has_what_was_committed_and_nothing_else()
    {
        await InsertAsync(Personal("jane"));
        await CommitAsync(s => s.InsertChannelAsync(Channel("jane", Id(1), T0), None));
        await using (var abandoned = await WriteAsync())
        {
            await abandoned.InsertContactAsync(Personal("ghost"), T0, None);
        }

        await ReplaceStoreAsync(OpenAgain());

        await using var read = await ReadAsync();
        Assert.Equal(["jane"], (await read.ListContactsAsync(null, null, null, 10, None)).Select(c => c.Alias));
        Assert.NotNull(await read.FindChannelAsync(Id(1), None));
    }

    [Fact]
    public async Task committed_writes_survive_a_process_that_dies_without_closing_the_store()
    {
        await InsertAsync(Personal("jane"));
        await CommitAsync(async s =>
        {
            await s.InsertContactAsync(Personal("joe"), T0, None);
            await s.PutPolicyAsync("joe", "{}", T0, None);
        });

        await using var survivor = OpenAfterCrash();
        await survivor.MigrateAsync(None);

        await using var read = await survivor.OpenAsync(Scope, write: false, None);
        Assert.Equal(["jane", "joe"], (await read.ListContactsAsync(null, null, null, 10, None)).Select(c => c.Alias));
        Assert.Equal("{}", await read.GetPolicyAsync("joe", None));
    }

    [Fact]
    public async Task a_secret_stays_the_same_after_the_store_is_reopened()
    {
        var before = await Store.GetSecretAsync("page-tokens", None);

        await ReplaceStoreAsync(OpenAgain());

        Assert.Equal(before, await Store.GetSecretAsync("page-tokens", None));
    }

    [Fact]
    public async Task the_virtual_time_stays_after_the_store_is_reopened()
    {
        await Store.SaveVirtualTimeAsync(T0 + Duration.FromHours(3), None);

        await ReplaceStoreAsync(OpenAgain());

        Assert.Equal(T0 + Duration.FromHours(3), await Store.ReadVirtualTimeAsync(None));
    }

    [Fact]
    public async Task engagements_pages_and_pending_steps_survive_a_restart()
    {
        await CommitAsync(async s =>
        {
            await s.InsertEngagementAsync(NewEngagement(Id(1), T0), NewSnapshot(), None);
            await s.InsertPageAsync(NewPage(Id(2), Id(1), T0), None);
            await s.AddReceiptAsync(new Receipt(Id(2), Id(900), ReceiptKind.Sent, null, T0), None);
            await s.InsertStepsAsync([SendStep(Id(3), Id(1), T0, Id(2)), FinishStep(Id(4), Id(1), T0 + Duration.FromMinutes(5))], None);
        });
        // Leased by a node that then died: after the restart the step is claimable once the lease runs out.
        Assert.Single(await Store.ClaimDueStepsAsync(T0, "dead-node", T0 + Duration.FromSeconds(30), 10, None));

        await ReplaceStoreAsync(OpenAgain());

        Assert.Equal(1, await Store.CountRunningEngagementsAsync(None));
        Assert.Equal(T0 + Duration.FromSeconds(30), await Store.NextDueAsync(None));
        Assert.Empty(await Store.ClaimDueStepsAsync(T0 + Duration.FromSeconds(29), "node", T0 + Duration.FromMinutes(1), 10, None));
        var claimed = await Store.ClaimDueStepsAsync(T0 + Duration.FromMinutes(5), "node", T0 + Duration.FromMinutes(6), 10, None);
        Assert.Equal([Id(3), Id(4)], claimed.Select(c => c.Step.Id));
        await using var read = await ReadAsync();
        Assert.NotNull(await read.FindEngagementAsync(Id(1), None));
        Assert.Equal(3, (await read.FindSnapshotAsync(Id(1), None))!.Contacts.Count);
        Assert.NotNull(await read.FindPageAsync(Id(2), None));
        Assert.Single(await read.ListReceiptsAsync(Id(2), null, 10, None));
    }

    [Fact]
    public async Task wrong_tries_at_a_code_survive_a_restart()
    {
        await QueryWriteAsync(s => s.AddWrongTryAsync("accept:p1", T0, None));
        await QueryWriteAsync(s => s.AddWrongTryAsync("accept:p1", T0, None));

        await ReplaceStoreAsync(OpenAgain());

        Assert.Equal(2, await QueryAsync(s => s.WrongTriesAsync("accept:p1", None)));
        Assert.Equal(3, await QueryWriteAsync(s => s.AddWrongTryAsync("accept:p1", T0, None)));
    }
}
