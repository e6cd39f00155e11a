using System.Diagnostics;
using Callout.Bench.Engine;

namespace Callout.Bench.Cluster;

/// As bench/Callout.Bench.Engine's EngagementLoad: engagement i starts at i × ramp / count after the
/// first, open loop, engages person i mod people and carries "bench e{i}" as its subject; here it is
/// started through node i mod N, so every node takes an equal share of the starts.
static class ClusterLoad
{
    public static async Task<(StartedEngagement Started, int Node)[]> RunAsync(
        IReadOnlyList<CalloutClient> nodes, IReadOnlyList<Person> people, int count, TimeSpan ramp, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var calls = new Task<(StartedEngagement, int)>[count];
        for (var i = 0; i < count; i++)
        {
            var due = ramp * i / count;
            var wait = due - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, ct);
            }
            calls[i] = StartAsync(nodes, i % nodes.Count, i, people[i % people.Count], ct);
        }
        return await Task.WhenAll(calls);
    }

    static async Task<(StartedEngagement, int)> StartAsync(IReadOnlyList<CalloutClient> nodes, int node, int index, Person person, CancellationToken ct)
    {
        // Off the pacing loop at once, so a slow call never delays the next one's start.
        await Task.Yield();
        var t0 = Stopwatch.GetTimestamp();
        try
        {
            var result = await nodes[node].CallAsync("StartEngagement", person.Account, $$$"""
                {"ContactId":"{{{person.Arn}}}","Sender":"bench","Subject":"{{{SinkState.SubjectPrefix}}}{{{index}}}","Content":"Engine benchmark engagement {{{index}}}",
                 "PublicSubject":"{{{SinkState.SubjectPrefix}}}{{{index}}}","PublicContent":"Engine benchmark"}
                """, ct);
            return (new StartedEngagement(index, person, result.GetProperty("EngagementArn").GetString(), Stopwatch.GetElapsedTime(t0).TotalMilliseconds, null), node);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return (new StartedEngagement(index, person, null, Stopwatch.GetElapsedTime(t0).TotalMilliseconds, e.Message), node);
        }
    }
}
