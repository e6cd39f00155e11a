using NodaTime;
using Xunit;

namespace Callout.Storage.Tests;

public abstract partial class StoreCompliance
{
    [Fact]
    public async Task releasing_leases_frees_the_steps_of_a_dead_incarnation_and_no_one_elses()
    {
        await InsertStepsAsync(SendStep(Id(1), Id(100), T0), SendStep(Id(2), Id(100), T0), SendStep(Id(3), Id(100), T0),
            SendStep(Id(4), Id(100), T0), SendStep(Id(5), Id(100), T0));
        // Node a's dead incarnation, node a's live one, node b, and a node whose name starts like a's.
        Assert.Single(await ClaimAsync(T0, "a#old/1", 1));
        Assert.Single(await ClaimAsync(T0, "a#old/2", 1));
        Assert.Single(await ClaimAsync(T0, "a#new/1", 1));
        Assert.Single(await ClaimAsync(T0, "b#old/1", 1));
        Assert.Single(await ClaimAsync(T0, "a%#old/1", 1));

        Assert.Equal(2, await Store.ReleaseLeasesAsync("a#", "a#new/", None));

        // Before the other leases run out, only the two released steps can be claimed.
        var freed = await ClaimAsync(T0 + Duration.FromSeconds(1), "a#new/2");
        Assert.Equal(2, freed.Count);
        Assert.Equal(0, await Store.ReleaseLeasesAsync("a#", "a#new/", None));
        // A store with one node frees every lease but its own.
        Assert.Equal(2, await Store.ReleaseLeasesAsync("", "a#new/", None));
        Assert.Equal(2, (await ClaimAsync(T0 + Duration.FromSeconds(2), "a#new/3")).Count);
    }
}
