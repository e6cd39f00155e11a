using System.Diagnostics;
using System.Globalization;

namespace Callout.Bench.Engine;

/// Set-up, not timed: PERSONAL contacts with activated channels and a one-stage plan that targets
/// every channel with RetryIntervalInMinutes 1. EngagementPlanner then lays out, per channel, a
/// send at t0 and at t0 + 1, 2 and 3 minutes (EngineSettings.MaxRetries = 3), and the end at
/// t0 + StageMinutes.
static class People
{
    public const int StageMinutes = 3;

    // ServiceLimits.ContactsPerAccount is 1000, so people are spread over accounts.
    const long FirstAccount = 200_000_000_000;
    const int PeoplePerAccount = 500;
    static readonly string[] Types = ["EMAIL", "SMS", "VOICE"];

    static string Account(int person) => (FirstAccount + (person / PeoplePerAccount)).ToString(CultureInfo.InvariantCulture);

    /// Unique across people, so the sink can hand back each address's activation code.
    static string Address(int person, int channel, string type) => type == "EMAIL"
        ? string.Create(CultureInfo.InvariantCulture, $"p{person}-{channel}@example.com")
        : "+1555" + ((person * 10) + channel).ToString("D7", CultureInfo.InvariantCulture);

    public static async Task<IReadOnlyList<Person>> CreateAsync(CalloutClient client, HttpClient sink, int count, int channels, int workers, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var people = new Person[count];
        var channelArns = new string[count][];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = ct };

        // Each CreateContactChannel posts the channel's activation code to the sink before it answers.
        await Parallel.ForEachAsync(Enumerable.Range(0, count), parallel, async (i, token) =>
        {
            var account = Account(i);
            var arn = (await client.CallAsync("CreateContact", account,
                    $$$"""{"Alias":"p{{{i}}}","DisplayName":"Bench person {{{i}}}","Type":"PERSONAL","Plan":{"Stages":[]}}""", token))
                .GetProperty("ContactArn").GetString()!;
            var arns = new string[channels];
            for (var k = 0; k < channels; k++)
            {
                var type = Types[k % Types.Length];
                arns[k] = (await client.CallAsync("CreateContactChannel", account, $$$"""
                    {"ContactId":"{{{arn}}}","Name":"{{{type.ToLowerInvariant()}}} {{{k}}}","Type":"{{{type}}}","DeliveryAddress":{"SimpleAddress":"{{{Address(i, k, type)}}}"}}
                    """, token)).GetProperty("ContactChannelArn").GetString()!;
            }
            people[i] = new Person(i, account, arn);
            channelArns[i] = arns;
        });

        var codes = (await sink.GetStringAsync(new Uri("/_bench/activations", UriKind.Relative), ct))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);

        await Parallel.ForEachAsync(Enumerable.Range(0, count), parallel, async (i, token) =>
        {
            var person = people[i];
            var targets = new List<string>(channels);
            for (var k = 0; k < channels; k++)
            {
                var address = Address(i, k, Types[k % Types.Length]);
                if (!codes.TryGetValue(address, out var code))
                {
                    throw new InvalidOperationException($"the sink holds no activation code for {address}");
                }
                await client.CallAsync("ActivateContactChannel", person.Account,
                    $$$"""{"ContactChannelId":"{{{channelArns[i][k]}}}","ActivationCode":"{{{code}}}"}""", token);
                targets.Add($$$"""{"ChannelTargetInfo":{"ContactChannelId":"{{{channelArns[i][k]}}}","RetryIntervalInMinutes":1}}""");
            }
            await client.CallAsync("UpdateContact", person.Account, $$$"""
                {"ContactId":"{{{person.Arn}}}","Plan":{"Stages":[{"DurationInMinutes":{{{StageMinutes}}},"Targets":[{{{string.Join(',', targets)}}}]}]}}
                """, token);
        });

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"set-up: {count} people with {count * channels} activated channels in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s"));
        return people;
    }
}
