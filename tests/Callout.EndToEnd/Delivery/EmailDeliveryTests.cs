using System.Text.RegularExpressions;

namespace Callout.EndToEnd.Delivery;

/// Pages by email over a real SMTP server, acknowledged through the signed link (docs/spec/domain.md §5).
public sealed partial class EmailDeliveryTests(ProviderFixture fixture) : IClassFixture<ProviderFixture>
{
    static readonly HttpClient Http = new();

    [Fact]
    public async Task a_page_email_arrives_over_smtp_and_its_link_acknowledges_only_when_posted()
    {
        var flow = new PagingFlow(fixture);
        var address = $"akuam-{Guid.NewGuid():N}@example.com";
        await flow.PersonWithChannelAsync("EMAIL", address);
        var page = await flow.PageAsync();

        var mail = await fixture.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == address) && m.Subject == PagingFlow.Subject);
        Assert.Equal("callout@example.com", mail.From.Mailboxes.Single().Address);
        var key = mail.Headers["X-Callout-Idempotency-Key"];
        Assert.StartsWith(PagingFlow.PageId(page) + ":", key, StringComparison.Ordinal);
        Assert.Contains(PagingFlow.Content, mail.TextBody, StringComparison.Ordinal);
        // The SENT receipt names the Message-Id the SMTP server got.
        Assert.Equal([("SENT", mail.MessageId)], await flow.ReceiptsAsync(page));

        var link = Link().Match(mail.TextBody!).Value;
        Assert.StartsWith(fixture.PublicUrl + "_callout/ack/", link, StringComparison.Ordinal);

        // Opening the link (as a mail scanner would) shows the page and changes nothing.
        using (var shown = await Http.GetAsync(new Uri(link)))
        {
            var html = await shown.Content.ReadAsStringAsync();
            Assert.Equal(200, (int)shown.StatusCode);
            Assert.Equal("text/html", shown.Content.Headers.ContentType?.MediaType);
            Assert.Contains(PagingFlow.Subject, html, StringComparison.Ordinal);
            Assert.Contains("monitoring", html, StringComparison.Ordinal);
            Assert.Contains("<form method=\"post\">", html, StringComparison.Ordinal);
            Assert.Contains("Acknowledge", html, StringComparison.Ordinal);
        }
        Assert.False(await flow.HasAsync(page, "ReadTime"));
        Assert.Equal(["SENT"], await flow.ReceiptTypesAsync(page));
        Assert.False(await flow.EngagementStoppedAsync());

        // The button posts back to the link: READ, and the engagement of a person ends.
        using (var posted = await Http.PostAsync(new Uri(link), new FormUrlEncodedContent([])))
        {
            Assert.Equal(200, (int)posted.StatusCode);
            Assert.Contains("Acknowledged", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.True(await flow.HasAsync(page, "ReadTime"));
        Assert.Equal(["DELIVERED", "READ", "SENT"], await flow.ReceiptTypesAsync(page));
        Assert.True(await flow.EngagementStoppedAsync());
    }

    [Fact]
    public async Task a_forged_link_shows_not_found_and_acknowledges_nothing()
    {
        var flow = new PagingFlow(fixture);
        var address = $"akuam-{Guid.NewGuid():N}@example.com";
        await flow.PersonWithChannelAsync("EMAIL", address);
        var page = await flow.PageAsync();
        var mail = await fixture.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == address) && m.Subject == PagingFlow.Subject);
        var link = Link().Match(mail.TextBody!).Value;
        var last = link[^1];
        var forged = link[..^1] + (last == 'A' ? 'B' : 'A');

        using var shown = await Http.GetAsync(new Uri(forged));
        Assert.Equal(404, (int)shown.StatusCode);
        using var posted = await Http.PostAsync(new Uri(forged), new FormUrlEncodedContent([]));
        Assert.Equal(404, (int)posted.StatusCode);
        Assert.False(await flow.HasAsync(page, "ReadTime"));
    }

    [GeneratedRegex(@"https?://\S+/_callout/ack/\S+")]
    private static partial Regex Link();
}
