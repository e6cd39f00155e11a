using Callout.Domain.Ports;
using Xunit;

namespace Callout.Storage.Tests;

/// What a store that keeps data across restarts must also do. The in-memory store is not one.
public abstract class DurableStoreCompliance : StoreCompliance
{
    /// Another store over the same data, as a restarted server opens it.
    protected abstract IContactStore OpenAgain();

    /// Another store over what a process killed with -9 leaves behind, opened while the current
    /// store is still open and has closed nothing.
    protected abstract IContactStore OpenAfterCrash();

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
}
