using System.Diagnostics;
using System.Globalization;
using Callout.Bench.Engine;

namespace Callout.Bench.Alerts;

/// The same-run baseline for the first-page figure: engagements started directly with
/// StartEngagement, one at a time before the storm, and the time from each call to its first page
/// at the sink. The alert path's figure is compared with this one, which has no intake, no
/// incident and no dedupe in it. Their subjects number them from Keys up, apart from the storm's.
static class StormBaseline
{
    const int Engagements = 20;
    static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(200);

    public static async Task<Latencies> RunAsync(StormOptions options, CalloutClient contacts, HttpClient sink, Person person,
        CancellationToken ct)
    {
        var sent = new Dictionary<int, long>();
        for (var j = 0; j < Engagements; j++)
        {
            var number = options.Keys + j;
            sent[number] = DateTime.UtcNow.Ticks;
            await contacts.CallAsync("StartEngagement", person.Account, string.Create(CultureInfo.InvariantCulture,
                $$"""{"ContactId":"{{person.Arn}}","Sender":"baseline","Subject":"{{SinkState.SubjectPrefix}}{{number}}","Content":"baseline"}"""), ct);
            await Task.Delay(Spacing, ct);
        }
        var waited = Stopwatch.StartNew();
        List<PageArrival> pages;
        do
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
            pages = SinkState.ParsePages(await sink.GetStringAsync(new Uri("/_bench/pages", UriKind.Relative), ct))
                .Where(p => sent.ContainsKey(p.Engagement)).ToList();
        }
        while (pages.Select(p => p.Engagement).Distinct().Count() < Engagements && waited.Elapsed < TimeSpan.FromSeconds(10));
        return new Latencies(pages.GroupBy(p => p.Engagement)
            .Select(g => TimeSpan.FromTicks(g.Min(p => p.ArrivedTicks) - sent[g.Key]).TotalMilliseconds));
    }
}
