using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Callout.Server.Hosting;

/// Where links in pages and provider callbacks point: --public-url, else the first address the
/// server is bound to (with port 0 only the bound address tells the port; a wildcard host becomes
/// localhost). Worked out once, after the server listens: the engine starts only then (EngineHost).
sealed class PublicAddress(ServerOptions options, IServer server)
{
    readonly Lazy<Uri> _url = new(() => options.PublicUrl ?? Bound(server));

    public Uri Url => _url.Value;

    static Uri Bound(IServer server)
    {
        var first = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The public URL was needed before the server was listening.");
        var uri = new UriBuilder(first.TrimEnd('/') + "/");
        if (uri.Port == 0)
        {
            throw new InvalidOperationException("The public URL was needed before the server had its port.");
        }
        if (uri.Host is "0.0.0.0" or "[::]" or "::" or "+" or "*")
        {
            uri.Host = "localhost";
        }
        return uri.Uri;
    }
}
