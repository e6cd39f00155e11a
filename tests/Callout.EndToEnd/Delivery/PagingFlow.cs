using System.Text.Json;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Delivery;

/// One person with one activated channel, paged once, in an account of its own.
public sealed class PagingFlow(ProviderFixture fixture)
{
    public const string Subject = "db-primary down";
    public const string Content = "The primary database stopped answering.";
    public const string PublicSubject = "Incident 42";

    public ApiClient Client { get; } = fixture.NewClient();

    public string Contact { get; private set; } = "";

    public string Channel { get; private set; } = "";

    public string Engagement { get; private set; } = "";

    public async Task PersonWithChannelAsync(string type, string address)
    {
        await Client.OkAsync("CreateContact", """{"Alias":"akuam","Type":"PERSONAL","Plan":{"Stages":[]}}""");
        Contact = Client.Arn("contact/akuam");
        Channel = (await Client.OkAsync("CreateContactChannel", $$$"""
            {"ContactId":"{{{Contact}}}","Name":"{{{type.ToLowerInvariant()}}}","Type":"{{{type}}}","DeliveryAddress":{"SimpleAddress":"{{{address}}}"},"DeferActivation":false}
            """)).GetProperty("ContactChannelArn").GetString()!;
        var code = await fixture.ActivationCodeAsync(Client, address);
        await Client.OkAsync("ActivateContactChannel", $$$"""{"ContactChannelId":"{{{Channel}}}","ActivationCode":"{{{code}}}"}""");
        await Client.OkAsync("UpdateContact", $$$"""
            {"ContactId":"{{{Contact}}}","Plan":{"Stages":[{"DurationInMinutes":5,"Targets":[{"ChannelTargetInfo":{"ContactChannelId":"{{{Channel}}}"}}]}]}}
            """);
    }

    /// The flow's audit records of one operation (Callout.ListAuditEvents), newest first, each as
    /// "Operation Outcome ResourceArn Caller".
    public async Task<List<string>> AuditAsync(string operation)
    {
        var listed = await Client.SendAsync("Callout.ListAuditEvents", System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { Operation = operation })));
        Assert.True(listed.Status == 200, listed.Text);
        return listed.Json.GetProperty("AuditEvents").EnumerateArray()
            .Select(e => $"{e.GetProperty("Operation").GetString()} {e.GetProperty("Outcome").GetString()} {(e.TryGetProperty("ResourceArn", out var arn) ? arn.GetString() : "-")} {e.GetProperty("Caller").GetString()}")
            .ToList();
    }

    /// Starts the engagement and runs the sends due at once; returns the one page.
    public async Task<string> PageAsync()
    {
        Engagement = (await Client.OkAsync("StartEngagement", $$$"""
            {"ContactId":"{{{Contact}}}","Sender":"monitoring","Subject":"{{{Subject}}}","Content":"{{{Content}}}","PublicSubject":"{{{PublicSubject}}}","PublicContent":"Database alert"}
            """)).GetProperty("EngagementArn").GetString()!;
        await VirtualTime.AdvanceAsync(fixture.Server.Endpoint, TimeSpan.Zero);
        var pages = (await Client.OkAsync("ListPagesByEngagement", $$$"""{"EngagementId":"{{{Engagement}}}"}""")).GetProperty("Pages");
        Assert.Equal(1, pages.GetArrayLength());
        return pages[0].GetProperty("PageArn").GetString()!;
    }

    public async Task<List<(string Type, string? Info)>> ReceiptsAsync(string page) =>
        (await Client.OkAsync("ListPageReceipts", $$$"""{"PageId":"{{{page}}}"}""")).GetProperty("Receipts").EnumerateArray()
            .Select(r => (r.GetProperty("ReceiptType").GetString()!, r.TryGetProperty("ReceiptInfo", out var i) ? i.GetString() : null))
            .ToList();

    public async Task<IReadOnlyList<string>> ReceiptTypesAsync(string page) =>
        (await ReceiptsAsync(page)).Select(r => r.Type).Order(StringComparer.Ordinal).ToList();

    public Task<JsonElement> DescribePageAsync(string page) => Client.OkAsync("DescribePage", $$$"""{"PageId":"{{{page}}}"}""");

    public async Task<bool> HasAsync(string page, string member) => (await DescribePageAsync(page)).TryGetProperty(member, out _);

    public async Task<bool> EngagementStoppedAsync() =>
        (await Client.OkAsync("DescribeEngagement", $$$"""{"EngagementId":"{{{Engagement}}}"}""")).TryGetProperty("StopTime", out _);

    /// The id the page's send was made under: `{page uuid}:{attempt}`.
    public static string PageId(string pageArn) => pageArn[(pageArn.LastIndexOf('/') + 1)..];
}
