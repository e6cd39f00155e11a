using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;

namespace Callout.EndToEnd.Sts;

/// STS query-protocol requests over plain HTTP, so tests see exactly the bytes a client would. The
/// Authorization header carries only a credential scope, which `--auth off` reads without verifying.
static class StsCalls
{
    public const string Form = "Action=GetCallerIdentity&Version=2011-06-15";
    static readonly XNamespace Sts = "https://sts.amazonaws.com/doc/2011-06-15/";
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    public static Task<StsResponse> PostAsync(Uri endpoint, string body, string? accessKey = null, string region = "us-east-1") =>
        PostAsync(endpoint, Encoding.UTF8.GetBytes(body), accessKey, region);

    public static async Task<StsResponse> PostAsync(Uri endpoint, byte[] body, string? accessKey = null, string region = "us-east-1",
        string contentType = "application/x-www-form-urlencoded; charset=utf-8", Action<HttpRequestMessage>? adjust = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        Sign(request, accessKey, region);
        adjust?.Invoke(request);
        return await SendAsync(request);
    }

    public static async Task<StsResponse> GetAsync(Uri endpoint, string query, string? accessKey = null, string region = "us-east-1")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint, "?" + query));
        Sign(request, accessKey, region);
        return await SendAsync(request);
    }

    public static async Task<StsResponse> SendAsync(HttpRequestMessage request)
    {
        using var response = await Http.SendAsync(request);
        return new StsResponse(
            (int)response.StatusCode,
            await response.Content.ReadAsStringAsync(),
            response.Content.Headers.ContentType?.MediaType,
            response.Headers.TryGetValues("x-amzn-RequestId", out var id) ? id.Single() : null);
    }

    static void Sign(HttpRequestMessage request, string? accessKey, string region)
    {
        if (accessKey is null)
        {
            return;
        }
        var date = DateTime.UtcNow;
        request.Headers.TryAddWithoutValidation("X-Amz-Date", date.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={accessKey}/{date:yyyyMMdd}/{region}/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature={new string('0', 64)}");
    }

    public sealed record StsResponse(int Status, string Text, string? ContentType, string? RequestId)
    {
        XElement Root => XDocument.Parse(Text).Root!;

        public string RootName => Root.Name.LocalName;

        /// A member of GetCallerIdentityResult.
        public string Result(string name) => Root.Element(Sts + "GetCallerIdentityResult")!.Element(Sts + name)!.Value;

        public string BodyRequestId => Root.Descendants(Sts + "RequestId").Single().Value;

        public string ErrorCode => Root.Element(Sts + "Error")!.Element(Sts + "Code")!.Value;

        public string ErrorType => Root.Element(Sts + "Error")!.Element(Sts + "Type")!.Value;

        public string ErrorMessage => Root.Element(Sts + "Error")!.Element(Sts + "Message")!.Value;
    }
}
