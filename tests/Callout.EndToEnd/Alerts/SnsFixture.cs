using Callout.EndToEnd.Engagements;
using Callout.EndToEnd.Harness;
using Callout.Testing;

namespace Callout.EndToEnd.Alerts;

/// A virtual-clock server that trusts a local HTTPS server playing SNS (SnsSink) as an SNS host,
/// through CALLOUT_SNS_TRUSTED_HOSTS and CALLOUT_SNS_TRUSTED_CERTIFICATES: the only way a test's
/// own key and certificate can sign messages the server accepts.
public sealed class SnsFixture : IAsyncLifetime
{
    readonly string _directory = Directory.CreateTempSubdirectory("callout-sns-e2e-").FullName;

    public SnsSink Sns { get; private set; } = null!;

    public ServerProcess Server { get; private set; } = null!;

    public Paging NewPaging() => new(ApiClient.ForNewAccount(Server.Endpoint), Server.Endpoint);

    public async Task InitializeAsync()
    {
        Sns = await SnsSink.StartAsync();
        Server = await ServerProcess.StartAsync(extraArgs: ["--clock", "virtual"], environment: new Dictionary<string, string>
        {
            ["CALLOUT_SNS_TRUSTED_HOSTS"] = Sns.HostAndPort,
            ["CALLOUT_SNS_TRUSTED_CERTIFICATES"] = Sns.WriteCertificateFile(_directory),
        });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Sns.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
