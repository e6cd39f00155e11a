using System.Text;
using System.Text.Json;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Rotations;

/// Callout's own calendar feed calls (Callout.CreateCalendarFeed and friends), signed like any API call.
static class CalendarFeedCalls
{
    public static Task<ApiResponse> CalloutAsync(this ApiClient client, string operation, string json) =>
        client.SendAsync("Callout." + operation, Encoding.UTF8.GetBytes(json));

    public static async Task<JsonElement> CalloutOkAsync(this ApiClient client, string operation, string json)
    {
        var response = await client.CalloutAsync(operation, json);
        Assert.True(response.Status == 200, $"Callout.{operation} failed with {response.Status}: {response.Text}");
        return response.Json;
    }

    /// A new feed of the rotation or contact: its id and its URL with `query` added.
    public static async Task<(string Id, Uri Url)> CreateFeedAsync(this ApiClient client, string targetArn, string query = "")
    {
        var created = await client.CalloutOkAsync("CreateCalendarFeed", JsonSerializer.Serialize(new { TargetArn = targetArn }));
        var url = created.GetProperty("FeedUrl").GetString()!;
        return (created.GetProperty("FeedId").GetString()!, new Uri(query.Length == 0 ? url : url + "?" + query));
    }
}
