using System.Text.RegularExpressions;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Auth;

/// Under `--auth strict` the outbox and the clock need a request signed as for the API and answer
/// refusals as the API does; the outbox shows only the signer's account and region. What carries
/// a proof of its own (acknowledgement links) and the health probes stay open
/// (docs/security.md, "Surfaces").
public sealed partial class SignedAdminTests(StrictServerFixture fixture) : IClassFixture<StrictServerFixture>
{
    static void AssertRefused(HttpAnswer answer, string code, int status = 400)
    {
        Assert.True(answer.Status == status, $"HTTP {answer.Status}: {answer.Text}");
        Assert.Equal(code, answer.ErrorType);
        Assert.Equal("application/x-amz-json-1.1", answer.ContentType);
        Assert.Equal(code, answer.Json.GetProperty("__type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(answer.Json.GetProperty("Message").GetString()));
        Assert.DoesNotContain("Messages", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_unsigned_outbox_request_is_missing_its_authentication_token_as_the_api_says()
    {
        var outbox = await fixture.Unsigned.GetAsync("_callout/outbox");
        var api = await fixture.Unsigned.SendAsync(HttpMethod.Post, "/", "{}", "application/x-amz-json-1.1",
            new Dictionary<string, string> { ["X-Amz-Target"] = "SSMContacts.ListContacts" });

        AssertRefused(outbox, "MissingAuthenticationTokenException");
        Assert.Equal((api.Status, api.ErrorType), (outbox.Status, outbox.ErrorType));
    }

    [Fact]
    public async Task an_outbox_request_signed_with_a_wrong_secret_is_an_invalid_signature() =>
        AssertRefused(await fixture.As(StrictServerFixture.KeyA, "wrong-secret").GetAsync("_callout/outbox"), "InvalidSignatureException");

    [Fact]
    public async Task an_outbox_request_signed_by_an_unknown_key_is_unrecognized() =>
        AssertRefused(await fixture.As("AKIAUNKNOWNKEY", StrictServerFixture.SecretA).GetAsync("_callout/outbox"), "UnrecognizedClientException");

    [Fact]
    public async Task an_outbox_request_signed_for_another_service_is_refused() =>
        AssertRefused(await new SignedHttp(fixture.Endpoint,
            new Callout.Testing.SigV4TestSigner(StrictServerFixture.KeyA, StrictServerFixture.SecretA, "us-east-1", "sts")).GetAsync("_callout/outbox"),
            "InvalidSignatureException");

    [Fact]
    public async Task a_signature_over_another_query_does_not_open_the_outbox()
    {
        // Signed for ?limit=1, sent with ?limit=1000: the signature covers the query.
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.Endpoint, "_callout/outbox?limit=1"));
        new Callout.Testing.SigV4TestSigner(StrictServerFixture.KeyA, StrictServerFixture.SecretA, "us-east-1").Sign(request);
        request.RequestUri = new Uri(fixture.Endpoint, "_callout/outbox?limit=1000");
        using var http = new HttpClient();
        using var response = await http.SendAsync(request);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("InvalidSignatureException", response.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task each_signed_caller_sees_only_its_own_accounts_and_regions_messages()
    {
        var mine = await ChannelAsync(fixture.A(), "mine");
        var theirs = await ChannelAsync(fixture.B(), "theirs");
        var elsewhere = await ChannelAsync(fixture.A("eu-west-1"), "elsewhere");

        var seenByA = await fixture.A().OutboxAsync();
        var seenByB = await fixture.B().OutboxAsync();
        var seenByAInEurope = await fixture.A("eu-west-1").OutboxAsync();

        Assert.Contains(seenByA, m => m.GetProperty("Address").GetString() == mine);
        Assert.All(seenByA, m => Assert.Equal((StrictServerFixture.AccountA, "us-east-1"), Scope(m)));
        Assert.Contains(seenByB, m => m.GetProperty("Address").GetString() == theirs);
        Assert.All(seenByB, m => Assert.Equal((StrictServerFixture.AccountB, "us-east-1"), Scope(m)));
        Assert.Contains(seenByAInEurope, m => m.GetProperty("Address").GetString() == elsewhere);
        Assert.All(seenByAInEurope, m => Assert.Equal((StrictServerFixture.AccountA, "eu-west-1"), Scope(m)));
    }

    [Fact]
    public async Task the_clock_needs_a_signature_to_be_read_or_moved()
    {
        var before = await VirtualTime.NowAsync(fixture.Endpoint, fixture.A().Signer);

        AssertRefused(await fixture.Unsigned.GetAsync("_callout/clock"), "MissingAuthenticationTokenException");
        AssertRefused(await fixture.Unsigned.SendAsync(HttpMethod.Post, "_callout/clock/advance", """{"seconds": 3600}"""),
            "MissingAuthenticationTokenException");
        AssertRefused(await fixture.As(StrictServerFixture.KeyB, "wrong-secret").SendAsync(HttpMethod.Post, "_callout/clock/advance", """{"seconds": 3600}"""),
            "InvalidSignatureException");
        Assert.Equal(before, await VirtualTime.NowAsync(fixture.Endpoint, fixture.A().Signer));

        var after = await VirtualTime.AdvanceAsync(fixture.Endpoint, TimeSpan.FromSeconds(60), fixture.B().Signer);
        Assert.True(after - before >= 60, $"{before} -> {after}");
    }

    [Fact]
    public async Task the_health_probes_need_no_signature()
    {
        Assert.Equal(200, (await fixture.Unsigned.GetAsync("health")).Status);
        Assert.Equal(200, (await fixture.Unsigned.GetAsync("health/live")).Status);
    }

    [Fact]
    public async Task an_acknowledgement_link_needs_no_signature_its_token_is_the_proof()
    {
        var a = fixture.A();
        var alias = "ack-" + Guid.NewGuid().ToString("N")[..8];
        var address = $"{alias}@example.com";
        var contact = (await a.ApiAsync("CreateContact", $$$"""{"Alias":"{{{alias}}}","Type":"PERSONAL","Plan":{"Stages":[]}}"""))
            .GetProperty("ContactArn").GetString()!;
        var channel = (await a.ApiAsync("CreateContactChannel", $$$"""
            {"ContactId":"{{{contact}}}","Name":"mail","Type":"EMAIL","DeliveryAddress":{"SimpleAddress":"{{{address}}}"}}
            """)).GetProperty("ContactChannelArn").GetString()!;
        var code = SixDigits().Match(Body(await a.OutboxAsync(), address, "ACTIVATION")).Value;
        await a.ApiAsync("ActivateContactChannel", $$$"""{"ContactChannelId":"{{{channel}}}","ActivationCode":"{{{code}}}"}""");
        await a.ApiAsync("UpdateContact", $$$"""
            {"ContactId":"{{{contact}}}","Plan":{"Stages":[{"DurationInMinutes":5,"Targets":[{"ChannelTargetInfo":{"ContactChannelId":"{{{channel}}}","RetryIntervalInMinutes":1}}]}]}}
            """);
        var engagement = (await a.ApiAsync("StartEngagement", $$$"""{"ContactId":"{{{contact}}}","Sender":"s","Subject":"disk full","Content":"df"}"""))
            .GetProperty("EngagementArn").GetString()!;
        await VirtualTime.AdvanceAsync(fixture.Endpoint, TimeSpan.Zero, a.Signer);
        var link = AckLink().Match(Body(await a.OutboxAsync(), address, "PAGE")).Value;
        Assert.StartsWith(fixture.Endpoint + "_callout/ack/", link, StringComparison.Ordinal);
        var relative = new Uri(link).PathAndQuery.TrimStart('/');

        var shown = await fixture.Unsigned.GetAsync(relative);
        var acknowledged = await fixture.Unsigned.SendAsync(HttpMethod.Post, relative);

        Assert.True(shown.Status == 200, $"HTTP {shown.Status}: {shown.Text}");
        Assert.True(acknowledged.Status == 200, $"HTTP {acknowledged.Status}: {acknowledged.Text}");
        var pages = await a.ApiAsync("ListPagesByEngagement", $$$"""{"EngagementId":"{{{engagement}}}"}""");
        Assert.Contains(pages.GetProperty("Pages").EnumerateArray(), p => p.TryGetProperty("ReadTime", out _));
    }

    /// A new EMAIL channel in the caller's account and region, whose activation code lands in the
    /// outbox; returns its address.
    internal static async Task<string> ChannelAsync(SignedHttp caller, string name)
    {
        var alias = name + "-" + Guid.NewGuid().ToString("N")[..8];
        var contact = (await caller.ApiAsync("CreateContact", $$$"""{"Alias":"{{{alias}}}","Type":"PERSONAL","Plan":{"Stages":[]}}"""))
            .GetProperty("ContactArn").GetString()!;
        var address = $"{alias}@example.com";
        await caller.ApiAsync("CreateContactChannel", $$$"""
            {"ContactId":"{{{contact}}}","Name":"mail","Type":"EMAIL","DeliveryAddress":{"SimpleAddress":"{{{address}}}"}}
            """);
        return address;
    }

    static (string?, string?) Scope(System.Text.Json.JsonElement m) => (m.GetProperty("AccountId").GetString(), m.GetProperty("Region").GetString());

    static string Body(IReadOnlyList<System.Text.Json.JsonElement> messages, string address, string kind) =>
        messages.First(m => m.GetProperty("Address").GetString() == address && m.GetProperty("Kind").GetString() == kind)
            .GetProperty("Body").GetString()!;

    [GeneratedRegex(@"\b[0-9]{6}\b")]
    private static partial Regex SixDigits();

    [GeneratedRegex(@"https?://\S+/_callout/ack/[^\s""<>]+")]
    private static partial Regex AckLink();
}
