using System.Text;
using System.Text.Json;
using Callout.Testing;

namespace Callout.EndToEnd.Harness;

/// Speaks the JSON 1.1 protocol over plain HTTP, so tests see exactly the bytes a client would.
/// Account and region travel in the SigV4 credential scope, which Callout reads in its default
/// auth mode without verifying the signature (docs/spec/protocol.md §5); SsmContactsRequest frames the calls.
public sealed class ApiClient(Uri endpoint, string account, string region = "us-east-1")
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };
    static int _nextAccount = Random.Shared.Next(100_000, 900_000);

    public string Account { get; } = account;

    public string Region { get; } = region;

    /// A client in an account no other test uses, so tests can share one server.
    public static ApiClient ForNewAccount(Uri endpoint, string region = "us-east-1") =>
        new(endpoint, "100000" + Interlocked.Increment(ref _nextAccount).ToString("D6", System.Globalization.CultureInfo.InvariantCulture), region);

    public string Arn(string resource) => $"arn:aws:ssm-contacts:{Region}:{Account}:{resource}";

    public Task<ApiResponse> CallAsync(string operation, string json) =>
        SendAsync(SsmContactsRequest.TargetPrefix + operation, Encoding.UTF8.GetBytes(json));

    public async Task<ApiResponse> SendAsync(string? target, byte[] body, string method = "POST", string contentType = SsmContactsRequest.JsonContentType)
    {
        using var request = SsmContactsRequest.Create(endpoint, Account, Region, target, body, method, contentType);
        using var response = await Http.SendAsync(request);
        return await ApiResponse.ReadAsync(response);
    }

    /// Calls an operation that must succeed and returns its result.
    public async Task<JsonElement> OkAsync(string operation, string json)
    {
        var response = await CallAsync(operation, json);
        if (response.Status != 200)
        {
            throw new Xunit.Sdk.XunitException($"{operation} failed with {response.Status}: {response.Text}");
        }
        return response.Json;
    }
}

public sealed record ApiResponse(int Status, byte[] Body, string? ContentType, string? ErrorType, string? RequestId)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Type => Json.TryGetProperty("__type", out var t) ? t.GetString() : null;

    public string Message => Json.GetProperty("Message").GetString()!;

    /// The status, body, error type and request id of an API answer.
    public static async Task<ApiResponse> ReadAsync(HttpResponseMessage response) => new(
        (int)response.StatusCode,
        await response.Content.ReadAsByteArrayAsync(),
        response.Content.Headers.ContentType?.MediaType,
        response.Headers.TryGetValues("x-amzn-ErrorType", out var et) ? et.Single() : null,
        response.Headers.TryGetValues("x-amzn-RequestId", out var rid) ? rid.Single() : null);
}
