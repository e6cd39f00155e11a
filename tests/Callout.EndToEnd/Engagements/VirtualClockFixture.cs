using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Engagements;

/// One in-memory server on the virtual clock (`--clock virtual`) shared by the tests of a class.
/// The tests of a class run one after another, so each can move the clock as it likes; each works
/// in its own account and measures its timeline from its own t0.
public sealed class VirtualClockFixture : IAsyncLifetime
{
    public ServerProcess Server { get; private set; } = null!;

    public Uri Endpoint => Server.Endpoint;

    public Paging NewPaging() => new(ApiClient.ForNewAccount(Server.Endpoint), Server.Endpoint);

    public async Task InitializeAsync() => Server = await ServerProcess.StartAsync(extraArgs: ["--clock", "virtual"]);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
