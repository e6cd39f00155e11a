using System.Text.Json.Nodes;
using Callout.Server.WebConsole.Identity;

namespace Callout.Server.WebConsole.Pages.Engagements;

/// The ssm-contacts reads behind the engagement views, each an operation through ConsoleApi.
sealed class EngagementReads(ConsoleApi api, HttpContext http, ConsoleUser person)
{
    // A page of engagements and of pages: more than a screen shows, and the console pages on.
    const int Listed = 50;
    // Receipts of one page: one per send and retry, a few per stage.
    const int Receipts = 100;

    readonly Dictionary<string, Dictionary<string, string>> channelNames = new(StringComparer.Ordinal);

    public async Task<(IReadOnlyList<EngagementView> Engagements, string? NextToken)> ListAsync(string? incidentId, string? nextToken)
    {
        var body = new JsonObject { ["MaxResults"] = Listed };
        if (incidentId is not null)
        {
            body["IncidentId"] = incidentId;
        }
        if (nextToken is not null)
        {
            body["NextToken"] = nextToken;
        }
        using var answer = await api.ContactsAsync(http, person, "ListEngagements", body);
        return (WireValues.Items(answer.RootElement, "Engagements").Select(EngagementView.From).ToList(),
            WireValues.Text(answer.RootElement, "NextToken"));
    }

    /// DescribeEngagement with its pages and their receipts.
    public async Task<EngagementView> DescribeAsync(string engagementArn)
    {
        using var answer = await api.ContactsAsync(http, person, "DescribeEngagement", new JsonObject { ["EngagementId"] = engagementArn });
        return EngagementView.From(answer.RootElement) with { Pages = await PagesAsync(engagementArn) };
    }

    /// The engagement as listed, with its pages and their receipts.
    public async Task<EngagementView> WithPagesAsync(EngagementView engagement) =>
        engagement with { Pages = await PagesAsync(engagement.Arn) };

    public async Task<IReadOnlyList<PageView>> PagesAsync(string engagementArn)
    {
        using var answer = await api.ContactsAsync(http, person, "ListPagesByEngagement",
            new JsonObject { ["EngagementId"] = engagementArn, ["MaxResults"] = Listed });
        var pages = new List<PageView>();
        foreach (var page in WireValues.Items(answer.RootElement, "Pages"))
        {
            var arn = WireValues.Text(page, "PageArn") ?? "";
            pages.Add(PageView.From(page, await ReceiptsAsync(arn, WireValues.Text(page, "ContactArn"))));
        }
        return pages;
    }

    /// The person's own pages, newest first: the contact a console user is linked to.
    public async Task<IReadOnlyList<PageView>> PagesOfContactAsync(string contactArn)
    {
        using var answer = await api.ContactsAsync(http, person, "ListPagesByContact",
            new JsonObject { ["ContactId"] = contactArn, ["MaxResults"] = Listed });
        return WireValues.Items(answer.RootElement, "Pages").Select(p => PageView.From(p, [])).ToList();
    }

    async Task<IReadOnlyList<ReceiptView>> ReceiptsAsync(string pageArn, string? contactArn)
    {
        using var answer = await api.ContactsAsync(http, person, "ListPageReceipts",
            new JsonObject { ["PageId"] = pageArn, ["MaxResults"] = Receipts });
        var names = contactArn is null ? [] : await ChannelNamesAsync(contactArn);
        return WireValues.Items(answer.RootElement, "Receipts").Select(r =>
        {
            var channel = WireValues.Text(r, "ContactChannelArn");
            return new ReceiptView(WireValues.Text(r, "ReceiptType") ?? "", WireValues.Text(r, "ReceiptInfo"), WireValues.Time(r, "ReceiptTime"),
                channel, channel is not null && names.TryGetValue(channel, out var name) ? name : null);
        }).ToList();
    }

    /// Channel names of a contact, so a receipt says "akuam email" rather than an ARN; a contact
    /// deleted since is shown without names.
    async Task<Dictionary<string, string>> ChannelNamesAsync(string contactArn)
    {
        if (channelNames.TryGetValue(contactArn, out var known))
        {
            return known;
        }
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var answer = await api.ContactsAsync(http, person, "ListContactChannels",
                new JsonObject { ["ContactId"] = contactArn, ["MaxResults"] = 100 });
            foreach (var channel in WireValues.Items(answer.RootElement, "ContactChannels"))
            {
                if (WireValues.Text(channel, "ContactChannelArn") is { } arn)
                {
                    names[arn] = $"{WireValues.Text(channel, "Name")} ({WireValues.Text(channel, "Type")?.ToLowerInvariant()})";
                }
            }
        }
        catch (ConsoleApiException)
        {
        }
        channelNames[contactArn] = names;
        return names;
    }
}
