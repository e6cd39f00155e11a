using System.Text;
using System.Text.Json;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Audit;

/// Reads an account's audit log through Callout.ListAuditEvents, every page of it.
static class AuditEvents
{
    public static async Task<IReadOnlyList<JsonElement>> AllAsync(Func<string, Task<ApiResponse>> call, string filters = "")
    {
        var events = new List<JsonElement>();
        string? token = null;
        do
        {
            var members = new List<string> { "\"MaxResults\":1000" };
            if (filters.Length > 0)
            {
                members.Add(filters);
            }
            if (token is not null)
            {
                members.Add($"\"NextToken\":\"{token}\"");
            }
            var response = await call("{" + string.Join(',', members) + "}");
            Assert.True(response.Status == 200, "ListAuditEvents failed: " + response.Text);
            var json = response.Json;
            events.AddRange(json.GetProperty("AuditEvents").EnumerateArray().Select(e => e.Clone()));
            token = json.TryGetProperty("NextToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);
        return events;
    }

    public static Task<IReadOnlyList<JsonElement>> AllAsync(ApiClient client, string filters = "") =>
        AllAsync(body => client.SendAsync("Callout.ListAuditEvents", Encoding.UTF8.GetBytes(body)), filters);

    public static Task<IReadOnlyList<JsonElement>> AllAsync(SignedClient client, string filters = "") =>
        AllAsync(body => client.OwnAsync("ListAuditEvents", body), filters);

    public static string? Text(this JsonElement e, string member) =>
        e.TryGetProperty(member, out var v) ? v.GetString() : null;

    public static JsonElement WithRequestId(this IEnumerable<JsonElement> events, string? requestId) =>
        Assert.Single(events, e => e.Text("RequestId") == requestId);
}
