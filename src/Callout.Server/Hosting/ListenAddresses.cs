using System.Net;

namespace Callout.Server.Hosting;

/// Which addresses of a --urls value reach beyond this machine. Loopback is 127.0.0.0/8, ::1 and
/// `localhost`; `0.0.0.0`, `[::]`, `*` and `+` are every interface, and Kestrel listens on every
/// interface for any other host name too, so those are all beyond loopback.
static class ListenAddresses
{
    public static IReadOnlyList<string> BeyondLoopback(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(url => !IsLoopback(url))
            .ToList();

    /// `url` is one address already checked by ServerOptions (scheme://host:port).
    public static bool IsLoopback(string url)
    {
        var host = Host(url);
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.TrimStart('[').TrimEnd(']'), out var ip) && IPAddress.IsLoopback(ip));
    }

    static string Host(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal) is var at and >= 0 ? at + 3 : 0;
        var rest = url[start..];
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            return close < 0 ? rest : rest[..(close + 1)];
        }
        var end = rest.IndexOfAny([':', '/']);
        return end < 0 ? rest : rest[..end];
    }
}
