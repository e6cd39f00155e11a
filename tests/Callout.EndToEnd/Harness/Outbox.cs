using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Callout.EndToEnd.Harness;

/// Reads the local outbox (GET /_callout/outbox), where activation codes wait while no delivery
/// provider is configured.
public static partial class Outbox
{
    static readonly HttpClient Http = new();

    public static async Task<IReadOnlyList<JsonElement>> MessagesAsync(Uri endpoint, string account)
    {
        var doc = await Http.GetFromJsonAsync<JsonElement>(new Uri(endpoint, "_callout/outbox?limit=1000"));
        return doc.GetProperty("Messages").EnumerateArray().Where(m => m.GetProperty("AccountId").GetString() == account).ToList();
    }

    /// The newest activation code sent to an address in the account.
    public static async Task<string?> LatestCodeAsync(Uri endpoint, string account, string address)
    {
        foreach (var m in await MessagesAsync(endpoint, account))
        {
            if (m.GetProperty("Address").GetString() == address)
            {
                return Code().Match(m.GetProperty("Body").GetString()!).Value;
            }
        }
        return null;
    }

    [GeneratedRegex(@"\b[0-9]{6}\b")]
    private static partial Regex Code();
}
