using System.Text.Json;
using Callout.Bench.Engine;

namespace Callout.Bench.Alerts;

/// What the storm left in Callout, read through the API once it is over.
static class StormCount
{
    /// Each incident's title (the key's "bench e{key}"), all pages of ListIncidentRecords.
    public static async Task<List<string>> IncidentsAsync(IncidentsCalls incidents, CancellationToken ct)
    {
        var titles = new List<string>();
        string? next = null;
        do
        {
            var body = next is null ? """{"maxResults":100}""" : JsonSerializer.Serialize(new Dictionary<string, object> { ["maxResults"] = 100, ["nextToken"] = next });
            var page = await incidents.RestAsync("/listIncidentRecords", body, ct);
            titles.AddRange(page.GetProperty("incidentRecordSummaries").EnumerateArray().Select(s => s.GetProperty("title").GetString()!));
            next = page.TryGetProperty("nextToken", out var token) ? token.GetString() : null;
        }
        while (next is not null);
        return titles;
    }

    /// The account's engagements started for an incident (IncidentId set), all pages of ListEngagements.
    public static async Task<int> EngagementsAsync(CalloutClient contacts, string account, CancellationToken ct)
    {
        var count = 0;
        string? next = null;
        do
        {
            var body = next is null ? """{"MaxResults":100}""" : JsonSerializer.Serialize(new Dictionary<string, object> { ["MaxResults"] = 100, ["NextToken"] = next });
            var page = await contacts.CallAsync("ListEngagements", account, body, ct);
            count += page.GetProperty("Engagements").EnumerateArray().Count(e => e.TryGetProperty("IncidentId", out var id) && id.GetString() is { Length: > 0 });
            next = page.TryGetProperty("NextToken", out var token) ? token.GetString() : null;
        }
        while (next is not null);
        return count;
    }
}
