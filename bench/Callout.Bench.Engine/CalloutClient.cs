using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Callout.Bench.Engine;

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
        Timeout = TimeSpan.FromSeconds(60),
    });

    public HttpClient Http => http;

    /// The result document, or an exception naming the operation and Callout's answer.
    public async Task<JsonElement> CallAsync(string operation, string account, string json, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "SSMContacts." + operation);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={account}/20261125/{Region}/ssm-contacts/aws4_request, SignedHeaders=host, Signature={new string('0', 64)}");
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"{operation} answered HTTP {(int)response.StatusCode}: {text}");
        }
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    public void Dispose() => http.Dispose();
}
