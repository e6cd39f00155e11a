using System.Net;
using System.Text.Json;
using Callout.Testing;

namespace Callout.Bench.Engine;

/// SSMContacts JSON 1.1 calls, framed by tests/Callout.Testing's SsmContactsClient (the account in
/// the credential scope, which Callout's default auth mode reads without checking the signature);
/// an answer other than 200 is an exception.
sealed class CalloutClient(SsmContactsClient wire) : IDisposable
{
    public const string Region = SsmContactsClient.DefaultRegion;

    public static CalloutClient Create(Uri baseAddress, int connections) =>
        new(SsmContactsClient.Create(baseAddress, connections, TimeSpan.FromSeconds(60)));

    public HttpClient Http => wire.Http;

    /// The result document, or an exception naming the operation and Callout's answer.
    public async Task<JsonElement> CallAsync(string operation, string account, string json, CancellationToken ct)
    {
        using var response = await wire.CallAsync(account, operation, json, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"{operation} answered HTTP {(int)response.StatusCode}: {text}");
        }
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    public void Dispose() => wire.Dispose();
}
