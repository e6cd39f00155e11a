using Callout.EndToEnd.Harness;
using Callout.Testing;

namespace Callout.EndToEnd.Durability;

/// Sends in flight when the server is killed (`kill -9`) go out again after the restart, at once
/// and with the same idempotency keys: every person is paged, and a repeat reaches the provider
/// only under the key it already has, so a provider that honours keys (Twilio) drops it.
/// On SQLite, or on PostgreSQL under CALLOUT_E2E_STORE=postgres.
public sealed class KillMidSendTests : IAsyncLifetime
{
    const int People = 8;

    readonly string _dataDir = Path.Combine(Path.GetTempPath(), "callout-killsend-" + Guid.NewGuid().ToString("N"));
    Postgres? _database;
    HttpProviderSink _sink = null!;

    public async Task InitializeAsync()
    {
        _sink = await HttpProviderSink.StartAsync();
        if (Environment.GetEnvironmentVariable("CALLOUT_E2E_STORE") == "postgres")
        {
            _database = await Postgres.CreateSchemaAsync();
        }
    }

    public async Task DisposeAsync()
    {
        await _sink.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    /// The same store every time; on PostgreSQL the node keeps its default name across restarts.
    Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string>? environment = null) => _database is { } db
        ? ServerProcess.StartAsync(null, ["--store", db.ConnectionString, "--clock", "virtual"], environment)
        : ServerProcess.StartAsync(_dataDir, ["--clock", "virtual"], environment);

    Dictionary<string, string> Twilio() => new()
    {
        ["CALLOUT_SMS_PROVIDER"] = "twilio",
        ["CALLOUT_TWILIO_BASE_URL"] = _sink.BaseUrl.ToString(),
        ["CALLOUT_TWILIO_ACCOUNT_SID"] = _sink.AccountSid,
        ["CALLOUT_TWILIO_AUTH_TOKEN"] = _sink.AuthToken,
        ["CALLOUT_TWILIO_FROM"] = "+15005550006",
    };

    static string Number(int i) => $"+1500555{i:0000}";

    [Fact]
    public async Task sends_in_flight_at_a_kill_go_again_at_restart_under_the_same_keys()
    {
        // Set up with the local outbox, where the activation codes can be read: one contact per
        // person, all of them in the one stage of an escalation plan.
        var setup = await StartAsync();
        var client = ApiClient.ForNewAccount(setup.Endpoint);
        var targets = new List<string>();
        for (var i = 0; i < People; i++)
        {
            var alias = "person" + i;
            await client.OkAsync("CreateContact", $$$"""{"Alias":"{{{alias}}}","Type":"PERSONAL","Plan":{"Stages":[]}}""");
            var contact = client.Arn("contact/" + alias);
            var channel = (await client.OkAsync("CreateContactChannel", $$$"""
                {"ContactId":"{{{contact}}}","Name":"sms","Type":"SMS","DeliveryAddress":{"SimpleAddress":"{{{Number(i)}}}"}}
                """)).GetProperty("ContactChannelArn").GetString();
            var code = await Outbox.LatestCodeAsync(setup.Endpoint, client.Account, Number(i));
            await client.OkAsync("ActivateContactChannel", $$$"""{"ContactChannelId":"{{{channel}}}","ActivationCode":"{{{code}}}"}""");
            await client.OkAsync("UpdateContact", $$$"""
                {"ContactId":"{{{contact}}}","Plan":{"Stages":[{"DurationInMinutes":5,"Targets":[{"ChannelTargetInfo":{"ContactChannelId":"{{{channel}}}"}}]}]}}
                """);
            targets.Add($$$"""{"ContactTargetInfo":{"ContactId":"{{{contact}}}","IsEssential":true}}""");
        }
        await client.OkAsync("CreateContact", $$$"""
            {"Alias":"oncall","Type":"ESCALATION","Plan":{"Stages":[{"DurationInMinutes":5,"Targets":[{{{string.Join(",", targets)}}}]}]}}
            """);
        await setup.StopAsync();
        await setup.DisposeAsync();

        // A slow provider: it takes every request and answers none, so all the sends are in
        // flight when the server is killed.
        _sink.Hold();
        var server = await StartAsync(Twilio());
        client = new ApiClient(server.Endpoint, client.Account);
        var engagement = (await client.OkAsync("StartEngagement", $$$"""
            {"ContactId":"{{{client.Arn("contact/oncall")}}}","Sender":"cli","Subject":"db down","Content":"The primary is down"}
            """)).GetProperty("EngagementArn").GetString();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (_sink.Messages.Select(m => m["To"]).Distinct().Count() < People && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.Equal(People, _sink.Messages.Count);
        await server.KillAsync();
        await server.DisposeAsync();

        // The provider answers again. The virtual clock does not move, so the killed server's
        // leases (a minute long) have not run out: only the restart's release frees the steps.
        _sink.Answer();
        await using var restarted = await StartAsync(Twilio());
        client = new ApiClient(restarted.Endpoint, client.Account);
        await VirtualTime.AdvanceAsync(restarted.Endpoint, TimeSpan.Zero);

        var byNumber = _sink.Messages.GroupBy(m => m["To"]!).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(Enumerable.Range(0, People).Select(Number).Order(), byNumber.Keys.Order());
        foreach (var (number, requests) in byNumber)
        {
            // Sent before the kill and again after it, and only ever under one key.
            Assert.True(requests.Count >= 2, $"{number} was sent {requests.Count} time(s)\n{restarted.Output}");
            Assert.Single(requests.Select(r => r.Header("I-Twilio-Idempotency-Token")).Distinct());
        }
        Assert.Equal(People, _sink.Messages.Select(r => r.Header("I-Twilio-Idempotency-Token")).Distinct().Count());

        var pages = (await client.OkAsync("ListPagesByEngagement", $$$"""{"EngagementId":"{{{engagement}}}"}""")).GetProperty("Pages");
        Assert.Equal(People, pages.GetArrayLength());
        foreach (var page in pages.EnumerateArray())
        {
            var receipts = (await client.OkAsync("ListPageReceipts", $$$"""{"PageId":"{{{page.GetProperty("PageArn").GetString()}}}"}"""))
                .GetProperty("Receipts").EnumerateArray().Select(r => r.GetProperty("ReceiptType").GetString()).ToList();
            Assert.Equal(["SENT"], receipts);
        }
    }
}
