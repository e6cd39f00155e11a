using System.Net.Http.Headers;
using System.Text;
using Callout.EndToEnd.Harness;
using Callout.Testing;

namespace Callout.EndToEnd.Audit;

/// Calls signed with SigV4 for real (scope service `ssm-contacts`), for servers under
/// `--auth strict`: any target, SSMContacts.* or Callout.*, with a JSON body.
public sealed class SignedClient(Uri endpoint, string accessKey, string secret, string region = "us-east-1")
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    public string AccessKey => accessKey;

    public Task<ApiResponse> CallAsync(string operation, string json) => SendAsync("SSMContacts." + operation, json);

    public Task<ApiResponse> OwnAsync(string operation, string json) => SendAsync("Callout." + operation, json);

    /// `signWith` signs with another secret than the key's, for a signature that does not hold.
    public async Task<ApiResponse> SendAsync(string target, string json, string? signWith = null)
    {
        var body = Encoding.UTF8.GetBytes(json);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, "/"));
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(SsmContactsRequest.JsonContentType);
        new SigV4TestSigner(accessKey, signWith ?? secret, region).Sign(request, body);
        using var response = await Http.SendAsync(request);
        return await ApiResponse.ReadAsync(response);
    }
}
