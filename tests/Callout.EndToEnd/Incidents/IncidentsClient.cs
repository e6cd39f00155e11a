using System.Globalization;
using System.Text;
using System.Text.Json;
using Callout.Testing;

namespace Callout.EndToEnd.Incidents;

/// Speaks the SSM Incidents rest-json protocol over plain HTTP: a method, a path and query, a
/// JSON body. Account and region travel in the SigV4 credential scope, read without verifying the
/// signature under `--auth off`, as for ApiClient.
public sealed class IncidentsClient(Uri endpoint, string account, string region = "us-east-1")
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };
    static int _nextAccount = Random.Shared.Next(100_000, 900_000);

    public string Account { get; } = account;

    public static IncidentsClient ForNewAccount(Uri endpoint, string region = "us-east-1") =>
        new(endpoint, "200000" + Interlocked.Increment(ref _nextAccount).ToString("D6", CultureInfo.InvariantCulture), region);

    public IncidentsClient InRegion(string other) => new(endpoint, Account, other);

    public Task<IncidentsResponse> SendAsync(string method, string pathAndQuery, string? json = null, string? target = null) =>
        SendAsync(method, pathAndQuery, json is null ? null : Encoding.UTF8.GetBytes(json), "application/json", target);

    /// Any bytes with any content type, as a fuzzer sends them.
    public async Task<IncidentsResponse> SendAsync(string method, string pathAndQuery, byte[]? body, string contentType, string? target = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(endpoint, pathAndQuery));
        SsmContactsRequest.AddUnsignedCredential(request, Account, region, "ssm-incidents");
        if (target is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        }
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        using var response = await Http.SendAsync(request);
        return new IncidentsResponse(
            (int)response.StatusCode,
            await response.Content.ReadAsByteArrayAsync(),
            response.Content.Headers.ContentType?.MediaType,
            response.Headers.TryGetValues("x-amzn-ErrorType", out var et) ? et.Single() : null,
            response.Headers.TryGetValues("x-amzn-RequestId", out var rid) ? rid.Single() : null);
    }

    public Task<IncidentsResponse> PostAsync(string path, string json) => SendAsync("POST", path, json);

    public Task<IncidentsResponse> GetAsync(string pathAndQuery) => SendAsync("GET", pathAndQuery);

    public async Task<string> CreateReplicationSetAsync(string regions = """{"us-east-1":{}}""")
    {
        var response = await PostAsync("/createReplicationSet", $$"""{"regions":{{regions}}}""");
        Assert.True(response.Status == 201, response.Text);
        return response.Json.GetProperty("arn").GetString()!;
    }

    public async Task<JsonElement> GetReplicationSetAsync(string arn)
    {
        var response = await GetAsync("/getReplicationSet?arn=" + Uri.EscapeDataString(arn));
        Assert.True(response.Status == 200, response.Text);
        return response.Json.GetProperty("replicationSet");
    }
}

public sealed record IncidentsResponse(int Status, byte[] Body, string? ContentType, string? ErrorType, string? RequestId)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string Message => Json.GetProperty("message").GetString()!;
}
