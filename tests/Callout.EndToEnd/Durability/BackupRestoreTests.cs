using System.Text.Json;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Durability;

/// `callout backup` and `callout restore` on the SQLite store (docs/operations.md, Backups): a
/// backup taken while a server writes and pages is one consistent snapshot, a restore copies every
/// row of it, and a server started on the restored directory serves every engagement, page and
/// receipt it holds. Restore refuses a directory a server is running on, and one that already
/// holds a database unless told --force.
public sealed class BackupRestoreTests : IDisposable
{
    const int People = 4;

    readonly string _temp = Directory.CreateTempSubdirectory("callout-backup-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    string Dir(string name) => Path.Combine(_temp, name);

    /// People personal contacts, each with an activated email channel (the outbox) in their plan.
    static async Task<ApiClient> SetUpAsync(ServerProcess server)
    {
        var client = ApiClient.ForNewAccount(server.Endpoint);
        for (var i = 0; i < People; i++)
        {
            var contact = client.Arn("contact/person" + i);
            var address = $"person{i}@example.com";
            await client.OkAsync("CreateContact", $$$"""{"Alias":"person{{{i}}}","Type":"PERSONAL","Plan":{"Stages":[]}}""");
            var channel = (await client.OkAsync("CreateContactChannel", $$$"""
                {"ContactId":"{{{contact}}}","Name":"mail","Type":"EMAIL","DeliveryAddress":{"SimpleAddress":"{{{address}}}"}}
                """)).GetProperty("ContactChannelArn").GetString();
            var code = await Outbox.LatestCodeAsync(server.Endpoint, client.Account, address);
            await client.OkAsync("ActivateContactChannel", $$$"""{"ContactChannelId":"{{{channel}}}","ActivationCode":"{{{code}}}"}""");
            await client.OkAsync("UpdateContact", $$$"""
                {"ContactId":"{{{contact}}}","Plan":{"Stages":[{"DurationInMinutes":5,"Targets":[{"ChannelTargetInfo":{"ContactChannelId":"{{{channel}}}"}}]}]}}
                """);
        }
        return client;
    }

    /// Writes (a new contact) and pages (an engagement) one after another until cancelled; counts
    /// what succeeded and keeps what failed.
    sealed class Load(ApiClient client)
    {
        int _done;

        public int Done => Volatile.Read(ref _done);

        public List<string> Failures { get; } = [];

        public async Task RunAsync(CancellationToken ct)
        {
            for (var n = 0; !ct.IsCancellationRequested; n++)
            {
                var answer = n % 2 == 0
                    ? await client.CallAsync("CreateContact", $$$"""{"Alias":"load{{{n}}}","Type":"PERSONAL","Plan":{"Stages":[]}}""")
                    : await client.CallAsync("StartEngagement", $$$"""
                        {"ContactId":"{{{client.Arn("contact/person" + (n % People))}}}","Sender":"load","Subject":"s{{{n}}}","Content":"c{{{n}}}"}
                        """);
                if (answer.Status == 200)
                {
                    Interlocked.Increment(ref _done);
                }
                else
                {
                    Failures.Add($"{answer.Status} {answer.Text}");
                }
            }
        }
    }

    static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(20);
        }
    }

    /// Every row of every table, in a stable order, as Python's sqlite3 reads them.
    static Task<string> RowsAsync(string file) => PythonScript.RunAsync($$"""
        import sqlite3, json
        db = sqlite3.connect("file:{{file}}?mode=ro", uri=True)
        tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        print(json.dumps({t: sorted(repr(r) for r in db.execute(f'SELECT * FROM "{t}"')) for t in tables}))
        """);

    static async Task<JsonElement> QueryAsync(string file, string sql) => JsonDocument.Parse(await PythonScript.RunAsync($$"""
        import sqlite3, json
        db = sqlite3.connect("file:{{file}}?mode=ro", uri=True)
        print(json.dumps([list(r) for r in db.execute("{{sql}}")]))
        """)).RootElement;

    static async Task<List<JsonElement>> ListAllAsync(ApiClient client, string operation, string request, string member)
    {
        var items = new List<JsonElement>();
        string? token = null;
        do
        {
            var body = request;
            if (token is not null)
            {
                var withToken = System.Text.Json.Nodes.JsonNode.Parse(request)!.AsObject();
                withToken["NextToken"] = token;
                body = withToken.ToJsonString();
            }
            var page = await client.OkAsync(operation, body);
            items.AddRange(page.GetProperty(member).EnumerateArray().Select(e => e.Clone()));
            token = page.TryGetProperty("NextToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);
        return items;
    }

    static string IdOf(string arn) => arn[(arn.LastIndexOf('/') + 1)..];

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task a_backup_taken_under_writes_and_pages_restores_into_a_server_that_serves_every_row_and_page_of_it()
    {
        var data = Dir("data");
        var backup = Dir("callout-backup.db");
        List<string> failures;
        string account;
        await using (var server = await ServerProcess.StartAsync(data))
        {
            var client = await SetUpAsync(server);
            account = client.Account;
            var load = new Load(client);
            using var stop = new CancellationTokenSource();
            var running = load.RunAsync(stop.Token);
            await UntilAsync(() => load.Done >= 20, "the load to start");

            var before = load.Done;
            var exit = await ServerCommand.RunToExitAsync(["backup", backup, "--data-dir", data]);
            var during = load.Done - before;
            await UntilAsync(() => load.Done >= before + during + 10, "the load to go on after the backup");
            await stop.CancelAsync();
            await running;
            failures = load.Failures;

            Assert.True(exit.Code == 0, exit.Stdout + exit.Stderr);
            Assert.Contains("integrity check ok", exit.Stdout, StringComparison.Ordinal);
            // Writes went on while the backup ran, and none failed.
            Assert.True(during > 0, "no request succeeded while the backup ran");
        }
        Assert.Empty(failures);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backup));
        Assert.Empty(Directory.GetFiles(_temp, ".*partial*"));

        // The snapshot is consistent: every page belongs to an engagement and every receipt to a
        // page of the backup, and engagements were caught mid-flight with pages of their own.
        var engagements = await QueryAsync(backup, $"SELECT id FROM engagements WHERE account_id = '{account}'");
        var pages = await QueryAsync(backup, $"SELECT id, engagement_id FROM pages WHERE account_id = '{account}'");
        var receipts = await QueryAsync(backup, $"SELECT page_id, kind FROM receipts WHERE account_id = '{account}' ORDER BY seq");
        var contacts = await QueryAsync(backup, $"SELECT alias FROM contacts WHERE account_id = '{account}'");
        var engagementIds = engagements.EnumerateArray().Select(e => e[0].GetString()!).ToHashSet();
        var pageIds = pages.EnumerateArray().Select(p => p[0].GetString()!).ToHashSet();
        Assert.True(engagementIds.Count >= 5, $"{engagementIds.Count} engagements in the backup");
        Assert.All(pages.EnumerateArray(), p => Assert.Contains(p[1].GetString()!, engagementIds));
        Assert.All(receipts.EnumerateArray(), r => Assert.Contains(r[0].GetString()!, pageIds));

        var restored = Dir("restored");
        var restore = await ServerCommand.RunToExitAsync(["restore", backup, "--data-dir", restored]);
        Assert.True(restore.Code == 0, restore.Stdout + restore.Stderr);
        var database = Path.Combine(restored, "callout.db");
        Assert.Equal(await RowsAsync(backup), await RowsAsync(database));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(database));

        // A server on the restored directory serves all of it. The virtual clock keeps escalations
        // from moving on; sends the snapshot caught pending go out, adding receipts after those
        // the backup has.
        await using var second = await ServerProcess.StartAsync(restored, ["--clock", "virtual"]);
        await VirtualTime.AdvanceAsync(second.Endpoint, TimeSpan.Zero);
        var api = new ApiClient(second.Endpoint, account);
        var listedContacts = await ListAllAsync(api, "ListContacts", "{}", "Contacts");
        Assert.Equal(contacts.EnumerateArray().Select(c => c[0].GetString()).Order(), listedContacts.Select(c => c.GetProperty("Alias").GetString()).Order());
        var listedEngagements = await ListAllAsync(api, "ListEngagements", "{}", "Engagements");
        Assert.Equal(engagementIds.Order(), listedEngagements.Select(e => IdOf(e.GetProperty("EngagementArn").GetString()!)).Order());
        foreach (var engagement in listedEngagements)
        {
            var arn = engagement.GetProperty("EngagementArn").GetString()!;
            var served = (await ListAllAsync(api, "ListPagesByEngagement", $$"""{"EngagementId":"{{arn}}"}""", "Pages"))
                .Select(p => p.GetProperty("PageArn").GetString()!).ToList();
            var backedUp = pages.EnumerateArray().Where(p => p[1].GetString() == IdOf(arn)).Select(p => p[0].GetString()!).ToList();
            Assert.Superset(backedUp.ToHashSet(), served.Select(IdOf).ToHashSet());
            foreach (var page in served.Where(p => backedUp.Contains(IdOf(p))))
            {
                var servedReceipts = (await ListAllAsync(api, "ListPageReceipts", $$"""{"PageId":"{{page}}"}""", "Receipts"))
                    .Select(r => r.GetProperty("ReceiptType").GetString()!).ToList();
                var backedUpReceipts = receipts.EnumerateArray().Where(r => r[0].GetString() == IdOf(page)).Select(r => r[1].GetString()!).ToList();
                Assert.Equal(backedUpReceipts, servedReceipts.Take(backedUpReceipts.Count));
                // Every page is sent by now: pending in the snapshot, it went out from the restored server.
                Assert.Contains("SENT", servedReceipts);
            }
        }
    }

    [Fact]
    public async Task restore_refuses_a_directory_a_server_runs_on_and_replaces_a_database_only_with_force()
    {
        var data = Dir("data");
        var backup = Dir("backup.db");
        string account;
        await using (var server = await ServerProcess.StartAsync(data))
        {
            var client = ApiClient.ForNewAccount(server.Endpoint);
            account = client.Account;
            await client.OkAsync("CreateContact", """{"Alias":"backed-up","Type":"PERSONAL","Plan":{"Stages":[]}}""");
            Assert.Equal(0, (await ServerCommand.RunToExitAsync(["backup", backup, "--data-dir", data])).Code);
            await client.OkAsync("CreateContact", """{"Alias":"after-the-backup","Type":"PERSONAL","Plan":{"Stages":[]}}""");

            var refused = await ServerCommand.RunToExitAsync(["restore", backup, "--data-dir", data, "--force"]);
            Assert.Equal(1, refused.Code);
            Assert.Contains("stop it before restoring", refused.Stderr, StringComparison.Ordinal);
            // The running server's data is untouched.
            Assert.Equal(200, (await client.CallAsync("GetContact", $$"""{"ContactId":"{{client.Arn("contact/after-the-backup")}}"}""")).Status);
            await server.StopAsync();
        }

        var unforced = await ServerCommand.RunToExitAsync(["restore", backup, "--data-dir", data]);
        Assert.Equal(1, unforced.Code);
        Assert.Contains("--force", unforced.Stderr, StringComparison.Ordinal);

        var forced = await ServerCommand.RunToExitAsync(["restore", backup, "--data-dir", data, "--force"]);
        Assert.True(forced.Code == 0, forced.Stdout + forced.Stderr);
        var kept = Assert.Single(Directory.GetFiles(data, "callout.db.replaced-*"), f => !f.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal));
        Assert.Contains("after-the-backup", await RowsAsync(kept), StringComparison.Ordinal);

        await using var restored = await ServerProcess.StartAsync(data);
        var api = new ApiClient(restored.Endpoint, account);
        Assert.Equal(200, (await api.CallAsync("GetContact", $$"""{"ContactId":"{{api.Arn("contact/backed-up")}}"}""")).Status);
        Assert.Equal("ResourceNotFoundException", (await api.CallAsync("GetContact", $$"""{"ContactId":"{{api.Arn("contact/after-the-backup")}}"}""")).ErrorType);
    }

    [Fact]
    public async Task restore_refuses_a_file_that_is_no_callout_database_and_changes_nothing()
    {
        var notADatabase = Dir("notes.txt");
        await File.WriteAllTextAsync(notADatabase, "not a database");
        var empty = Dir("empty.db");
        await PythonScript.RunAsync($$"""
            import sqlite3
            db = sqlite3.connect("{{empty}}")
            db.execute("CREATE TABLE t (x)")
            db.commit()
            """);

        var garbage = await ServerCommand.RunToExitAsync(["restore", notADatabase, "--data-dir", Dir("a")]);
        var foreign = await ServerCommand.RunToExitAsync(["restore", empty, "--data-dir", Dir("b")]);

        Assert.Equal(1, garbage.Code);
        Assert.Contains("not a database", garbage.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, foreign.Code);
        Assert.Contains("is not a Callout database", foreign.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Dir("a"), "callout.db")));
        Assert.False(File.Exists(Path.Combine(Dir("b"), "callout.db")));
    }
}
