using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Auth;

/// What `--auth strict` refuses beyond a wrong signature (docs/security.md, SigV4): a captured
/// request whose unsigned headers were changed, regions the server does not serve, session tokens
/// it does not know, and bodies of callers who fail the header checks, which are never read.
public sealed class StrictSigV4Tests : IAsyncLifetime
{
    const string Key = "AKIACALLOUTSTRICT02";
    const string Secret = "c3RyaWN0LXNpZ3Y0LXNlY3JldA";
    const string Account = "555566667777";
    const string TokenKey = "ASIACALLOUTSTRICT03";
    const string Token = "IQoJb3JpZ2luX2VjEXAMPLETOKEN";

    ServerProcess _server = null!;
    string _directory = null!;

    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("callout-strict-").FullName;
        var file = Path.Combine(_directory, "credentials.json");
        await File.WriteAllTextAsync(file, $$"""
            [{"accessKeyId":"{{TokenKey}}","secretAccessKey":"{{Secret}}","accountId":"{{Account}}","sessionToken":"{{Token}}"}]
            """);
        _server = await ServerProcess.StartAsync(extraArgs:
            ["--auth", "strict", "--credentials", $"{Key}:{Secret}:{Account}", "--credentials-file", file]);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    string Endpoint => _server.Endpoint.ToString().TrimEnd('/');

    /// boto3 and botocore's signer, pointed at the server, and `send`, which posts a signed
    /// AWSRequest as it stands and prints its status and `__type`.
    string Prelude => $$"""
        import json, urllib.request, urllib.error, boto3
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.config import Config
        from botocore.credentials import Credentials
        E = "{{Endpoint}}"
        def client(key="{{Key}}", token=None, region="eu-west-1"):
            return boto3.client("ssm-contacts", endpoint_url=E, region_name=region, aws_access_key_id=key,
                                aws_secret_access_key="{{Secret}}", aws_session_token=token,
                                config=Config(retries={"max_attempts": 0}))
        def code(call):
            try:
                call(); return "OK"
            except Exception as e:
                return e.response["Error"]["Code"]
        def request(target, body):
            return AWSRequest(method="POST", url=E + "/", data=body,
                              headers={"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": target})
        def send(req):
            p = req.prepare()
            r = urllib.request.Request(p.url, data=p.body.encode() if isinstance(p.body, str) else p.body, headers=dict(p.headers.items()), method="POST")
            try:
                with urllib.request.urlopen(r) as resp:
                    return f"{resp.status} {json.loads(resp.read()).get('__type', 'OK')}"
            except urllib.error.HTTPError as e:
                return f"{e.code} {json.loads(e.read()).get('__type')}"

        """;

    [Fact]
    public async Task a_captured_get_contact_whose_unsigned_target_is_swapped_for_delete_is_refused_and_the_contact_stays()
    {
        var output = await PythonScript.RunAsync(Prelude + """
            c = client()
            arn = c.create_contact(Alias="victim", Type="PERSONAL", Plan={"Stages": []})["ContactArn"]
            class TargetLeftOut(SigV4Auth):
                def headers_to_sign(self, request):
                    headers = super().headers_to_sign(request)
                    del headers["x-amz-target"]
                    return headers
            req = request("SSMContacts.GetContact", json.dumps({"ContactId": arn}))
            TargetLeftOut(Credentials("{{Key}}", "{{Secret}}"), "ssm-contacts", "eu-west-1").add_auth(req)
            print(send(req))
            # The signature covers the body, the host and the date, not the operation.
            req.headers.replace_header("X-Amz-Target", "SSMContacts.DeleteContact")
            print(send(req))
            print(c.get_contact(ContactId=arn)["Alias"])
            """.Replace("{{Key}}", Key, StringComparison.Ordinal).Replace("{{Secret}}", Secret, StringComparison.Ordinal));

        Assert.Equal(["400 InvalidSignatureException", "400 InvalidSignatureException", "victim"], output.Split('\n'));
    }

