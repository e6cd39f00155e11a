namespace Callout.EndToEnd.Harness;

/// One in-memory server shared by the tests of a class; each test works in its own account.
public sealed class ServerFixture : IAsyncLifetime
{
    public ServerProcess Server { get; private set; } = null!;

    public ApiClient NewClient(string region = "us-east-1") => ApiClient.ForNewAccount(Server.Endpoint, region);

    public async Task InitializeAsync() => Server = await ServerProcess.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
