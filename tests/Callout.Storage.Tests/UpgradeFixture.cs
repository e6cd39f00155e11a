using Callout.Domain.Arns;
using Callout.Domain.Channels;
using Callout.Domain.Contacts;
using Callout.Domain.Engagements;
using Callout.Domain.Outbox;
using Callout.Domain.Plans;
using Callout.Domain.Ports;
using Callout.Domain.Rotations;
using NodaTime;

namespace Callout.Storage.Tests;

/// Representative rows for the upgrade tests of each backend, written through this build's store,
/// and what the store reads back of them, one line per row led by its table's name (only what
/// every version of the table held).
static class UpgradeFixture
{
    static readonly CancellationToken None = CancellationToken.None;
    static readonly Instant T0 = Instant.FromUtc(2025, 3, 1, 12, 0);
    static readonly AccountScope Scope = AccountScope.For("us-east-1", "111122223333");

    public static async Task<List<string>> ReadAsync(IStore store)
    {
        await using var s = await store.OpenAsync(Scope, write: false, None);
        var lines = new List<string>();
        foreach (var c in await s.ListContactsAsync(null, null, null, 100, None))
        {
            lines.Add($"contacts:{c.Alias}|{c.DisplayName}|{c.Kind}|{c.Plan.Stages.Count}|{string.Join(",", c.Plan.Stages.SelectMany(st => st.Targets).Select(t => t.Channel?.ChannelArn ?? t.Contact?.ContactArn))}");
            foreach (var ch in await s.ListChannelsAsync(c.Alias, null, 100, None))
            {
                lines.Add($"channels:{ch.Arn}|{ch.Name}|{ch.Kind}|{ch.Address}|{ch.Activated}");
            }
        }
        lines.Add($"contacts:counted {await s.CountContactsAsync(None)}");
        foreach (var e in await s.ListEngagementsAsync(null, null, null, null, 100, None))
        {
            lines.Add($"engagements:{e.Arn}|{e.Subject}|{e.StartTime}|{e.StopTime}");
            foreach (var p in await s.ListPagesAsync(e.Id, null, null, 100, None))
            {
                lines.Add($"pages:{p.Arn}|{p.ChannelId}|{p.SentTime}|{p.Essential}");
                lines.AddRange((await s.ListReceiptsAsync(p.Id, null, 100, None)).Select(r => $"receipts:{r.Receipt.PageId}|{r.Receipt.Kind}|{r.Receipt.Time}"));
            }
        }
        if (await s.FindDeliveryAsync("page-1:0", None) is { } d)
        {
            lines.Add($"deliveries:{d.Key}|{d.Status}|{d.ProviderMessageId}");
        }
        foreach (var r in await s.ListRotationsAsync(null, null, 100, None))
        {
            lines.Add($"rotations:{r.Arn}|{r.Name}|{string.Join(",", r.ContactAliases)}|{r.StartTime}|{r.TimeZoneId}");
        }
        lines.AddRange((await store.ListOutboxAsync(100, None)).Select(m => $"outbox:{m.Id}|{m.Kind}|{m.Address}|{m.Body}"));
        return lines;
    }

    public static async Task SeedAsync(IStore store)
    {
        var channel = ResourceArn.Channel(Scope, "jane", "chan-1");
        var plan = new Plan([new Stage(5, [new Target(new ChannelTarget(channel.ToString(), null), null)])], []);
        await using var s = await store.OpenAsync(Scope, write: true, None);
        await s.InsertContactAsync(new Contact(ResourceArn.Contact(Scope, "jane"), "jane", "Jane Doe", ContactKind.Personal, plan), T0, None);
        await s.InsertContactAsync(new Contact(ResourceArn.Contact(Scope, "ops"), "ops", null, ContactKind.Escalation, Plan.Empty), T0, None);
        await s.InsertChannelAsync(new ContactChannel(channel, "jane", "jane mail", ChannelKind.Email, "jane@example.com",
            Activated: true, ActivationCodeHash: null, ActivationCodeExpires: null, ActivationCodesSent: [], T0), None);
        var snapshot = new EngagementSnapshot(new Dictionary<string, ContactSnapshot>(StringComparer.Ordinal)
        {
            ["jane"] = new("jane", ContactKind.Personal, plan),
        });
        await s.InsertEngagementAsync(new Engagement(new ResourceArn(Scope, ResourceKind.Engagement, "jane/eng-1"), "jane", ContactKind.Personal,
            "ops-bot", "db down", "The primary is down", null, null, null, T0, null, null), snapshot, None);
        var page = new Page(new ResourceArn(Scope, ResourceKind.Page, "jane/page-1"), "eng-1", "jane", "chan-1",
            [new ResolutionStep("jane", ContactKind.Personal, 0)], Essential: true, T0, T0, null, null);
        await s.InsertPageAsync(page, None);
        await s.AddReceiptAsync(new Receipt("page-1", "chan-1", ReceiptKind.Sent, "sent by the test", T0), None);
        await s.PutDeliveryAsync(new DeliveryRecord("page-1:0", "page-1", DeliveryStatus.Sent, "m-1", T0), None);
        await s.InsertStepsAsync([new FinishStep("step-1", "eng-1", T0 + Duration.FromMinutes(5))], None);
        await s.InsertRotationAsync(new Rotation(new ResourceArn(Scope, ResourceKind.Rotation, "rot-1"), "primary", ["jane"], T0, "Europe/Paris",
            new Recurrence(RecurrenceKind.Daily, [new HandOff(new LocalTime(9, 0))], 1, 1, null), T0), None);
        await s.InsertOverrideAsync(new RotationOverride("ovr-1", "rot-1", ["jane"], T0, T0 + Duration.FromHours(1), T0), None);
        await s.AppendOutboxAsync(new OutboxMessage("out-1", Scope.AccountId, Scope.Region, "ACTIVATION", "EMAIL", "jane@example.com",
            "Your code", "Code: 123456", T0), None);
        await s.CommitAsync(None);
    }
}
