using System.Diagnostics;

namespace Callout.Bench.Engine;

/// Starts engagement i at i × ramp / count after the first, open loop: a call is made on schedule
/// whether or not earlier ones have answered, so a slow server does not thin out the load. Engagement
/// i engages person i mod people and carries "bench e{i}" as its subject, which every page repeats
/// (PageMessages: the subject by email and voice, the public subject by SMS).
static class EngagementLoad
{
    public static async Task<StartedEngagement[]> RunAsync(CalloutClient client, IReadOnlyList<Person> people, int count, TimeSpan ramp, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var calls = new Task<StartedEngagement>[count];
        for (var i = 0; i < count; i++)
        {
            var due = ramp * i / count;
            var wait = due - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, ct);
            }
            calls[i] = StartAsync(client, i, people[i % people.Count], ct);
        }
        return await Task.WhenAll(calls);
    }

    static async Task<StartedEngagement> StartAsync(CalloutClient client, int index, Person person, CancellationToken ct)
    {
        // Off the pacing loop at once, so a slow call never delays the next one's start.
        await Task.Yield();
        var t0 = Stopwatch.GetTimestamp();
        try
        {
            var result = await client.CallAsync("StartEngagement", person.Account, $$$"""
                {"ContactId":"{{{person.Arn}}}","Sender":"bench","Subject":"{{{SinkState.SubjectPrefix}}}{{{index}}}","Content":"Engine benchmark engagement {{{index}}}",
                 "PublicSubject":"{{{SinkState.SubjectPrefix}}}{{{index}}}","PublicContent":"Engine benchmark"}
                """, ct);
            return new StartedEngagement(index, person, result.GetProperty("EngagementArn").GetString(), Stopwatch.GetElapsedTime(t0).TotalMilliseconds, null);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return new StartedEngagement(index, person, null, Stopwatch.GetElapsedTime(t0).TotalMilliseconds, e.Message);
        }
    }
}
