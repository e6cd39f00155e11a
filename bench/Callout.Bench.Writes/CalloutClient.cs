using System.Net;
using Callout.Testing;

namespace Callout.Bench.Writes;

/// SSMContacts JSON 1.1 calls, framed by tests/Callout.Testing's SsmContactsClient (the account in
/// the credential scope, which Callout's default auth mode reads without checking the signature).
/// A failed call is counted, not thrown: each call answers null, or what went wrong as text.
sealed class CalloutClient(SsmContactsClient wire) : IDisposable
{
    public const string Region = SsmContactsClient.DefaultRegion;

    public static CalloutClient Create(Uri baseAddress, int connections) => new(SsmContactsClient.Create(baseAddress, connections));

    public Task<string?> CallAsync(string operation, string account, string json) =>
        ErrorOfAsync(() => wire.CallAsync(account, operation, json));

    public Task<string?> GetAsync(string path) =>
        ErrorOfAsync(() => wire.Http.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseContentRead));

    static async Task<string?> ErrorOfAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            using var response = await send();
            return response.StatusCode == HttpStatusCode.OK
                ? null
                : $"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
    }

    public void Dispose() => wire.Dispose();
}
