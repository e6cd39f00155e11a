using Callout.EndToEnd.Harness;
using Callout.Testing;

namespace Callout.EndToEnd.Durability;

/// SIGTERM in the middle of a burst of pages (docs/operations.md, Shutdown): the server exits 0
/// within its --shutdown-timeout, the sends it had with the provider finish, the ones it had not
/// started are handed back, and the next node sends those at once. The virtual clock never moves,
/// so no lease runs out by itself: only the hand-back lets the next node take a step. On SQLite
/// the next node is the same one restarted; on PostgreSQL (CALLOUT_E2E_STORE=postgres) it is a
/// second node under another name, which frees nothing of the first's at start-up.
public sealed class GracefulShutdownTests : IAsyncLifetime
{
    readonly string _dataDir = Path.Combine(Path.GetTempPath(), "callout-shutdown-" + Guid.NewGuid().ToString("N"));
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

    Task<ServerProcess> StartAsync(string node, IEnumerable<string>? extraArgs = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        List<string> args = ["--clock", "virtual", .. extraArgs ?? []];
        return _database is { } db
            ? ServerProcess.StartAsync(null, ["--store", db.ConnectionString, "--node-name", node, .. args], environment)
            : ServerProcess.StartAsync(_dataDir, args, environment);
    }

    Dictionary<string, string> Twilio() => new()
    {
        ["CALLOUT_SMS_PROVIDER"] = "twilio",
        ["CALLOUT_TWILIO_BASE_URL"] = _sink.BaseUrl.ToString(),
        ["CALLOUT_TWILIO_ACCOUNT_SID"] = _sink.AccountSid,
        ["CALLOUT_TWILIO_AUTH_TOKEN"] = _sink.AuthToken,
        ["CALLOUT_TWILIO_FROM"] = "+15005550006",
    };

    static string Number(int i) => $"+1500556{i:0000}";

    /// One account per person, each with one activated SMS channel: an engagement per account makes
    /// a send of its own, so the burst has more sends than the engine has runners (16).
    async Task<List<ApiClient>> SetUpAsync(int people)
    {
        var setup = await StartAsync("first");
        var clients = new List<ApiClient>();
        for (var i = 0; i < people; i++)
        {
            var client = ApiClient.ForNewAccount(setup.Endpoint);
            await client.OkAsync("CreateContact", """{"Alias":"person","Type":"PERSONAL","Plan":{"Stages":[]}}""");
            var contact = client.Arn("contact/person");
            var channel = (await client.OkAsync("CreateContactChannel", $$$"""
                {"ContactId":"{{{contact}}}","Name":"sms","Type":"SMS","DeliveryAddress":{"SimpleAddress":"{{{Number(i)}}}"}}
                """)).GetProperty("ContactChannelArn").GetString();
            var code = await Outbox.LatestCodeAsync(setup.Endpoint, client.Account, Number(i));
            await client.OkAsync("ActivateContactChannel", $$$"""{"ContactChannelId":"{{{channel}}}","ActivationCode":"{{{code}}}"}""");
            await client.OkAsync("UpdateContact", $$$"""
                {"ContactId":"{{{contact}}}","Plan":{"Stages":[{"DurationInMinutes":5,"Targets":[{"ChannelTargetInfo":{"ContactChannelId":"{{{channel}}}"}}]}]}}
                """);
            clients.Add(client);
        }
        Assert.Equal(0, await setup.TerminateAsync(TimeSpan.FromSeconds(30)));
        await setup.DisposeAsync();
        return clients;
    }

    static async Task<List<string>> StartEngagementsAsync(ServerProcess server, IEnumerable<ApiClient> clients)
    {
        var engagements = new List<string>();
        foreach (var client in clients.Select(c => new ApiClient(server.Endpoint, c.Account)))
        {
            engagements.Add((await client.OkAsync("StartEngagement", $$$"""
                {"ContactId":"{{{client.Arn("contact/person")}}}","Sender":"cli","Subject":"db down","Content":"The primary is down"}
                """)).GetProperty("EngagementArn").GetString()!);
        }
        return engagements;
    }

    async Task WaitForMessagesAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (_sink.Messages.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        Assert.True(_sink.Messages.Count >= count, $"the provider got {_sink.Messages.Count} of {count} sends");
    }

