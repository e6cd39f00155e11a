using Callout.Protocol.Auth;
using Microsoft.AspNetCore.Http.Features;

namespace Callout.Server.Api;

/// What the SigV4 authenticator needs of an ASP.NET Core request.
static class SignedRequests
{
    /// Off mode reads only the credential scope, so it gets only the Authorization header.
    public static SignedRequest ScopeOnly(HttpRequest request) => new(
        request.Method, "/", "", [new("Authorization", request.Headers.Authorization.ToString())], ReadOnlyMemory<byte>.Empty);

    public static SignedRequest From(HttpRequest request, ReadOnlyMemory<byte> body)
    {
        var headers = new List<KeyValuePair<string, string>>(request.Headers.Count);
        foreach (var (name, values) in request.Headers)
        {
            headers.Add(new(name, string.Join(',', values.ToArray())));
        }
        // The path as the client sent and signed it: the decoded one loses which '/' were `%2F`.
        var path = RawPath(request);
        var query = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        return new SignedRequest(request.Method, path.Length == 0 ? "/" : path, query, headers, body);
    }

    /// The request target up to its query, as sent; ASP.NET Core's decoded Path when there is no
    /// raw target (an absolute-form or asterisk-form target, which no SDK sends).
    static string RawPath(HttpRequest request)
    {
        var raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (raw is not { Length: > 0 } || raw[0] != '/')
        {
            return request.PathBase.Add(request.Path).Value ?? "/";
        }
        var query = raw.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? raw : raw[..query];
    }
}
