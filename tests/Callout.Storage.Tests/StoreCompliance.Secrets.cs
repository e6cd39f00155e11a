using Xunit;

namespace Callout.Storage.Tests;

public abstract partial class StoreCompliance
{
    [Fact]
    public async Task a_secret_is_32_bytes_created_once_and_the_same_ever_after()
    {
        var first = await Store.GetSecretAsync("page-tokens", None);
        var again = await Store.GetSecretAsync("page-tokens", None);
        var other = await Store.GetSecretAsync("other", None);

        Assert.Equal(32, first.Length);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Contains(first, b => b != 0);
    }

    [Fact]
    public async Task changing_a_returned_secret_does_not_change_the_secret()
    {
        var first = await Store.GetSecretAsync("page-tokens", None);
        var copy = first.ToArray();

        Array.Clear(first);

        Assert.Equal(copy, await Store.GetSecretAsync("page-tokens", None));
    }

    [Fact]
    public async Task callers_asking_for_a_new_secret_at_once_all_get_the_same_one()
    {
        var secrets = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => Store.GetSecretAsync("shared", None))));

        Assert.All(secrets, s => Assert.Equal(secrets[0], s));
    }
}
