using System.Diagnostics;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Durability;

/// A real full disk: the data directory on a small tmpfs, filled up while the server runs. Needs
/// root to mount the tmpfs (CI runs as root); skipped, saying so, otherwise.
public sealed class FullDiskTests : IAsyncLifetime
{
    readonly string _mount = Path.Combine(Path.GetTempPath(), "callout-full-" + Guid.NewGuid().ToString("N"));

    string DataDir => Path.Combine(_mount, "data");

    string Filler => Path.Combine(_mount, "filler");

    public async Task InitializeAsync()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return;
        }
        Directory.CreateDirectory(_mount);
        await RunAsync("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", _mount);
    }

    public async Task DisposeAsync()
    {
        if (Directory.Exists(_mount))
        {
            await RunAsync("umount", "-l", _mount);
            Directory.Delete(_mount, recursive: true);
        }
    }

    static async Task RunAsync(string command, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(command, args) { RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{command} failed: {error}");
    }

    /// Writes until the file system says it is full.
    async Task FillAsync()
    {
        var chunk = new byte[64 * 1024];
        await using var filler = new FileStream(Filler, FileMode.Create, FileAccess.Write);
        try
        {
            while (true)
            {
                await filler.WriteAsync(chunk);
                await filler.FlushAsync();
            }
        }
        catch (IOException)
        {
            // ENOSPC.
        }
    }

    [RootFact]
    public async Task a_full_disk_is_answered_with_service_unavailable_and_work_goes_on_when_space_returns()
    {
        await using var server = await ServerProcess.StartAsync(DataDir, ["--clock", "virtual"]);
        var client = ApiClient.ForNewAccount(server.Endpoint);
        await client.OkAsync("CreateContact", """{"Alias":"akuam","Type":"PERSONAL","Plan":{"Stages":[]}}""");
        var contact = client.Arn("contact/akuam");
        var channel = (await client.OkAsync("CreateContactChannel", $$$"""
            {"ContactId":"{{{contact}}}","Name":"email","Type":"EMAIL","DeliveryAddress":{"SimpleAddress":"akuam@example.com"}}
            """)).GetProperty("ContactChannelArn").GetString();
        var code = await Outbox.LatestCodeAsync(server.Endpoint, client.Account, "akuam@example.com");
        await client.OkAsync("ActivateContactChannel", $$$"""{"ContactChannelId":"{{{channel}}}","ActivationCode":"{{{code}}}"}""");
        await client.OkAsync("UpdateContact", $$$"""
            {"ContactId":"{{{contact}}}","Plan":{"Stages":[{"DurationInMinutes":10,"Targets":[{"ChannelTargetInfo":{"ContactChannelId":"{{{channel}}}","RetryIntervalInMinutes":1}}]}]}}
            """);
        var engagement = (await client.OkAsync("StartEngagement", $$$"""
            {"ContactId":"{{{contact}}}","Sender":"cli","Subject":"db down","Content":"The primary is down"}
            """)).GetProperty("EngagementArn").GetString();
        await VirtualTime.AdvanceAsync(server.Endpoint, TimeSpan.Zero);

        await FillAsync();
        // Writes fail once SQLite needs a page the disk does not have; none of them is a 500.
        var refused = 0;
        for (var i = 0; i < 3000 && refused == 0; i++)
        {
            var response = await client.CallAsync("CreateContact",
                $$$"""{"Alias":"filler-{{{i}}}","DisplayName":"{{{new string('x', 250)}}}","Type":"PERSONAL","Plan":{"Stages":[]}}""");
            if (response.Status != 200)
            {
                Assert.Equal((503, "ServiceUnavailable"), (response.Status, response.ErrorType));
                refused++;
            }
        }
        Assert.Equal(1, refused);
        // The engine's sends due meanwhile fail too; it keeps running. The clock moves, but cannot
        // save its time, and says so.
        using (var http = new HttpClient())
        using (var advance = await http.PostAsync(new Uri(server.Endpoint, "_callout/clock/advance"), new StringContent("""{"seconds":180}""")))
        {
            Assert.True(advance.StatusCode is System.Net.HttpStatusCode.OK or System.Net.HttpStatusCode.ServiceUnavailable, advance.StatusCode.ToString());
        }
        Assert.False(server.HasExited);

        File.Delete(Filler);
        await client.OkAsync("CreateContact", """{"Alias":"after","Type":"PERSONAL","Plan":{"Stages":[]}}""");
        // Past every lease the failed steps held: the engine sends what it could not, without a restart.
        await VirtualTime.AdvanceAsync(server.Endpoint, TimeSpan.FromMinutes(3));
        var page = (await client.OkAsync("ListPagesByEngagement", $$$"""{"EngagementId":"{{{engagement}}}"}""")).GetProperty("Pages")[0];
        var receipts = (await client.OkAsync("ListPageReceipts", $$$"""{"PageId":"{{{page.GetProperty("PageArn").GetString()}}}"}"""))
            .GetProperty("Receipts").EnumerateArray().Select(r => r.GetProperty("ReceiptType").GetString()).ToList();
        // A send and its three retries (docs/spec/domain.md §3.4): every one, however late, none twice.
        Assert.Equal(4, receipts.Count(r => r == "SENT"));
        Assert.DoesNotContain("ERROR", receipts);
    }
}

/// A test that needs root; skipped with the reason otherwise.
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "Needs root to mount a small tmpfs as a full disk.";
        }
    }
}
