using System.Net.Http.Json;
using System.Text.Json;
using Callout.Testing;

namespace Callout.EndToEnd.Harness;

/// Drives a server started with `--clock virtual`; under `--auth strict` with a signer.
public static class VirtualTime
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(2) };

    /// Moves the clock forward and returns once every step due by then has run; returns the new time
    /// in epoch seconds.
    public static async Task<decimal> AdvanceAsync(Uri endpoint, TimeSpan by, SigV4TestSigner? signer = null)
    {
        var answer = await new SignedHttp(endpoint, signer).SendAsync(HttpMethod.Post, "_callout/clock/advance",
            JsonSerializer.Serialize(new Dictionary<string, double> { ["seconds"] = by.TotalSeconds }));
        Assert.True(answer.Status == 200, $"clock/advance: HTTP {answer.Status} {answer.Text}");
        return answer.Json.GetProperty("Now").GetDecimal();
    }

    public static async Task<decimal> NowAsync(Uri endpoint, SigV4TestSigner? signer = null)
    {
        if (signer is null)
        {
            var doc = await Http.GetFromJsonAsync<JsonElement>(new Uri(endpoint, "_callout/clock"));
            return doc.GetProperty("Now").GetDecimal();
        }
        var answer = await new SignedHttp(endpoint, signer).GetAsync("_callout/clock");
        Assert.True(answer.Status == 200, $"clock: HTTP {answer.Status} {answer.Text}");
        return answer.Json.GetProperty("Now").GetDecimal();
    }
}