    [Fact]
    public async Task a_scope_naming_an_unserved_region_is_refused_however_well_signed()
    {
        var output = await PythonScript.RunAsync(Prelude + $$"""
            for region in ["zz-evil-9", "us-east-1" + "x" * 291, "cn-north-1"]:
                req = request("SSMContacts.ListContacts", "{}")
                SigV4Auth(Credentials("{{Key}}", "{{Secret}}"), "ssm-contacts", region).add_auth(req)
                print(send(req))
            print(code(lambda: client(region="eu-west-1").list_contacts()))
            """);

        Assert.Equal(["400 InvalidSignatureException", "400 InvalidSignatureException", "400 InvalidSignatureException", "OK"], output.Split('\n'));
    }

    [Fact]
    public async Task a_session_token_the_server_does_not_know_is_unrecognized()
    {
        var output = await PythonScript.RunAsync(Prelude + $$"""
            print(code(lambda: client(token="made-up-token").list_contacts()))
            print(code(lambda: client(key="{{TokenKey}}", token="{{Token}}").list_contacts()))
            print(code(lambda: client(key="{{TokenKey}}").list_contacts()))
            print(code(lambda: client(key="{{TokenKey}}", token="{{Token}}x").list_contacts()))
            """);

        Assert.Equal(["UnrecognizedClientException", "OK", "UnrecognizedClientException", "UnrecognizedClientException"], output.Split('\n'));
    }

    [Fact]
    public async Task an_unknown_key_gets_its_error_before_its_4_mib_body_is_sent()
    {
        // Only the headers go out: a server that read the body first would wait for it.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_server.Endpoint.Host, _server.Endpoint.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Head("AKIAUNKNOWNKEY", 4 * 1024 * 1024));

        var answer = await ReadHeadAsync(stream).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        Assert.Contains("x-amzn-ErrorType: UnrecognizedClientException", answer, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task forty_unauthenticated_4_mib_posts_do_not_make_the_server_hold_their_bodies()
    {
        var before = ResidentMegabytes(_server.ProcessId);
        var body = new byte[4 * 1024 * 1024];
        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(_server.Endpoint.Host, _server.Endpoint.Port);
            var stream = tcp.GetStream();
            await stream.WriteAsync(Head("AKIAUNKNOWNKEY", body.Length));
            var answer = ReadHeadAsync(stream);
            try
            {
                await stream.WriteAsync(body);
            }
            catch (IOException)
            {
                // The server may close the connection rather than drain a body it refused.
            }
            return await answer.WaitAsync(TimeSpan.FromSeconds(60));
        }));
        var after = ResidentMegabytes(_server.ProcessId);

        Assert.All(answers, a => Assert.Contains("UnrecognizedClientException", a, StringComparison.Ordinal));
        // 40 bodies of 4 MiB held at once would be 160 MB.
        Assert.True(after - before < 64, $"RSS went from {before} MB to {after} MB");
    }

    static byte[] Head(string key, int contentLength)
    {
        var now = DateTime.UtcNow;
        return Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"""
            POST / HTTP/1.1
            Host: 127.0.0.1
            Content-Type: application/x-amz-json-1.1
            X-Amz-Target: SSMContacts.ListContacts
            X-Amz-Date: {now:yyyyMMdd'T'HHmmss'Z'}
            Authorization: AWS4-HMAC-SHA256 Credential={key}/{now:yyyyMMdd}/us-east-1/ssm-contacts/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature={new string('0', 64)}
            Content-Length: {contentLength}


            """).ReplaceLineEndings("\r\n"));
    }

    /// The status line and headers of the answer, and as much of its body as came with them.
    static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var buffer = new byte[16 * 1024];
        var text = new StringBuilder();
        while (!text.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var n = await stream.ReadAsync(buffer);
            if (n == 0)
            {
                break;
            }
            text.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
        return text.ToString();
    }

    static long ResidentMegabytes(int pid) =>
        File.ReadLines($"/proc/{pid}/status")
            .Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024)
            .Single();
}
