using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Callout.Testing;

namespace Callout.EndToEnd.Harness;

/// Reads the local outbox (GET /_callout/outbox), where activation codes wait while no delivery
/// provider is configured.
public static partial class Outbox
{
    static readonly HttpClient Http = new();

    /// Under `--auth strict` the outbox needs a signer, and shows only its account and region.
    public static async Task<IReadOnlyList<JsonElement>> MessagesAsync(Uri endpoint, string account, SigV4TestSigner? signer = null)
    {
        if (signer is not null)
        {
            return (await new SignedHttp(endpoint, signer).OutboxAsync()).Where(m => m.GetProperty("AccountId").GetString() == account).ToList();
        }
        var doc = await Http.GetFromJsonAsync<JsonElement>(new Uri(endpoint, "_callout/outbox?limit=1000"));
        return doc.GetProperty("Messages").EnumerateArray().Where(m => m.GetProperty("AccountId").GetString() == account).ToList();
    }

    /// The newest activation code sent to an address in the account.
    public static async Task<string?> LatestCodeAsync(Uri endpoint, string account, string address, SigV4TestSigner? signer = null)
    {
        foreach (var m in await MessagesAsync(endpoint, account, signer))
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
