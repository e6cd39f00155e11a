using System.Text;
using System.Text.Json;
using Callout.Bench.Engine;
using Callout.Testing;

namespace Callout.Bench.Alerts;

/// SSM Incidents rest-json calls and Callout's own management calls for the set-up and the final
/// count, framed like SsmContactsRequest: the account in the credential scope, which Callout's
/// default auth mode reads without checking the signature. An error answer is an exception.
sealed class IncidentsCalls(HttpClient http, Uri callout, string account)
{
    public string Account => account;

    /// `POST {path}` with a JSON body, signed for ssm-incidents; the answer's document.
    public async Task<JsonElement> RestAsync(string path, string json, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(callout, path));
        SsmContactsRequest.AddUnsignedCredential(request, account, CalloutClient.Region, "ssm-incidents");
        request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return await SendAsync(request, path, ct);
    }

    /// `Callout.{operation}`, Callout's own JSON 1.1 calls (docs/management.md).
    public async Task<JsonElement> ManagementAsync(string operation, string json, CancellationToken ct)
    {
        using var request = SsmContactsRequest.Create(new Uri(callout, "/"), account, CalloutClient.Region, "Callout." + operation,
            Encoding.UTF8.GetBytes(json));
        return await SendAsync(request, operation, ct);
    }


    async Task<JsonElement> SendAsync(HttpRequestMessage request, string what, CancellationToken ct)
    {
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{what} answered HTTP {(int)response.StatusCode}: {text}");
        }
        using var document = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
        return document.RootElement.Clone();
    }

}
