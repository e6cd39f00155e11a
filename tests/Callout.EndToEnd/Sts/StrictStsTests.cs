using System.Diagnostics;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Sts;

/// STS GetCallerIdentity under `--auth strict`, with requests that botocore itself signs: a
/// signature must be scoped to `sts` here, and to `ssm-contacts` everywhere else.
public sealed class StrictStsTests : IAsyncLifetime
{
    const string Key = "AKIACALLOUTSTS02";
    const string Secret = "c3RzLXNlY3JldC1zdHMtc2VjcmV0";
    const string Account = "555566667777";

    ServerProcess _server = null!;

    public async Task InitializeAsync() =>
        _server = await ServerProcess.StartAsync(extraArgs: ["--auth", "strict", "--credentials", $"{Key}:{Secret}:{Account}"]);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    string Url => _server.Endpoint.ToString().TrimEnd('/');

    /// boto3's STS client: prints the account, or the error code and HTTP status.
    Task<string> Boto3Async(string key, string secret) => PythonAsync($$$"""
        import boto3
        from botocore.config import Config
        c = boto3.client("sts", endpoint_url="{{{Url}}}", region_name="eu-west-1",
                         aws_access_key_id="{{{key}}}", aws_secret_access_key="{{{secret}}}",
                         config=Config(retries={"max_attempts": 0}))
        try:
            r = c.get_caller_identity()
            print(r["Account"], r["Arn"], r["UserId"])
        except c.exceptions.ClientError as e:
            print(e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"])
        """);

    /// A request signed by botocore's SigV4Auth for `service`, sent as is: prints status and body.
    Task<string> SignedAsync(string service, string body, string contentType, string? target = null) => PythonAsync($$$"""
        import urllib.request, urllib.error
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials
        headers = {"Content-Type": "{{{contentType}}}"}
        if {{{(target is null ? "False" : "True")}}}:
            headers["X-Amz-Target"] = "{{{target}}}"
        body = b'{{{body}}}'
        req = AWSRequest(method="POST", url="{{{Url}}}/", data=body, headers=headers)
        SigV4Auth(Credentials("{{{Key}}}", "{{{Secret}}}"), "{{{service}}}", "eu-west-1").add_auth(req)
        try:
            r = urllib.request.urlopen(urllib.request.Request("{{{Url}}}/", data=body, headers=dict(req.headers.items()), method="POST"))
            print(r.status, r.read().decode())
        except urllib.error.HTTPError as e:
            print(e.code, e.read().decode())
        """);

    static async Task<string> PythonAsync(string script)
    {
        var info = new ProcessStartInfo("python3", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, error);
        return (await output).Trim();
    }

    [Fact]
    public async Task a_request_signed_with_a_configured_key_learns_that_keys_account() =>
        Assert.Equal($"{Account} arn:aws:iam::{Account}:root {Account}", await Boto3Async(Key, Secret));

    [Fact]
    public async Task a_wrong_secret_is_a_signature_that_does_not_match() =>
        Assert.Equal("SignatureDoesNotMatch 403", await Boto3Async(Key, "wrong-secret"));

    [Fact]
    public async Task an_unknown_key_is_an_invalid_client_token_id() =>
        Assert.Equal("InvalidClientTokenId 403", await Boto3Async("AKIAUNKNOWN", Secret));

    [Fact]
    public async Task an_unsigned_request_is_missing_its_authentication_token()
    {
        var response = await StsCalls.PostAsync(_server.Endpoint, StsCalls.Form);
        Assert.Equal(403, response.Status);
        Assert.Equal("MissingAuthenticationToken", response.ErrorCode);
        Assert.Equal("text/xml", response.ContentType);
    }

    [Fact]
    public async Task a_signature_scoped_to_ssm_contacts_does_not_match_at_sts()
    {
        var answer = await SignedAsync("ssm-contacts", StsCalls.Form, "application/x-www-form-urlencoded; charset=utf-8");
        Assert.StartsWith("403 <ErrorResponse", answer, StringComparison.Ordinal);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", answer, StringComparison.Ordinal);
        Assert.Contains("Credential should be scoped to correct service: 'sts'.", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_signature_scoped_to_sts_is_refused_by_the_ssm_contacts_api()
    {
        var answer = await SignedAsync("sts", "{}", "application/x-amz-json-1.1", "SSMContacts.ListContacts");
        Assert.StartsWith("400 {\"__type\":\"InvalidSignatureException\"", answer, StringComparison.Ordinal);
        Assert.Contains("scoped to correct service: 'ssm-contacts'", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_same_signer_is_accepted_when_scoped_to_sts()
    {
        var answer = await SignedAsync("sts", StsCalls.Form, "application/x-www-form-urlencoded; charset=utf-8");
        Assert.StartsWith("200 <GetCallerIdentityResponse", answer, StringComparison.Ordinal);
        Assert.Contains($"<Account>{Account}</Account>", answer, StringComparison.Ordinal);
    }
}
