using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Callout.EndToEnd.Harness;
using Callout.EndToEnd.Observability;
using Callout.Testing;

namespace Callout.EndToEnd.Audit;

/// One server under `--auth strict` on the virtual clock, with two keys in two accounts; the
/// first key's account is the server's default, where clock advances are recorded.
public sealed class StrictAuditServer : IAsyncLifetime
{
    public const string KeyA = "AKIAAUDITTESTAAAA";
    public const string SecretA = "c2VjcmV0LWEtc2VjcmV0LWE";
    public const string AccountA = "111122223333";
    public const string KeyB = "AKIAAUDITTESTBBBB";
    public const string SecretB = "c2VjcmV0LWItc2VjcmV0LWI";
    public const string AccountB = "444455556666";

    public ServerProcess Server { get; private set; } = null!;

    public SignedClient A => new(Server.Endpoint, KeyA, SecretA);

    public SignedClient B => new(Server.Endpoint, KeyB, SecretB);

    /// Signs the outbox and clock requests, which need it under strict auth.
    public static SigV4TestSigner SignerA => new(KeyA, SecretA, "us-east-1");

    public async Task InitializeAsync() => Server = await ServerProcess.StartAsync(extraArgs:
    [
        "--auth", "strict", "--credentials", $"{KeyA}:{SecretA}:{AccountA},{KeyB}:{SecretB}:{AccountB}",
        "--default-account", AccountA, "--clock", "virtual",
    ]);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public sealed partial class AuditLogTests(StrictAuditServer fixture) : IClassFixture<StrictAuditServer>
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(2) };

    static string Arn(string account, string resource) => $"arn:aws:ssm-contacts:us-east-1:{account}:{resource}";

    static async Task<ApiResponse> Ok(Task<ApiResponse> call)
    {
        var response = await call;
        Assert.True(response.Status == 200, response.Text);
        return response;
    }

    [Fact]
    public async Task calls_an_acknowledgement_link_and_a_clock_advance_are_listed_with_who_where_what_and_how_it_ended()
    {
        var a = fixture.A;
        var endpoint = fixture.Server.Endpoint;
        var contact = Arn(StrictAuditServer.AccountA, "contact/seq");
        var t0 = await VirtualTime.NowAsync(endpoint, StrictAuditServer.SignerA);
        var created = await Ok(a.CallAsync("CreateContact", """{"Alias":"seq","Type":"PERSONAL","Plan":{"Stages":[]}}"""));
        var conflict = await a.CallAsync("CreateContact", """{"Alias":"seq","Type":"PERSONAL","Plan":{"Stages":[]}}""");
        Assert.Equal("ConflictException", conflict.ErrorType);
        var read = await a.CallAsync("GetContact", $$$"""{"ContactId":"{{{Arn(StrictAuditServer.AccountA, "contact/nobody")}}}"}""");
        Assert.Equal("ResourceNotFoundException", read.ErrorType);

        var channel = (await Ok(a.CallAsync("CreateContactChannel", $$$"""
            {"ContactId":"{{{contact}}}","Name":"mail","Type":"EMAIL","DeliveryAddress":{"SimpleAddress":"seq@example.com"}}
            """))).Json.GetProperty("ContactChannelArn").GetString()!;
        var code = await Outbox.LatestCodeAsync(endpoint, StrictAuditServer.AccountA, "seq@example.com", StrictAuditServer.SignerA);
        await Ok(a.CallAsync("ActivateContactChannel", $$$"""{"ContactChannelId":"{{{channel}}}","ActivationCode":"{{{code}}}"}"""));
        await Ok(a.CallAsync("UpdateContact", $$$"""
            {"ContactId":"{{{contact}}}","Plan":{"Stages":[{"DurationInMinutes":5,"Targets":[{"ChannelTargetInfo":{"ContactChannelId":"{{{channel}}}","RetryIntervalInMinutes":1}}]}]}}
            """));
        var started = await Ok(a.CallAsync("StartEngagement", $$$"""{"ContactId":"{{{contact}}}","Sender":"s","Subject":"sub","Content":"body"}"""));
        var engagement = started.Json.GetProperty("EngagementArn").GetString()!;
        await VirtualTime.AdvanceAsync(endpoint, TimeSpan.Zero, StrictAuditServer.SignerA);

        var link = (await Outbox.MessagesAsync(endpoint, StrictAuditServer.AccountA, StrictAuditServer.SignerA))
            .Select(m => AckLink().Match(m.GetProperty("Body").GetString()!))
            .First(m => m.Success).Value;
        using (var acknowledged = await Http.PostAsync(new Uri(link), new StringContent("")))
        {
            Assert.True(acknowledged.IsSuccessStatusCode, await acknowledged.Content.ReadAsStringAsync());
        }

        var events = await AuditEvents.AllAsync(a);

        var create = events.WithRequestId(created.RequestId);
        Assert.Equal("CreateContact", create.Text("Operation"));
        Assert.Equal("Success", create.Text("Outcome"));
        Assert.Equal(contact, create.Text("ResourceArn"));
        Assert.Equal(StrictAuditServer.KeyA, create.Text("Caller"));
        Assert.Equal("127.0.0.1", create.Text("SourceAddress"));
        Assert.Equal(StrictAuditServer.AccountA, create.Text("AccountId"));
        Assert.Equal("us-east-1", create.Text("Region"));
        // The server's own (virtual) time when the call came in.
        Assert.InRange(create.GetProperty("Time").GetDecimal(), t0, await VirtualTime.NowAsync(endpoint, StrictAuditServer.SignerA));

        var refused = events.WithRequestId(conflict.RequestId);
        Assert.Equal("CreateContact", refused.Text("Operation"));
        Assert.Equal("ConflictException", refused.Text("Outcome"));
        // The refused create changed nothing, so there is no success record of it either.
        Assert.Single(events, e => e.Text("RequestId") == conflict.RequestId);
        Assert.DoesNotContain(events, e => e.Text("RequestId") == read.RequestId);

        Assert.Equal(engagement, events.WithRequestId(started.RequestId).Text("ResourceArn"));

        var ack = Assert.Single(events, e => e.Text("Operation") == "Inbound.AcknowledgeLink");
        Assert.Equal(channel, ack.Text("Caller"));
        Assert.StartsWith(Arn(StrictAuditServer.AccountA, "page/seq/"), ack.Text("ResourceArn"), StringComparison.Ordinal);
        Assert.Equal("Success", ack.Text("Outcome"));

        // Other tests on this server move the clock too; this test's advance is the one newer than its start.
        var newerThanStart = events.TakeWhile(e => e.Text("RequestId") != started.RequestId);
        var advance = Assert.Single(newerThanStart, e => e.Text("Operation") == "Admin.AdvanceClock");
        // Signed by A's key, so recorded in A's account with that key as the caller.
        Assert.Equal(StrictAuditServer.KeyA, advance.Text("Caller"));
        Assert.Equal("Success", advance.Text("Outcome"));

        // Newest first: the acknowledgement came after the create.
        Assert.True(events.ToList().FindIndex(e => e.Text("Operation") == "Inbound.AcknowledgeLink")
            < events.ToList().FindIndex(e => e.Text("RequestId") == created.RequestId));
    }

    [Fact]
    public async Task each_record_is_also_one_json_line_in_the_callout_audit_log()
    {
        var created = await Ok(fixture.A.CallAsync("CreateContact", """{"Alias":"logged","Type":"PERSONAL","Plan":{"Stages":[]}}"""));

        var lines = await ServerLog.WaitForAsync(fixture.Server, l => l.Contains("Callout.Audit", StringComparison.Ordinal)
            && l.Contains(created.RequestId!, StringComparison.Ordinal));

        var line = Assert.Single(lines);
        using var json = JsonDocument.Parse(line[line.IndexOf('{', StringComparison.Ordinal)..]);
        var e = json.RootElement;
        Assert.Equal("CreateContact", e.Text("Operation"));
        Assert.Equal("Success", e.Text("Outcome"));
        Assert.Equal(StrictAuditServer.KeyA, e.Text("Caller"));
        Assert.Equal(StrictAuditServer.AccountA, e.Text("AccountId"));
        Assert.Equal(Arn(StrictAuditServer.AccountA, "contact/logged"), e.Text("ResourceArn"));
        Assert.True(DateTimeOffset.TryParse(e.Text("Time"), CultureInfo.InvariantCulture, out _));
    }

    [Fact]
    public async Task another_account_sees_none_of_the_records_and_its_own_only()
    {
        var fromA = await Ok(fixture.A.CallAsync("CreateContact", """{"Alias":"isolated","Type":"PERSONAL","Plan":{"Stages":[]}}"""));
        var fromB = await Ok(fixture.B.CallAsync("CreateContact", """{"Alias":"isolated","Type":"PERSONAL","Plan":{"Stages":[]}}"""));

        var seenByB = await AuditEvents.AllAsync(fixture.B);

        Assert.DoesNotContain(seenByB, e => e.Text("RequestId") == fromA.RequestId);
        Assert.All(seenByB, e => Assert.Equal(StrictAuditServer.AccountB, e.Text("AccountId")));
        Assert.Equal(Arn(StrictAuditServer.AccountB, "contact/isolated"), seenByB.WithRequestId(fromB.RequestId).Text("ResourceArn"));
        var byArn = await AuditEvents.AllAsync(fixture.B, $"\"ResourceArn\":\"{Arn(StrictAuditServer.AccountA, "contact/isolated")}\"");
        Assert.Empty(byArn);
    }

    [Fact]
    public async Task records_page_through_next_tokens_bound_to_the_caller_and_the_filters()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await Ok(fixture.A.CallAsync("TagResource",
                $$$"""{"ResourceARN":"{{{await ContactAsync("paged")}}}","Tags":[{"Key":"k{{{i}}}","Value":"v"}]}"""))).RequestId!);
        }
        var filter = $"\"Operation\":\"TagResource\",\"ResourceArn\":\"{Arn(StrictAuditServer.AccountA, "contact/paged")}\"";

        var pages = new List<JsonElement>();
        string? token = null;
        var calls = 0;
        do
        {
            var body = "{\"MaxResults\":2," + filter + (token is null ? "" : $",\"NextToken\":\"{token}\"") + "}";
            var page = (await Ok(fixture.A.OwnAsync("ListAuditEvents", body))).Json;
            Assert.InRange(page.GetProperty("AuditEvents").GetArrayLength(), 1, 2);
            pages.AddRange(page.GetProperty("AuditEvents").EnumerateArray().Select(e => e.Clone()));
            token = page.TryGetProperty("NextToken", out var next) ? next.GetString() : null;
            calls++;
            if (calls == 1)
            {
                var stolen = await fixture.B.OwnAsync("ListAuditEvents", "{\"MaxResults\":2," + filter + $",\"NextToken\":\"{token}\"}}");
                Assert.Equal("ValidationException", stolen.ErrorType);
                var refiltered = await fixture.A.OwnAsync("ListAuditEvents", $"{{\"MaxResults\":2,\"NextToken\":\"{token}\"}}");
                Assert.Equal("ValidationException", refiltered.ErrorType);
            }
        }
        while (token is not null);

        Assert.Equal(3, calls);
        Assert.Equal(Enumerable.Reverse(ids), pages.Select(e => e.Text("RequestId")));
    }

    [Fact]
    public async Task records_are_filtered_by_time_range()
    {
        var before = (await AuditEvents.AllAsync(fixture.A)).Select(e => e.GetProperty("Time").GetDecimal()).DefaultIfEmpty(0).Max();
        await VirtualTime.AdvanceAsync(fixture.Server.Endpoint, TimeSpan.FromHours(2), StrictAuditServer.SignerA);
        var from = (long)Math.Ceiling(before) + 3600;
        var later = await Ok(fixture.A.CallAsync("CreateContact", """{"Alias":"later","Type":"PERSONAL","Plan":{"Stages":[]}}"""));

        var since = await AuditEvents.AllAsync(fixture.A, $"\"StartTime\":{from}");
        var until = await AuditEvents.AllAsync(fixture.A, $"\"EndTime\":{from}");

        Assert.Contains(since, e => e.Text("RequestId") == later.RequestId);
        Assert.All(since, e => Assert.True(e.GetProperty("Time").GetDecimal() >= from));
        Assert.DoesNotContain(until, e => e.Text("RequestId") == later.RequestId);
        Assert.NotEmpty(until);
    }

    [Fact]
    public async Task a_badly_signed_call_with_a_known_key_is_recorded_and_one_with_an_unknown_key_is_not()
    {
        var badSignature = await fixture.A.SendAsync("SSMContacts.CreateContact",
            """{"Alias":"forged","Type":"PERSONAL","Plan":{"Stages":[]}}""", signWith: "not-the-secret");
        Assert.Equal("InvalidSignatureException", badSignature.ErrorType);
        var unknown = await new SignedClient(fixture.Server.Endpoint, "AKIAUNKNOWNKEY0000", "x").CallAsync("CreateContact",
            """{"Alias":"unknown","Type":"PERSONAL","Plan":{"Stages":[]}}""");
        Assert.Equal("UnrecognizedClientException", unknown.ErrorType);

        var events = await AuditEvents.AllAsync(fixture.A);

        var refused = events.WithRequestId(badSignature.RequestId);
        Assert.Equal("InvalidSignatureException", refused.Text("Outcome"));
        Assert.Equal("CreateContact", refused.Text("Operation"));
        Assert.Equal(StrictAuditServer.KeyA, refused.Text("Caller"));
        Assert.DoesNotContain(events, e => e.Text("RequestId") == unknown.RequestId);
        Assert.DoesNotContain(await AuditEvents.AllAsync(fixture.B), e => e.Text("RequestId") == unknown.RequestId);
    }

    [Theory]
    [InlineData("""{"MaxResults":0}""")]
    [InlineData("""{"MaxResults":1001}""")]
    [InlineData("""{"MaxResults":"ten"}""")]
    [InlineData("""{"StartTime":200,"EndTime":100}""")]
    [InlineData("""{"StartTime":"yesterday"}""")]
    [InlineData("""{"NextToken":"not-a-token"}""")]
    [InlineData("""{"Operation":""}""")]
    [InlineData("""{"ResourceArn":["a"]}""")]
    public async Task a_malformed_listing_is_a_validation_error(string body)
    {
        var response = await fixture.A.OwnAsync("ListAuditEvents", body);

        Assert.Equal(400, response.Status);
        Assert.Equal("ValidationException", response.ErrorType);
    }

    [Fact]
    public async Task an_unsigned_listing_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, fixture.Server.Endpoint);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "Callout.ListAuditEvents");
        request.Content = new StringContent("{}", Encoding.UTF8);
        request.Content.Headers.ContentType = new("application/x-amz-json-1.1");
        using var response = await Http.SendAsync(request);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.DoesNotContain("AuditEvents", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    async Task<string> ContactAsync(string alias)
    {
        var arn = Arn(StrictAuditServer.AccountA, "contact/" + alias);
        var found = await fixture.A.CallAsync("GetContact", $$$"""{"ContactId":"{{{arn}}}"}""");
        if (found.ErrorType == "ResourceNotFoundException")
        {
            await Ok(fixture.A.CallAsync("CreateContact", $$$"""{"Alias":"{{{alias}}}","Type":"PERSONAL","Plan":{"Stages":[]}}"""));
        }
        return arn;
    }

    [GeneratedRegex(@"https?://\S+/_callout/ack/[A-Za-z0-9_\-]+")]
    private static partial Regex AckLink();
}

/// The audit lines are not dropped when the log level drops the per-request lines.
public sealed class AuditLogLevelTests
{
    [Fact]
    public async Task the_audit_line_is_kept_at_log_level_warning_while_the_request_line_is_not()
    {
        await using var server = await ServerProcess.StartAsync(environment: new Dictionary<string, string> { ["CALLOUT_LOG_LEVEL"] = "Warning" });
        var client = ApiClient.ForNewAccount(server.Endpoint);

        var created = await client.CallAsync("CreateContact", """{"Alias":"quiet","Type":"PERSONAL","Plan":{"Stages":[]}}""");

        var audit = await ServerLog.WaitForAsync(server, l => l.Contains(" Callout.Audit[", StringComparison.Ordinal)
            && l.Contains(created.RequestId!, StringComparison.Ordinal));
        Assert.Single(audit);
        Assert.Empty(ServerLog.Lines(server, l => l.Contains("ApiEndpoint", StringComparison.Ordinal)
            && l.Contains(created.RequestId!, StringComparison.Ordinal)));
    }
}
