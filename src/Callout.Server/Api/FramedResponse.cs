using Callout.Protocol.Framing;

namespace Callout.Server.Api;

/// Writes a framed answer of either protocol (JSON 1.1 or STS's query protocol) with its request id.
static class FramedResponse
{
    public static Task WriteAsync(HttpContext http, int status, string contentType, string requestId, byte[] body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        http.Response.Headers[ResponseFraming.RequestIdHeader] = requestId;
        http.Response.ContentLength = body.Length;
        return http.Response.Body.WriteAsync(body, http.RequestAborted).AsTask();
    }
}
