using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Callout.Testing;

namespace Callout.Bench.Soak;

/// The server as the soak sees it: timed SSMContacts calls (the account in the credential scope,
/// which Callout's default auth mode reads without checking the signature), the virtual clock, the
/// outbox for activation codes, and the retention figures on /metrics.
sealed partial class SoakClient(Uri url, int connections) : IDisposable
{
    public const string Account = "111122223333";

    readonly SsmContactsClient _wire = SsmContactsClient.Create(url, connections, TimeSpan.FromMinutes(10));

    /// The result document and the call's duration in milliseconds; an answer other than 200 is an exception.
    public async Task<(JsonElement Result, double Ms)> CallAsync(string operation, string json, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await _wire.CallAsync(Account, operation, json, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"{operation} answered HTTP {(int)response.StatusCode}: {text}");
        }
        using var doc = JsonDocument.Parse(text);
        return (doc.RootElement.Clone(), ms);
    }

    /// Moves the virtual clock; the answer comes once the engine is idle and a purge round that
    /// fell due has run.
    public async Task AdvanceAsync(TimeSpan by, CancellationToken ct)
    {
        using var content = new StringContent(string.Create(CultureInfo.InvariantCulture, $$"""{"seconds": {{by.TotalSeconds}}}"""),
            Encoding.UTF8, "application/json");
        using var response = await _wire.Http.PostAsync(new Uri(url, "/_callout/clock/advance"), content, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"clock/advance answered HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }
    }

    public async Task<string> ActivationCodeAsync(string address, CancellationToken ct)
    {
        var doc = await _wire.Http.GetFromJsonAsync<JsonElement>(new Uri(url, "/_callout/outbox?limit=1000"), ct);
        foreach (var m in doc.GetProperty("Messages").EnumerateArray())
        {
            if (m.GetProperty("Address").GetString() == address && Code().Match(m.GetProperty("Body").GetString()!) is { Success: true } code)
            {
                return code.Value;
            }
        }
        throw new InvalidOperationException("no activation code in the outbox for " + address);
    }

    /// The retention figures so far: seconds spent in purge rounds, rounds, engagements purged.
    public async Task<PurgeFigures> PurgeFiguresAsync(CancellationToken ct)
    {
        var text = await _wire.Http.GetStringAsync(new Uri(url, "/metrics"), ct);
        double Value(string name) => text.Split('\n')
            .Where(l => l.StartsWith(name + " ", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(name.Length + 1)..], CultureInfo.InvariantCulture))
            .FirstOrDefault();
        return new PurgeFigures(
            Value("callout_retention_round_duration_seconds_sum"),
            Value("callout_retention_round_duration_seconds_count"),
            Value("callout_retention_purged_total{kind=\"engagements\"}"),
            Value("callout_retention_purged_total{kind=\"outbox\"}"),
            Value("callout_retention_reclaimed_bytes_total"));
    }

    [GeneratedRegex(@"\b[0-9]{6}\b")]
    private static partial Regex Code();

    public void Dispose() => _wire.Dispose();
}

sealed record PurgeFigures(double Seconds, double Rounds, double Engagements, double Outbox, double ReclaimedBytes)
{
    public PurgeFigures Minus(PurgeFigures earlier) => new(Seconds - earlier.Seconds, Rounds - earlier.Rounds,
        Engagements - earlier.Engagements, Outbox - earlier.Outbox, ReclaimedBytes - earlier.ReclaimedBytes);
}
