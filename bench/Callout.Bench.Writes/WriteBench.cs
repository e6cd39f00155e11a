using System.Collections.Concurrent;
using System.Globalization;

namespace Callout.Bench.Writes;

static class WriteBench
{
    const double GoalPerSecond = 5000;

    // ServiceLimits.ContactsPerAccount is 1000, so contacts are spread over accounts.
    const long FirstAccount = 100_000_000_000;
    const int ContactsPerAccount = 900;
    const int TagKeysPerContact = 40; // under ServiceLimits.TagsPerResource (50)

    static string Account(long contact) => (FirstAccount + contact / ContactsPerAccount).ToString(CultureInfo.InvariantCulture);

    static string Arn(long contact) => $"arn:aws:ssm-contacts:{CalloutClient.Region}:{Account(contact)}:contact/c{contact}";

    public static async Task<int> RunAsync(BenchOptions options)
    {
        using var client = CalloutClient.Create(options.Url!, options.Workers);
        var warmup = TimeSpan.FromSeconds(options.WarmupSeconds);
        var measured = TimeSpan.FromSeconds(options.Seconds);
        Console.Error.WriteLine($"{options.Workers} workers; each phase {options.WarmupSeconds:0.#} s warm-up (unreported), then {options.Seconds:0.#} s measured");

        var health = await MeasureAsync(new LoadPhase(options.Workers, _ => client.GetAsync("/health/live")), warmup, measured);

        var created = new ConcurrentQueue<long>();
        var create = await MeasureAsync(new LoadPhase(options.Workers, async i =>
        {
            var error = await client.CallAsync("CreateContact", Account(i),
                $$$"""{"Alias":"c{{{i}}}","DisplayName":"Bench contact {{{i}}}","Type":"PERSONAL","Plan":{"Stages":[]}}""");
            if (error is null)
            {
                created.Enqueue(i);
            }
            return error;
        }), warmup, measured);

        var contacts = created.ToArray();
        if (options.TagContacts > 0 && contacts.Length > options.TagContacts)
        {
            Array.Sort(contacts);
            contacts = contacts[..options.TagContacts];
        }
        if (contacts.Length == 0)
        {
            Console.Error.WriteLine($"no contact was created; first error: {create.FirstError}");
            return 1;
        }
        // Call i sets key k{(i / contacts) % 40} on contact i % contacts: first one key on every
        // contact, then a second, and so on. Each distinct (contact, key) is one row in `tags`.
        var tagged = new ConcurrentDictionary<(long Contact, long Key), byte>();
        var tag = await MeasureAsync(new LoadPhase(options.Workers, async i =>
        {
            var contact = contacts[i % contacts.Length];
            var key = i / contacts.Length % TagKeysPerContact;
            var error = await client.CallAsync("TagResource", Account(contact),
                $$$"""{"ResourceARN":"{{{Arn(contact)}}}","Tags":[{"Key":"k{{{key}}}","Value":"v{{{i}}}"}]}""");
            if (error is null)
            {
                tagged.TryAdd((contact, key), 0);
            }
            return error;
        }), warmup, measured);

        Console.WriteLine();
        Console.WriteLine($"== Durable writes over HTTP/1.1, {options.Workers} concurrent workers, {options.Seconds:0.#} s per phase");
        Console.WriteLine($"{"phase",-30} {"calls",9} {"errors",7} {"per s",10} {"p50 ms",8} {"p99 ms",8}  vs /health");
        Print("GET /health/live (baseline)", health, health);
        Print("CreateContact (new alias)", create, health);
        Print(options.TagContacts > 0 ? $"TagResource (on {contacts.Length} contacts)" : "TagResource (1 tag)", tag, health);
        Console.WriteLine($"goal >= {GoalPerSecond:0} writes/s: CreateContact {Verdict(create)}, TagResource {Verdict(tag)}");

        if (options.ExpectFile is not null)
        {
            await File.WriteAllTextAsync(options.ExpectFile, $"contacts={created.Count}\ntags={tagged.Count}\n");
        }
        return create.Errors + tag.Errors + health.Errors == 0 ? 0 : 1;
    }

    /// The warm-up runs the same operation (its writes are real and counted in the expectations),
    /// so the measured run sees a JIT-warm server and a non-empty database.
    static async Task<PhaseResult> MeasureAsync(LoadPhase phase, TimeSpan warmup, TimeSpan measured)
    {
        var warm = await phase.RunAsync(warmup);
        if (warm.Errors > 0)
        {
            Console.Error.WriteLine($"warm-up: {warm.Errors} errors, first: {warm.FirstError}");
        }
        var result = await phase.RunAsync(measured);
        if (result.Errors > 0)
        {
            Console.Error.WriteLine($"{result.Errors} errors, first: {result.FirstError}");
        }
        return result;
    }

    static void Print(string name, PhaseResult r, PhaseResult baseline) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-30} {r.Calls,9} {r.Errors,7} {r.PerSecond,10:0} {r.P50Ms,8:0.00} {r.P99Ms,8:0.00}  {r.PerSecond / baseline.PerSecond:0.000}"));

    static string Verdict(PhaseResult r) => r.PerSecond >= GoalPerSecond ? "met" : "MISSED";
}
