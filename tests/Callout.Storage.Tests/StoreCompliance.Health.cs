using Xunit;

namespace Callout.Storage.Tests;

public abstract partial class StoreCompliance
{
    [Fact]
    public async Task a_migrated_store_passes_its_health_check_empty_or_not()
    {
        await Store.CheckAsync(None);
        await InsertEngagementsAsync(NewEngagement(Id(1), T0));
        await Store.CheckAsync(None);
    }
}
