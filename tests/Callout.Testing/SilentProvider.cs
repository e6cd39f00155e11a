using System.Net;
using System.Net.Sockets;

namespace Callout.Testing;

/// A provider endpoint that takes requests and never answers, as a provider does whose reply is
/// lost: the sender cannot know whether the message went out. Counts the requests it received.
public sealed class SilentProvider : IAsyncDisposable
{
    readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    readonly List<TcpClient> _held = [];
    readonly CancellationTokenSource _stop = new();
    readonly Task _accepting;
    int _requests;

    public SilentProvider()
    {
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri Url { get; }

    public int Requests => Volatile.Read(ref _requests);

    async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_held)
                {
                    _held.Add(client);
                }
                _ = ReadOneAsync(client);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    async Task ReadOneAsync(TcpClient client)
    {
        var buffer = new byte[4096];
        try
        {
            if (await client.GetStream().ReadAsync(buffer, _stop.Token) > 0)
            {
                Interlocked.Increment(ref _requests);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        lock (_held)
        {
            foreach (var c in _held)
            {
                c.Dispose();
            }
        }
        _stop.Dispose();
    }
}
