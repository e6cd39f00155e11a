using System.Net;
using System.Net.Sockets;

namespace Callout.Testing;

/// A loopback port nothing listens on right now, for a server that must know its own address
/// before it starts (its public URL). Another process could take it in between; tests accept that.
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
