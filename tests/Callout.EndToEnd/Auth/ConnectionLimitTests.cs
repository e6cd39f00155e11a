using System.Net.Sockets;
using System.Text;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Auth;

/// `--max-connections`: past the cap a new connection is closed at once, so idle or slow clients
/// cannot hold the server's sockets and memory without end (docs/security.md, SigV4).
public sealed class ConnectionLimitTests
{
    [Fact]
    public async Task a_connection_past_the_cap_is_closed_and_one_is_served_again_once_a_place_is_free()
    {
        await using var server = await ServerProcess.StartAsync(extraArgs: ["--max-connections", "2"]);
        using var first = await ConnectAsync(server);
        using var second = await ConnectAsync(server);
        Assert.StartsWith("HTTP/1.1 200", await HealthAsync(first), StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200", await HealthAsync(second), StringComparison.Ordinal);

        using (var third = await ConnectAsync(server))
        {
            Assert.Equal("", await HealthAsync(third));
        }

        first.Dispose();
        // Kestrel frees the place when it notices the close; a new connection is served after that.
        var answer = "";
        for (var i = 0; i < 50 && answer.Length == 0; i++)
        {
            using var again = await ConnectAsync(server);
            answer = await HealthAsync(again);
            if (answer.Length == 0)
            {
                await Task.Delay(100);
            }
        }
        Assert.StartsWith("HTTP/1.1 200", answer, StringComparison.Ordinal);
    }

    static async Task<TcpClient> ConnectAsync(ServerProcess server)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Endpoint.Host, server.Endpoint.Port);
        return tcp;
    }

    /// The answer's first bytes to GET /health/live on a kept-alive connection, or "" when the
    /// server closed it instead.
    static async Task<string> HealthAsync(TcpClient tcp)
    {
        var stream = tcp.GetStream();
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
            var buffer = new byte[4096];
            var n = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
            return Encoding.ASCII.GetString(buffer, 0, n);
        }
        catch (IOException)
        {
            return "";
        }
    }
}
