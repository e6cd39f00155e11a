using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Observability;

/// The server's log lines, read from its output. A line reaches the test through a pipe some time
/// after the server wrote it, so a line the test expects is waited for (briefly).
static class ServerLog
{
    public static IReadOnlyList<string> Lines(ServerProcess server, Func<string, bool> match) =>
        server.Output.Split('\n').Where(match).ToList();

    public static async Task<IReadOnlyList<string>> WaitForAsync(ServerProcess server, Func<string, bool> match)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var lines = Lines(server, match);
            if (lines.Count > 0 || DateTime.UtcNow >= deadline)
            {
                return lines;
            }
            await Task.Delay(50);
        }
    }
}
