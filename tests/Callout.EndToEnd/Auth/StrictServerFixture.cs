using Callout.EndToEnd.Harness;
using Callout.Testing;

namespace Callout.EndToEnd.Auth;

/// A `--auth strict` server on the virtual clock with two keys in two accounts, shared by the tests
/// of a class; each test makes its own contacts.
public sealed class StrictServerFixture : IAsyncLifetime
{
    public const string KeyA = "AKIACALLOUTSURFACEA";
    public const string SecretA = "c3VyZmFjZS1hLXNlY3JldA";
    public const string AccountA = "101010101010";
    public const string KeyB = "AKIACALLOUTSURFACEB";
    public const string SecretB = "c3VyZmFjZS1iLXNlY3JldA";
    public const string AccountB = "202020202020";

    public ServerProcess Server { get; private set; } = null!;

    public Uri Endpoint => Server.Endpoint;

    public SignedHttp As(string key, string secret, string region = "us-east-1") => new(Endpoint, new SigV4TestSigner(key, secret, region));

    public SignedHttp A(string region = "us-east-1") => As(KeyA, SecretA, region);

    public SignedHttp B(string region = "us-east-1") => As(KeyB, SecretB, region);

    public SignedHttp Unsigned => new(Endpoint, null);

    public async Task InitializeAsync() => Server = await ServerProcess.StartAsync(extraArgs:
    [
        "--auth", "strict", "--clock", "virtual",
        "--credentials", $"{KeyA}:{SecretA}:{AccountA},{KeyB}:{SecretB}:{AccountB}",
    ]);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
