using System.Diagnostics;
using Callout.EndToEnd.Harness;
using Npgsql;

namespace Callout.EndToEnd.Durability;

/// A PostgreSQL store is backed up with pg_dump and restored with pg_restore, as docs/operations.md
/// (Backups) says: the schema is dumped, lost, restored, and a server started on it serves what it
/// held and takes new writes.
public sealed class PostgresDumpTests
{
    [Fact]
    public async Task a_schema_dumped_with_pg_dump_and_restored_with_pg_restore_serves_its_data()
    {
        await using var database = await Postgres.CreateSchemaAsync();
        var dump = Path.Combine(Path.GetTempPath(), $"callout-{database.Schema}.dump");
        string account;
        string page;
        await using (var server = await ServerProcess.StartAsync(null, ["--store", database.ConnectionString]))
        {
            var client = ApiClient.ForNewAccount(server.Endpoint);
            account = client.Account;
            await client.OkAsync("CreateContact", """{"Alias":"jane","Type":"PERSONAL","Plan":{"Stages":[]}}""");
            var channel = (await client.OkAsync("CreateContactChannel", $$$"""
                {"ContactId":"{{{client.Arn("contact/jane")}}}","Name":"mail","Type":"EMAIL","DeliveryAddress":{"SimpleAddress":"jane@example.com"}}
                """)).GetProperty("ContactChannelArn").GetString();
            var code = await Outbox.LatestCodeAsync(server.Endpoint, client.Account, "jane@example.com");
            await client.OkAsync("ActivateContactChannel", $$"""{"ContactChannelId":"{{channel}}","ActivationCode":"{{code}}"}""");
            await client.OkAsync("UpdateContact", $$$"""
                {"ContactId":"{{{client.Arn("contact/jane")}}}","Plan":{"Stages":[{"DurationInMinutes":5,"Targets":[{"ChannelTargetInfo":{"ContactChannelId":"{{{channel}}}"}}]}]}}
                """);
            var engagement = (await client.OkAsync("StartEngagement", $$"""
                {"ContactId":"{{client.Arn("contact/jane")}}","Sender":"cli","Subject":"db down","Content":"The primary is down"}
                """)).GetProperty("EngagementArn").GetString();
            page = await SentPageAsync(client, engagement!);
            await server.StopAsync();
        }

        try
        {
            await RunAsync("pg_dump", database, ["--format=custom", "--schema", database.Schema, "--file", dump]);
            await using (var connection = new NpgsqlConnection(database.ConnectionString))
            {
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP SCHEMA {database.Schema} CASCADE", connection);
                await drop.ExecuteNonQueryAsync();
            }
            await RunAsync("pg_restore", database, [dump]);
        }
        finally
        {
            File.Delete(dump);
        }

        await using var restored = await ServerProcess.StartAsync(null, ["--store", database.ConnectionString]);
        var api = new ApiClient(restored.Endpoint, account);
        Assert.Equal("jane", (await api.OkAsync("GetContact", $$"""{"ContactId":"{{api.Arn("contact/jane")}}"}""")).GetProperty("Alias").GetString());
        var receipts = (await api.OkAsync("ListPageReceipts", $$"""{"PageId":"{{page}}"}""")).GetProperty("Receipts")
            .EnumerateArray().Select(r => r.GetProperty("ReceiptType").GetString()).ToList();
        Assert.Equal(["SENT"], receipts);
        await api.OkAsync("CreateContact", """{"Alias":"after-restore","Type":"PERSONAL","Plan":{"Stages":[]}}""");
        Assert.Equal(2, (await api.OkAsync("ListContacts", "{}")).GetProperty("Contacts").GetArrayLength());
    }

    static async Task<string> SentPageAsync(ApiClient client, string engagement)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var pages = (await client.OkAsync("ListPagesByEngagement", $$"""{"EngagementId":"{{engagement}}"}""")).GetProperty("Pages");
            if (pages.GetArrayLength() == 1 && pages[0].TryGetProperty("SentTime", out _))
            {
                return pages[0].GetProperty("PageArn").GetString()!;
            }
            Assert.True(DateTime.UtcNow < deadline, "the page was not sent");
            await Task.Delay(50);
        }
    }

    /// pg_dump or pg_restore against the test database, with the connection's host, port, user,
    /// password and database.
    static async Task RunAsync(string tool, Postgres database, IEnumerable<string> args)
    {
        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])["--host", connection.Host!, "--port", connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--username", connection.Username!, "--dbname", connection.Database!, "--no-owner", .. args])
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["PGPASSWORD"] = connection.Password ?? "";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool}: {await output}{await error}");
    }
}
