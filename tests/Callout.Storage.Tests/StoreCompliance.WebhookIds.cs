using NodaTime;
using Xunit;

namespace Callout.Storage.Tests;

public abstract partial class StoreCompliance
{
    [Fact]
    public async Task a_webhook_id_is_remembered_once_until_its_time_runs_out()
    {
        var id = "msg_" + Guid.NewGuid().ToString("N");

        Assert.True(await Store.RememberWebhookIdAsync(id, T0, T0.Plus(Duration.FromMinutes(10)), None));
        Assert.False(await Store.RememberWebhookIdAsync(id, T0.Plus(Duration.FromMinutes(1)), T0.Plus(Duration.FromMinutes(11)), None));
        Assert.False(await Store.RememberWebhookIdAsync(id, T0.Plus(Duration.FromMinutes(10)), T0.Plus(Duration.FromMinutes(20)), None));

        // Forgotten once its time is past; its signature would no longer be accepted by then.
        Assert.True(await Store.RememberWebhookIdAsync(id, T0.Plus(Duration.FromMinutes(10)).Plus(Duration.FromMilliseconds(1)), T0.Plus(Duration.FromMinutes(21)), None));
    }

    [Fact]
    public async Task webhook_ids_sent_at_once_are_remembered_exactly_once()
    {
        var id = "msg_" + Guid.NewGuid().ToString("N");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Store.RememberWebhookIdAsync(id, T0, T0.Plus(Duration.FromMinutes(10)), None))));

        Assert.Equal(1, results.Count(r => r));
    }
}
