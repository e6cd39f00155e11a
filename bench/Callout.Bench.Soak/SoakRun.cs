using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Callout.Bench.Soak;

/// A simulated year on the virtual clock. Each day is 24 hourly slots; each slot starts its share
/// of the day's engagements (StartEngagement, timed), moves the clock 2 minutes so the first pages
/// and a retry go out, acknowledges most engagements (ListPagesByEngagement, AcceptPage READ), and
/// moves the clock to the end of the hour, where the rest run out their plans. The clock's answer
/// waits for the engine and for the retention round that fell due, so the purge runs in step with
/// the simulated hours. After each day it times GetContact and ListEngagements (first page) and
/// reads the database file's size and the purge's figures on /metrics.
static class SoakRun
{
    const int Slots = 24;
    static readonly TimeSpan FirstSends = TimeSpan.FromMinutes(2);

    public static async Task<int> RunAsync(SoakOptions o, CancellationToken ct)
    {
        using var client = new SoakClient(o.Url, o.Workers);
        var people = await SetUpAsync(client, o.People, ct);
        var report = new SoakReport(o);
        report.Header();
        var month = new MonthTally();
        var started = 0L;
        var wall = Stopwatch.StartNew();
        var figures = await client.PurgeFiguresAsync(ct);
        for (var day = 0; day < o.Days; day++)
        {
            var starts = new ConcurrentBag<double>();
            for (var slot = 0; slot < Slots; slot++)
            {
                var count = (o.PerDay / Slots) + (slot < o.PerDay % Slots ? 1 : 0);
                var engagements = new string[count];
                var first = started;
                await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = o.Workers, CancellationToken = ct },
                    async (i, token) =>
                    {
                        var person = people[(int)((first + i) % people.Count)];
                        var (result, ms) = await client.CallAsync("StartEngagement", $$$"""
                            {"ContactId":"{{{person}}}","Sender":"soak","Subject":"Disk full on db-{{{i}}}","Content":"The disk of db-{{{i}}} is 95% full; free space or add a volume before it fills."}
                            """, token);
                        starts.Add(ms);
                        engagements[i] = result.GetProperty("EngagementArn").GetString()!;
                    });
                started += count;
                await client.AdvanceAsync(FirstSends, ct);
                var acknowledged = engagements.Where((_, i) => (first + i) % 100 < o.AckShare * 100).ToList();
                await Parallel.ForEachAsync(acknowledged, new ParallelOptions { MaxDegreeOfParallelism = o.Workers, CancellationToken = ct },
                    async (engagement, token) =>
                    {
                        var (pages, _) = await client.CallAsync("ListPagesByEngagement", $$$"""{"EngagementId":"{{{engagement}}}"}""", token);
                        var page = pages.GetProperty("Pages")[0].GetProperty("PageArn").GetString()!;
                        await client.CallAsync("AcceptPage", $$$"""{"PageId":"{{{page}}}","AcceptType":"READ","AcceptCode":"000000"}""", token);
                    });
                await client.AdvanceAsync(TimeSpan.FromHours(1) - FirstSends, ct);
            }

            var getContact = new List<double>();
            var listEngagements = new List<double>();
            for (var i = 0; i < o.ProbesPerDay; i++)
            {
                getContact.Add((await client.CallAsync("GetContact", $$$"""{"ContactId":"{{{people[i % people.Count]}}}"}""", ct)).Ms);
                listEngagements.Add((await client.CallAsync("ListEngagements", """{"MaxResults":20}""", ct)).Ms);
            }
            var now = await client.PurgeFiguresAsync(ct);
            month.AddDay(starts, getContact, listEngagements, now.Minus(figures));
            figures = now;
            if ((day + 1) % o.MonthDays == 0 || day == o.Days - 1)
            {
                report.Month(day + 1, month, FileSize(o.DbPath), FileSize(o.DbPath + "-wal"), started, wall.Elapsed);
                month = new MonthTally();
            }
        }
        return report.Verdict();
    }

    static long FileSize(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    /// Set-up, not timed: PERSONAL contacts with one activated EMAIL channel and two 5-minute
    /// stages retrying every 2 minutes, so an engagement nobody acknowledges sends 5 pages and
    /// stops after 10 minutes.
    static async Task<List<string>> SetUpAsync(SoakClient client, int count, CancellationToken ct)
    {
        var people = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var address = string.Create(CultureInfo.InvariantCulture, $"soak{i}@example.com");
            var (contact, _) = await client.CallAsync("CreateContact",
                $$$"""{"Alias":"soak-{{{i}}}","DisplayName":"Soak {{{i}}}","Type":"PERSONAL","Plan":{"Stages":[]}}""", ct);
            var arn = contact.GetProperty("ContactArn").GetString()!;
            var (channel, _) = await client.CallAsync("CreateContactChannel",
                $$$"""{"ContactId":"{{{arn}}}","Name":"email","Type":"EMAIL","DeliveryAddress":{"SimpleAddress":"{{{address}}}"}}""", ct);
            var channelArn = channel.GetProperty("ContactChannelArn").GetString()!;
            await client.CallAsync("ActivateContactChannel",
                $$$"""{"ContactChannelId":"{{{channelArn}}}","ActivationCode":"{{{await client.ActivationCodeAsync(address, ct)}}}"}""", ct);
            var stage = $$$"""{"DurationInMinutes":5,"Targets":[{"ChannelTargetInfo":{"ContactChannelId":"{{{channelArn}}}","RetryIntervalInMinutes":2}}]}""";
            await client.CallAsync("UpdateContact", $$$"""{"ContactId":"{{{arn}}}","Plan":{"Stages":[{{{stage}}},{{{stage}}}]}}""", ct);
            people.Add(arn);
        }
        return people;
    }
}
