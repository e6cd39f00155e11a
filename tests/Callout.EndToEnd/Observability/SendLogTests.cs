using System.Globalization;
using System.Text.RegularExpressions;
using Callout.EndToEnd.Harness;
using Callout.Testing;

namespace Callout.EndToEnd.Observability;

/// Every provider call leaves one log line: Information when the provider took the page, Warning
/// with the provider's reason when it did not; never the address or a code (docs/operations.md).
public sealed partial class SendLogTests
{
    /// A virtual-clock server that emails through `smtp`, a person whose plan emails `address`
    /// once, and the activation code that went to it.
    static async Task<(ServerProcess Server, ApiClient Client, string Contact, string Code)> EmailedPersonAsync(SmtpSink smtp, string address)
    {
        var server = await ServerProcess.StartAsync(extraArgs: ["--clock", "virtual"], environment: new Dictionary<string, string>
        {
            ["CALLOUT_EMAIL_PROVIDER"] = "smtp",
            ["CALLOUT_SMTP_HOST"] = SmtpSink.Host,
            ["CALLOUT_SMTP_PORT"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["CALLOUT_SMTP_FROM"] = "Callout <callout@example.com>",
        });
        var client = ApiClient.ForNewAccount(server.Endpoint);
        var contact = (await client.OkAsync("CreateContact", """{"Alias":"akuam","Type":"PERSONAL","Plan":{"Stages":[]}}"""))
            .GetProperty("ContactArn").GetString()!;
        var channel = (await client.OkAsync("CreateContactChannel", $$$"""
            {"ContactId":"{{{contact}}}","Name":"mail","Type":"EMAIL","DeliveryAddress":{"SimpleAddress":"{{{address}}}"}}
            """)).GetProperty("ContactChannelArn").GetString()!;
        var mail = await smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == address));
        var code = SixDigits().Match(mail.TextBody!.Replace(" ", "", StringComparison.Ordinal)).Value;
        await client.OkAsync("ActivateContactChannel", $$$"""{"ContactChannelId":"{{{channel}}}","ActivationCode":"{{{code}}}"}""");
        await client.OkAsync("UpdateContact", $$$"""
            {"ContactId":"{{{contact}}}","Plan":{"Stages":[{"DurationInMinutes":5,"Targets":[{"ChannelTargetInfo":{"ContactChannelId":"{{{channel}}}"}}]}]}}
            """);
        return (server, client, contact, code);
    }

    /// Engages the contact, runs the send due at once and returns the page's ARN.
    static async Task<string> PageAsync(ServerProcess server, ApiClient client, string contact)
    {
        var engagement = (await client.OkAsync("StartEngagement", $$$"""
            {"ContactId":"{{{contact}}}","Sender":"monitoring","Subject":"db down","Content":"The primary stopped answering."}
            """)).GetProperty("EngagementArn").GetString()!;
        await VirtualTime.AdvanceAsync(server.Endpoint, TimeSpan.Zero);
        var pages = (await client.OkAsync("ListPagesByEngagement", $$$"""{"EngagementId":"{{{engagement}}}"}""")).GetProperty("Pages");
        return pages[0].GetProperty("PageArn").GetString()!;
    }

    static Task<IReadOnlyList<string>> LinesAboutAsync(ServerProcess server, string pageArn) =>
        ServerLog.WaitForAsync(server, l => l.Contains(pageArn, StringComparison.Ordinal));

    [Fact]
    public async Task a_page_the_smtp_server_took_is_logged_at_information_without_the_address()
    {
        var address = $"akuam-{Guid.NewGuid():N}@example.com";
        await using var smtp = await SmtpSink.StartAsync();
        var (server, client, contact, code) = await EmailedPersonAsync(smtp, address);
        await using var _ = server;

        var page = await PageAsync(server, client, contact);
        await smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == address) && m.Subject?.Contains("db down", StringComparison.Ordinal) == true);

        var line = Assert.Single(await LinesAboutAsync(server, page));
        Assert.Contains(" info: ", line, StringComparison.Ordinal);
        Assert.Contains($"Page {page} over EMAIL via smtp: sent", line, StringComparison.Ordinal);
        Assert.DoesNotContain(address, server.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(code, server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_page_to_an_smtp_server_that_is_gone_is_a_warning_with_the_reason_and_without_the_address()
    {
        var address = $"akuam-{Guid.NewGuid():N}@example.com";
        var smtp = await SmtpSink.StartAsync();
        var (server, client, contact, code) = await EmailedPersonAsync(smtp, address);
        await using var _ = server;
        // Nothing listens on the provider's port any more.
        await smtp.DisposeAsync();

        var page = await PageAsync(server, client, contact);

        var receipts = (await client.OkAsync("ListPageReceipts", $$$"""{"PageId":"{{{page}}}"}""")).GetProperty("Receipts");
        Assert.Equal("ERROR", receipts[0].GetProperty("ReceiptType").GetString());
        var line = Assert.Single(await LinesAboutAsync(server, page));
        Assert.Contains(" warn: ", line, StringComparison.Ordinal);
        Assert.Contains($"Page {page} over EMAIL via smtp: failed", line, StringComparison.Ordinal);
        Assert.Contains("smtp: could not hand the message over (SocketException ConnectionRefused)", line, StringComparison.Ordinal);
        Assert.DoesNotContain(address, server.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(code, server.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?<![0-9])[0-9]{6}(?![0-9])")]
    private static partial Regex SixDigits();
}