    /// Every engagement's one page has exactly one receipt, SENT.
    static async Task AssertEachPageSentOnceAsync(ServerProcess server, IReadOnlyList<ApiClient> clients, IReadOnlyList<string> engagements)
    {
        for (var i = 0; i < clients.Count; i++)
        {
            var client = new ApiClient(server.Endpoint, clients[i].Account);
            var pages = (await client.OkAsync("ListPagesByEngagement", $$$"""{"EngagementId":"{{{engagements[i]}}}"}""")).GetProperty("Pages");
            var page = Assert.Single(pages.EnumerateArray()).GetProperty("PageArn").GetString();
            var receipts = (await client.OkAsync("ListPageReceipts", $$$"""{"PageId":"{{{page}}}"}"""))
                .GetProperty("Receipts").EnumerateArray().Select(r => r.GetProperty("ReceiptType").GetString()).ToList();
            Assert.True(receipts is ["SENT"], $"{Number(i)}: receipts {string.Join(",", receipts)}\n{server.Output}");
        }
    }

    [Fact]
    public async Task sigterm_mid_burst_finishes_the_sends_in_flight_and_the_next_node_sends_the_rest_at_once_each_exactly_once()
    {
        const int People = 24;
        var clients = await SetUpAsync(People);

        // Each send takes the provider two seconds, well inside the drain bound.
        _sink.Slow(TimeSpan.FromSeconds(2));
        var first = await StartAsync("first", ["--shutdown-timeout", "10"], Twilio());
        var engagements = await StartEngagementsAsync(first, clients);
        await WaitForMessagesAsync(1);
        var inFlight = _sink.Messages.Count;
        var exit = await first.TerminateAsync(TimeSpan.FromSeconds(20));
        var firstLog = first.Output;
        await first.DisposeAsync();
        Assert.True(exit == 0, $"exit code {exit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none within 20 s"}\n{firstLog}");
        // The burst was cut: some sends had not reached the provider when the signal came.
        Assert.True(inFlight < People, $"all {People} sends were made before SIGTERM");
        var sentByFirst = _sink.Messages.Count;
        Assert.True(sentByFirst < People, $"the stopping node sent all {People}\n{firstLog}");

        _sink.Slow(TimeSpan.Zero);
        await using var next = await StartAsync("second", environment: Twilio());
        await VirtualTime.AdvanceAsync(next.Endpoint, TimeSpan.Zero);

        // Every number paged, each under one key and exactly once: what the first node had in flight
        // finished there (and was recorded), the rest went out from the next node only.
        var byNumber = _sink.Messages.GroupBy(m => m["To"]!).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(Enumerable.Range(0, People).Select(Number).Order(), byNumber.Keys.Order());
        foreach (var (number, requests) in byNumber)
        {
            Assert.True(requests.Count == 1, $"{number} was sent {requests.Count} times\n{firstLog}\n{next.Output}");
        }
        Assert.Equal(People, _sink.Messages.Select(r => r.Header("I-Twilio-Idempotency-Token")).Distinct().Count());
        await AssertEachPageSentOnceAsync(next, clients, engagements);
    }

    [Fact]
    public async Task sends_still_in_flight_at_the_shutdown_timeout_are_cut_and_go_again_from_the_next_node_under_the_same_keys()
    {
        const int People = 3;
        var clients = await SetUpAsync(People);

        // A provider that never answers: the drain bound, not the sends, ends the stop.
        _sink.Hold();
        var first = await StartAsync("first", ["--shutdown-timeout", "1"], Twilio());
        var engagements = await StartEngagementsAsync(first, clients);
        await WaitForMessagesAsync(People);
        var exit = await first.TerminateAsync(TimeSpan.FromSeconds(15));
        var firstLog = first.Output;
        await first.DisposeAsync();
        Assert.True(exit == 0, $"exit code {exit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none within 15 s"}\n{firstLog}");

        _sink.Answer();
        await using var next = await StartAsync("second", environment: Twilio());
        await VirtualTime.AdvanceAsync(next.Endpoint, TimeSpan.Zero);

        // Cut in flight, so in doubt: sent again, under the key the provider already has.
        var byNumber = _sink.Messages.GroupBy(m => m["To"]!).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(Enumerable.Range(0, People).Select(Number).Order(), byNumber.Keys.Order());
        foreach (var (number, requests) in byNumber)
        {
            Assert.True(requests.Count == 2, $"{number} was sent {requests.Count} times\n{firstLog}\n{next.Output}");
            Assert.Single(requests.Select(r => r.Header("I-Twilio-Idempotency-Token")).Distinct());
        }
        await AssertEachPageSentOnceAsync(next, clients, engagements);
    }
}
