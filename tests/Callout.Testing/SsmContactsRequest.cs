using System.Globalization;
using System.Net.Http.Headers;

namespace Callout.Testing;

/// SSMContacts calls framed as an SDK frames them for the JSON 1.1 protocol (docs/spec/protocol.md):
/// a POST with X-Amz-Target, application/x-amz-json-1.1 and an Authorization header whose SigV4
/// credential scope names the account and region. The signature is zeros: Callout's default auth
/// mode reads the scope without verifying it (docs/spec/protocol.md §5). The end-to-end tests' ApiClient
/// and the bench load generators (through SsmContactsClient) all frame their calls here.
public static class SsmContactsRequest
{
    public const string JsonContentType = "application/x-amz-json-1.1";

    public const string TargetPrefix = "SSMContacts.";

    static readonly string ZeroSignature = new('0', 64);

    /// Adds X-Amz-Date and an Authorization header whose credential scope names the account,
    /// region and service (ssm-contacts, ssm-incidents), signed with zeros: what `--auth off`
    /// reads without verifying, for any protocol's request.
    public static void AddUnsignedCredential(HttpRequestMessage request, string account, string region, string service)
    {
        ArgumentNullException.ThrowIfNull(request);
        var date = DateTime.UtcNow;
        request.Headers.TryAddWithoutValidation("X-Amz-Date", date.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("Authorization", string.Create(CultureInfo.InvariantCulture,
            $"AWS4-HMAC-SHA256 Credential={account}/{date:yyyyMMdd}/{region}/{service}/aws4_request, SignedHeaders=host;x-amz-date, Signature={ZeroSignature}"));
    }

    /// The request for `target` (null sends none) on behalf of `account`. Method and content type
    /// can be anything, so framing tests can send what an SDK never would; a GET has no body.
    public static HttpRequestMessage Create(Uri endpoint, string account, string region, string? target, byte[] body,
        string method = "POST", string contentType = JsonContentType)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), endpoint);
        if (target is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        }
        AddUnsignedCredential(request, account, region, "ssm-contacts");
        if (method != "GET")
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        return request;
    }
}
