using System.Net;
using System.Text;
using System.Text.Json;
using Callout.Testing;

namespace Callout.Bench.Console;

/// The bench account's calls: SSM Contacts and Callout's own (JSON 1.1) and SSM Incidents
/// (rest-json), unsigned as `--auth off` takes them. A refusal throws: seeding must not go on
/// half done.
sealed class Api(HttpClient http, Uri endpoint, string account)
{
    public const string Region = "us-east-1";

    public async Task<JsonElement> ContactsAsync(string operation, object body)
    {
        var target = operation.StartsWith("Callout.", StringComparison.Ordinal) ? operation : SsmContactsRequest.TargetPrefix + operation;
        using var request = SsmContactsRequest.Create(endpoint, account, Region, target, JsonSerializer.SerializeToUtf8Bytes(body));
        return await SendAsync(request);
    }

    public async Task<JsonElement> IncidentsAsync(string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, path))
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body)),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        SsmContactsRequest.AddUnsignedCredential(request, account, Region, "ssm-incidents");
        return await SendAsync(request);
    }

    async Task<JsonElement> SendAsync(HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            var target = request.Headers.TryGetValues("X-Amz-Target", out var t) ? string.Join("", t) : "";
            throw new InvalidOperationException($"{request.RequestUri} {target} answered {(int)response.StatusCode}: {text}");
        }
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// Runs `count` calls, `workers` at a time.
    public static async Task ManyAsync(int count, int workers, Func<int, Task> call)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await call(i);
            }
        }));
    }

    public static bool IsOk(HttpStatusCode status) => (int)status is >= 200 and < 300;
}
