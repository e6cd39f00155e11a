using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Callout.Testing;

namespace Callout.EndToEnd.Harness;

/// One answer of a signed or unsigned request, read in full.
public sealed record HttpAnswer(int Status, string Text, string? ContentType, string? ErrorType, string? Location = null)
{
    public JsonElement Json => JsonDocument.Parse(Text).RootElement;
}

/// Requests to a `--auth strict` server signed with one key (SigV4TestSigner), or unsigned with a
/// null signer: the API's JSON 1.1 calls and Callout's own endpoints under /_callout/.
public sealed class SignedHttp(Uri endpoint, SigV4TestSigner? signer)
{
    // Redirects are answers to check (the console's sign-in), not to follow.
    static readonly HttpClient Http = new(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(2) };

    public SigV4TestSigner? Signer => signer;

    public async Task<HttpAnswer> SendAsync(HttpMethod method, string relative, string? body = null, string contentType = "application/json",
        IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(endpoint, relative));
        var bytes = body is null ? null : Encoding.UTF8.GetBytes(body);
        if (bytes is not null)
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        signer?.Sign(request, bytes);
        using var response = await Http.SendAsync(request);
        return new HttpAnswer(
            (int)response.StatusCode,
            await response.Content.ReadAsStringAsync(),
            response.Content.Headers.ContentType?.MediaType,
            response.Headers.TryGetValues("x-amzn-ErrorType", out var type) ? type.Single() : null,
            response.Headers.Location?.OriginalString);
    }

    public Task<HttpAnswer> GetAsync(string relative) => SendAsync(HttpMethod.Get, relative);

    /// An SSMContacts operation; fails the test unless it answers 200.
    public async Task<JsonElement> ApiAsync(string operation, string json)
    {
        var answer = await SendAsync(HttpMethod.Post, "/", json, SsmContactsRequest.JsonContentType,
            new Dictionary<string, string> { ["X-Amz-Target"] = SsmContactsRequest.TargetPrefix + operation });
        Assert.True(answer.Status == 200, $"{operation}: HTTP {answer.Status} {answer.Text}");
        return answer.Json;
    }

    /// The outbox as this caller sees it.
    public async Task<IReadOnlyList<JsonElement>> OutboxAsync()
    {
        var answer = await GetAsync("_callout/outbox?limit=1000");
        Assert.True(answer.Status == 200, $"outbox: HTTP {answer.Status} {answer.Text}");
        return answer.Json.GetProperty("Messages").EnumerateArray().ToList();
    }
}
