using System.Net;
using System.Text;

namespace Callout.Testing;

/// An HttpClient that sends SSMContacts calls framed by SsmContactsRequest, for the bench load
/// generators; each reads the answer its own way.
public sealed class SsmContactsClient(HttpClient http, Uri endpoint, string region = SsmContactsClient.DefaultRegion) : IDisposable
{
    public const string DefaultRegion = "us-east-1";

    public HttpClient Http => http;

    public string Region => region;

    /// A client on a pool of its own of at most `connections` connections to the server at
    /// baseAddress (also the HttpClient's BaseAddress), without proxy, cookies or decompression:
    /// what a load generator wants. Calls go to the root path.
    public static SsmContactsClient Create(Uri baseAddress, int connections, TimeSpan? timeout = null)
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            BaseAddress = baseAddress,
        };
        if (timeout is { } t)
        {
            client.Timeout = t;
        }
        return new SsmContactsClient(client, new Uri(baseAddress, "/"));
    }

    /// Calls `operation` with a JSON body; the response is read in full before it is returned.
    public async Task<HttpResponseMessage> CallAsync(string account, string operation, string json, CancellationToken ct = default)
    {
        using var request = SsmContactsRequest.Create(endpoint, account, region, SsmContactsRequest.TargetPrefix + operation, Encoding.UTF8.GetBytes(json));
        return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
    }

    public void Dispose() => http.Dispose();
}
