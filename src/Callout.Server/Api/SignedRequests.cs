using Callout.Protocol.Auth;

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
        // Decoded path; the authenticator applies SigV4's own encoding.
        var path = request.PathBase.Add(request.Path).Value ?? "/";
        var query = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        return new SignedRequest(request.Method, path.Length == 0 ? "/" : path, query, headers, body);
    }
}
