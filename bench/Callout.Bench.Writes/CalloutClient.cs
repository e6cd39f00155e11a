using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Callout.Bench.Writes;

/// SSMContacts JSON 1.1 calls as an SDK frames them, with an Authorization header whose credential
/// scope names the account (Callout's default auth mode reads it without checking the signature).
sealed class CalloutClient(HttpClient http) : IDisposable
{
    public const string Region = "us-east-1";
    public static CalloutClient Create(Uri baseAddress, int connections) => new(new HttpClient(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        BaseAddress = baseAddress,
    });

    public async Task<string?> CallAsync(string operation, string account, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "SSMContacts." + operation);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={account}/20261125/{Region}/ssm-contacts/aws4_request, SignedHeaders=host, Signature={new string('0', 64)}");
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        return await SendAsync(request);
    }

    public async Task<string?> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(request);
    }

    async Task<string?> SendAsync(HttpRequestMessage request)
    {
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            return response.StatusCode == HttpStatusCode.OK
                ? null
                : $"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
    }

    public void Dispose() => http.Dispose();
}
