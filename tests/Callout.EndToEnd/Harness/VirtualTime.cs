using System.Net.Http.Json;
using System.Text.Json;

namespace Callout.EndToEnd.Harness;

/// Drives a server started with `--clock virtual`.
public static class VirtualTime
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(2) };

    /// Moves the clock forward and returns once every step due by then has run; returns the new time
    /// in epoch seconds.
    public static async Task<decimal> AdvanceAsync(Uri endpoint, TimeSpan by)
    {
        using var response = await Http.PostAsync(new Uri(endpoint, "_callout/clock/advance"),
            JsonContent.Create(new Dictionary<string, double> { ["seconds"] = by.TotalSeconds }));
        response.EnsureSuccessStatusCode();
        var doc = await response.Content.ReadFromJsonAsync<JsonElement>();
        return doc.GetProperty("Now").GetDecimal();
    }

    public static async Task<decimal> NowAsync(Uri endpoint)
    {
        var doc = await Http.GetFromJsonAsync<JsonElement>(new Uri(endpoint, "_callout/clock"));
        return doc.GetProperty("Now").GetDecimal();
    }
}
