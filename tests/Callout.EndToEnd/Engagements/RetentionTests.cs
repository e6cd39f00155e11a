using System.Text.Json;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Engagements;

/// --retention on the virtual clock (docs/operations.md, "Retention"): moving the clock past the
/// window makes finished engagements, their pages and their outbox messages go, while running
/// and young ones stay.
public sealed class RetentionTests : IAsyncLifetime
{
    const long Day = 24 * 60 * Paging.Minute;

    ServerProcess server = null!;

    public async Task InitializeAsync() =>
        server = await ServerProcess.StartAsync(extraArgs: ["--clock", "virtual", "--retention", "1d"]);

    public async Task DisposeAsync() => await server.DisposeAsync();

    static List<string> Arns(JsonElement result) =>
        result.GetProperty("Engagements").EnumerateArray().Select(e => e.GetProperty("EngagementArn").GetString()!).ToList();

    static async Task<string> AcknowledgedEngagementAsync(Paging p, Person person)
    {
        var (engagement, _) = await p.StartAtNowAsync(person.Arn);
        var page = await p.PageOfAsync(engagement, person["EMAIL"]);
        var code = await p.CodeForAsync(person["EMAIL"]);
        var accepted = await p.AcceptAsync(page, "READ", code,
            $$$""","AcceptCodeValidation":"ENFORCE","ContactChannelId":"{{{person["EMAIL"].Arn}}}" """);
        Assert.True(accepted.Status == 200, "AcceptPage: " + accepted.Text);
        await p.RunDueAsync();
        Assert.NotNull(await p.StopTimeAsync(engagement));
        return engagement;
    }

    [Fact]
    public async Task finished_engagements_older_than_the_retention_go_while_running_and_young_ones_stay()
    {
        var p = new Paging(ApiClient.ForNewAccount(server.Endpoint), server.Endpoint);
        var akuam = await p.PersonWithPlanAsync("akuam");
        // Three stages of 30 minutes: still paging an hour after it starts.
        var slow = await p.PersonWithPlanAsync("slow", minutes: 30);
        var old = await AcknowledgedEngagementAsync(p, akuam);
        var oldPage = await p.PageOfAsync(old, akuam["EMAIL"]);
        var oldMessages = (await p.SentAsync()).Select(s => s.Id).ToList();
        Assert.NotEmpty(oldMessages);

        // A day later: the first engagement is exactly a day old, not older, and stays.
        await p.AdvanceAsync(Day / 1000);
        Assert.Equal([old], Arns(await p.Client.OkAsync("ListEngagements", "{}")));
        var young = await AcknowledgedEngagementAsync(p, akuam);
        var (running, _) = await p.StartAtNowAsync(slow.Arn);

        // An hour on, past the first one's window: the purge due on the way has run by the answer.
        await p.AdvanceAsync(65 * 60);

        // Both started at the same virtual instant, so their order is their ids'.
        Assert.Equal(new[] { running, young }.Order(), Arns(await p.Client.OkAsync("ListEngagements", "{}")).Order());
        foreach (var (operation, input) in new[]
        {
            ("DescribeEngagement", $$$"""{"EngagementId":"{{{old}}}"}"""),
            ("ListPagesByEngagement", $$$"""{"EngagementId":"{{{old}}}"}"""),
            ("DescribePage", $$$"""{"PageId":"{{{oldPage}}}"}"""),
        })
        {
            var response = await p.Client.CallAsync(operation, input);
            Assert.True(response.Type == "ResourceNotFoundException", $"{operation}: {response.Status} {response.Text}");
        }
        Assert.Null(await p.StopTimeAsync(running));
        Assert.NotNull(await p.StopTimeAsync(young));
        Assert.NotEmpty(await p.PagesAsync(young));
        Assert.NotEmpty(await p.PagesAsync(running));
        var left = (await p.SentAsync()).Select(s => s.Id).ToList();
        Assert.Empty(left.Intersect(oldMessages));
        Assert.NotEmpty(left);
    }
}
