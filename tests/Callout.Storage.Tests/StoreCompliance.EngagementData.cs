using Callout.Domain.Arns;
using Callout.Domain.Contacts;
using Callout.Domain.Engagements;
using Callout.Domain.Plans;
using NodaTime;
using Xunit;

namespace Callout.Storage.Tests;

/// Builders and comparisons for the engagement tests.
public abstract partial class StoreCompliance
{
    protected Engagement NewEngagement(string id, Instant start, string alias = "jane", string? incidentId = null,
        ContactKind rootKind = ContactKind.Personal, AccountScope? scope = null) =>
        new(new ResourceArn(scope ?? Scope, ResourceKind.Engagement, alias + "/" + id), alias, rootKind,
            "ops-bot", "Subject " + id, "Content " + id, "Public subject", "Public content", incidentId, start, null, null);

    protected Page NewPage(string id, string engagementId, Instant createdAt, string alias = "jane", string? channelId = null,
        bool essential = true, AccountScope? scope = null) =>
        new(new ResourceArn(scope ?? Scope, ResourceKind.Page, alias + "/" + id), engagementId, alias, channelId ?? Id(900),
            [new ResolutionStep("team", ContactKind.Escalation, 0), new ResolutionStep(alias, ContactKind.Personal, 2)],
            essential, createdAt, null, null, null);

    protected SendPageStep SendStep(string id, string engagementId, Instant due, string pageId = "page", int attempt = 0) =>
        new(id, engagementId, due, pageId, "jane", ResourceArn.Channel(Scope, "jane", Id(900)).ToString(),
            attempt, [new ResolutionStep("jane", ContactKind.Personal, 0)], Essential: true);

    protected static EngagementStep FinishStep(string id, string engagementId, Instant due) =>
        new Domain.Engagements.FinishStep(id, engagementId, due);

    protected EngagementSnapshot NewSnapshot() => new(new Dictionary<string, ContactSnapshot>
    {
        ["jane"] = new("jane", ContactKind.Personal, new Plan(
        [
            new Stage(0, [new Target(new ChannelTarget(ResourceArn.Channel(Scope, "jane", Id(900)).ToString(), 5), null)]),
            new Stage(10, []),
        ], [])),
        ["team"] = new("team", ContactKind.Escalation, new Plan(
        [
            new Stage(15, [new Target(null, new ContactTarget(ResourceArn.Contact(Scope, "jane").ToString(), IsEssential: true))]),
        ], [])),
        ["primary"] = new("primary", ContactKind.OncallSchedule,
            new Plan([], ["arn:aws:ssm-contacts:us-east-1:111122223333:rotation/r1"])),
    });

    /// Inserts running engagements in one session.
    protected Task InsertEngagementsAsync(params Engagement[] engagements) => InsertEngagementsAsync(Scope, engagements);

    protected Task InsertEngagementsAsync(AccountScope scope, params Engagement[] engagements) => CommitAsync(scope, async s =>
    {
        foreach (var engagement in engagements)
        {
            await s.InsertEngagementAsync(engagement, new EngagementSnapshot(new Dictionary<string, ContactSnapshot>()), None);
        }
    });

    protected Task InsertPagesAsync(params Page[] pages) => CommitAsync(async s =>
    {
        foreach (var page in pages)
        {
            await s.InsertPageAsync(page, None);
        }
    });

    protected static void AssertSamePage(Page expected, Page actual)
    {
        // Records holding lists compare lists by reference, so the path is compared on its own.
        Assert.Equal(expected with { Resolution = [] }, actual with { Resolution = [] });
        Assert.Equal(expected.Resolution, actual.Resolution);
    }

    protected static void AssertSameStep(EngagementStep expected, EngagementStep actual)
    {
        // Records holding lists compare lists by reference, so the path is compared on its own.
        switch (expected)
        {
            case SendPageStep send:
                var sent = Assert.IsType<SendPageStep>(actual);
                Assert.Equal(send with { Resolution = [] }, sent with { Resolution = [] });
                Assert.Equal(send.Resolution, sent.Resolution);
                break;
            case EnterScheduleStep enter:
                var entered = Assert.IsType<EnterScheduleStep>(actual);
                Assert.Equal(enter with { Resolution = [] }, entered with { Resolution = [] });
                Assert.Equal(enter.Resolution, entered.Resolution);
                break;
            default:
                Assert.Equal(expected, actual);
                break;
        }
    }
}
