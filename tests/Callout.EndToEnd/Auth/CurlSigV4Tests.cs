using System.Diagnostics;
using System.Text.Json;

namespace Callout.EndToEnd.Auth;

/// The command lines docs/delivery.md gives for a `--auth strict` server, run as written with
/// curl's own SigV4 signer (`--aws-sigv4`): a signer Callout does not control.
public sealed class CurlSigV4Tests(StrictServerFixture fixture) : IClassFixture<StrictServerFixture>
{
    string Url => fixture.Endpoint.ToString().TrimEnd('/');

    const string User = $"{StrictServerFixture.KeyA}:{StrictServerFixture.SecretA}";

    /// The README's line and docs/delivery.md's, with a query the signature must cover too.
    [Theory]
    [InlineData("""curl --aws-sigv4 "aws:amz:us-east-1:ssm-contacts" --user KEY:SECRET URL/_callout/outbox""")]
    [InlineData("""curl --aws-sigv4 "aws:amz:us-east-1:ssm-contacts" --user KEY:SECRET 'URL/_callout/outbox?limit=20'""")]
    public async Task curl_with_aws_sigv4_reads_the_callers_outbox(string documented)
    {
        var mine = await SignedAdminTests.ChannelAsync(fixture.A(), "curl");
        await SignedAdminTests.ChannelAsync(fixture.B(), "curl");
        var command = documented.Replace("KEY:SECRET", User, StringComparison.Ordinal).Replace("URL", Url, StringComparison.Ordinal);

        var (code, stdout, stderr) = await ShellAsync(command);

        Assert.True(code == 0, stderr);
        var messages = JsonDocument.Parse(stdout).RootElement.GetProperty("Messages").EnumerateArray().ToList();
        Assert.Contains(messages, m => m.GetProperty("Address").GetString() == mine);
        Assert.All(messages, m => Assert.Equal(StrictServerFixture.AccountA, m.GetProperty("AccountId").GetString()));
    }

    [Fact]
    public async Task curl_with_aws_sigv4_moves_the_clock()
    {
        var before = await Harness.VirtualTime.NowAsync(fixture.Endpoint, fixture.A().Signer);

        var (code, stdout, stderr) = await ShellAsync(
            $$"""curl -sS --aws-sigv4 "aws:amz:us-east-1:ssm-contacts" --user {{User}} -H 'Content-Type: application/json' -d '{"seconds": 300}' {{Url}}/_callout/clock/advance""");

        Assert.True(code == 0, stderr);
        Assert.True(JsonDocument.Parse(stdout).RootElement.GetProperty("Now").GetDecimal() - before >= 300, stdout);
    }

    [Fact]
    public async Task curl_without_a_signature_gets_the_apis_refusal()
    {
        var (code, stdout, stderr) = await ShellAsync($"curl -sS {Url}/_callout/outbox");

        Assert.True(code == 0, stderr);
        Assert.Equal("MissingAuthenticationTokenException", JsonDocument.Parse(stdout).RootElement.GetProperty("__type").GetString());
    }

    /// curl is installed by tests/install-test-dependencies.sh; the command runs through bash as typed.
    static async Task<(int Code, string Stdout, string Stderr)> ShellAsync(string command)
    {
        var info = new ProcessStartInfo("bash", ["-c", command]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout, stderr);
    }
}
