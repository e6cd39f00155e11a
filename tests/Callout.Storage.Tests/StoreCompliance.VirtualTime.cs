using NodaTime;
using Xunit;

namespace Callout.Storage.Tests;

public abstract partial class StoreCompliance
{
    [Fact]
    public async Task a_store_that_never_saved_the_virtual_time_has_none()
    {
        Assert.Null(await Store.ReadVirtualTimeAsync(None));
    }

    [Fact]
    public async Task the_saved_virtual_time_is_the_latest_saved_and_never_goes_back()
    {
        await Store.SaveVirtualTimeAsync(T0 + Duration.FromMinutes(5), None);
        Assert.Equal(T0 + Duration.FromMinutes(5), await Store.ReadVirtualTimeAsync(None));

        await Store.SaveVirtualTimeAsync(T0 + Duration.FromMinutes(90), None);
        await Store.SaveVirtualTimeAsync(T0 + Duration.FromMinutes(10), None);

        Assert.Equal(T0 + Duration.FromMinutes(90), await Store.ReadVirtualTimeAsync(None));
    }
}
