using System.Diagnostics;
using Callout.EndToEnd.Harness;
using Callout.Testing;

namespace Callout.EndToEnd.Auth;

/// `--auth strict` (docs/spec/protocol.md §9), checked with requests that botocore itself signs.
public sealed class StrictAuthTests : IAsyncLifetime
{
    const string Key = "AKIACALLOUTTEST01";
    const string Secret = "c2VjcmV0LXNlY3JldC1zZWNyZXQ";
    const string Account = "444455556666";

    ServerProcess _server = null!;

    public async Task InitializeAsync() =>
        _server = await ServerProcess.StartAsync(extraArgs: ["--auth", "strict", "--credentials", $"{Key}:{Secret}:{Account}", "--clock", "virtual"]);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// Runs one boto3 call and prints either the contact ARN or the error code.
    async Task<string> Boto3Async(string key, string secret, int skewSeconds = 0)
    {
        var script = $$$"""
            import datetime, boto3, botocore.auth
            from botocore.config import Config
            from unittest import mock
            skew = datetime.timedelta(seconds={{{skewSeconds}}})
            real = datetime.datetime
            class Skewed(real):
                @classmethod
                def now(cls, tz=None): return real.now(tz) + skew
                @classmethod
                def utcnow(cls): return real.utcnow() + skew
            with mock.patch.object(botocore.auth.datetime, "datetime", Skewed):
                c = boto3.client("ssm-contacts", endpoint_url="{{{_server.Endpoint.ToString().TrimEnd('/')}}}", region_name="eu-west-1",
                                 aws_access_key_id="{{{key}}}", aws_secret_access_key="{{{secret}}}",
                                 config=Config(retries={"max_attempts": 0}))
                try:
                    print(c.create_contact(Alias="a" + str(abs(hash(skew))), Type="PERSONAL", Plan={"Stages": []})["ContactArn"])
                except c.exceptions.ClientError as e:
                    print(e.response["Error"]["Code"])
            """;
        var info = new ProcessStartInfo("python3", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(info)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        var error = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, error);
        return output.Trim();
    }

    [Fact]
    public async Task a_request_signed_with_a_configured_key_is_served_in_that_keys_account()
    {
        var arn = await Boto3Async(Key, Secret);
        Assert.StartsWith($"arn:aws:ssm-contacts:eu-west-1:{Account}:contact/", arn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_wrong_secret_is_an_invalid_signature() =>
        Assert.Equal("InvalidSignatureException", await Boto3Async(Key, "wrong-secret"));

    [Fact]
    public async Task an_unknown_key_is_unrecognized() =>
        Assert.Equal("UnrecognizedClientException", await Boto3Async("AKIAUNKNOWN", Secret));

    [Fact]
    public async Task a_signature_more_than_fifteen_minutes_old_has_expired() =>
        Assert.Equal("InvalidSignatureException", await Boto3Async(Key, Secret, skewSeconds: -20 * 60));

    [Fact]
    public async Task a_rehearsal_that_moves_the_clock_does_not_lock_signed_clients_out()
    {
        await VirtualTime.AdvanceAsync(_server.Endpoint, TimeSpan.FromMinutes(20), new SigV4TestSigner(Key, Secret, "eu-west-1"));
        var arn = await Boto3Async(Key, Secret);
        Assert.StartsWith($"arn:aws:ssm-contacts:eu-west-1:{Account}:contact/", arn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_signature_window_follows_the_real_time_whatever_the_virtual_clock_says()
    {
        await VirtualTime.AdvanceAsync(_server.Endpoint, TimeSpan.FromMinutes(20), new SigV4TestSigner(Key, Secret, "eu-west-1"));
        Assert.Equal("InvalidSignatureException", await Boto3Async(Key, Secret, skewSeconds: 20 * 60));
    }

    [Fact]
    public async Task a_request_without_a_signature_is_missing_its_token()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, _server.Endpoint) { Content = new StringContent("{}") };
        request.Headers.Add("X-Amz-Target", "SSMContacts.ListContacts");
        using var response = await http.SendAsync(request);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("MissingAuthenticationTokenException", response.Headers.GetValues("x-amzn-ErrorType").Single());
    }
}
