using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Audit;

/// Calls signed with SigV4 for real (scope service `ssm-contacts`), for servers under
/// `--auth strict`: any target, SSMContacts.* or Callout.*, with a JSON body.
public sealed class SignedClient(Uri endpoint, string accessKey, string secret, string region = "us-east-1")
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    public string AccessKey => accessKey;

    public Task<ApiResponse> CallAsync(string operation, string json) => SendAsync("SSMContacts." + operation, json);

    public Task<ApiResponse> OwnAsync(string operation, string json) => SendAsync("Callout." + operation, json);

    public async Task<ApiResponse> SendAsync(string target, string json, string? signWith = null)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var now = DateTime.UtcNow;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var day = now.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var host = endpoint.Authority;
        const string contentType = "application/x-amz-json-1.1";
        const string signedHeaders = "content-type;host;x-amz-date;x-amz-target";
        var canonical = string.Join('\n', "POST", "/", "",
            "content-type:" + contentType, "host:" + host, "x-amz-date:" + amzDate, "x-amz-target:" + target, "",
            signedHeaders, Hex(SHA256.HashData(body)));
        var scope = $"{day}/{region}/ssm-contacts/aws4_request";
        var toSign = string.Join('\n', "AWS4-HMAC-SHA256", amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))));
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + (signWith ?? secret)), day);
        key = Hmac(Hmac(Hmac(key, region), "ssm-contacts"), "aws4_request");
        var signature = Hex(Hmac(key, toSign));

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, "/"));
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={accessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await Http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return new ApiResponse(
            (int)response.StatusCode,
            bytes,
            response.Content.Headers.ContentType?.MediaType,
            response.Headers.TryGetValues("x-amzn-ErrorType", out var et) ? et.Single() : null,
            response.Headers.TryGetValues("x-amzn-RequestId", out var rid) ? rid.Single() : null);
    }

    static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
