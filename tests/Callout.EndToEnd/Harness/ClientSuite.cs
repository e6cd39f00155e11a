using System.Diagnostics;
using System.Text;

namespace Callout.EndToEnd.Harness;

/// A client suite we don't control (tests/clients/*: boto3, AWS CLI v1, JS SDK v3) run as a child
/// process against a server (STYLE.md §4, Do 5).
public static class ClientSuite
{
    static readonly TimeSpan SuiteTimeout = TimeSpan.FromMinutes(5);

    /// Runs `program arguments` in tests/clients/{folder} with CALLOUT_ENDPOINT pointing at the
    /// server, and fails with the client's and the server's output unless it exits with 0.
    public static Task RunAsync(ServerProcess server, string folder, string program, params string[] arguments) =>
        RunAsync(server, folder, program, null, arguments);

    /// As above, with `environment` added to the client's (a suite's credentials, say).
    public static async Task RunAsync(ServerProcess server, string folder, string program,
        IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = Path.Combine(Paths.ClientsDir, folder),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["CALLOUT_ENDPOINT"] = server.Endpoint.ToString().TrimEnd('/');
        // A developer's AWS profile or endpoint override must not steer the clients elsewhere.
        foreach (var name in new[] { "AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SSM_CONTACTS", "AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_SSM_INCIDENTS", "AWS_SESSION_TOKEN",
            "CALLOUT_STS_KEY", "CALLOUT_STS_SECRET", "CALLOUT_STS_ACCOUNT", "CALLOUT_STRICT_KEY", "CALLOUT_STRICT_SECRET", "CALLOUT_STRICT_ACCOUNT" })
        {
            info.Environment.Remove(name);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        // Keep __pycache__ out of the source tree.
        info.Environment["PYTHONDONTWRITEBYTECODE"] = "1";

        var output = new StringBuilder();
        void Append(object? sender, DataReceivedEventArgs e)
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        }

        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var timedOut = false;
        using (var timeout = new CancellationTokenSource(SuiteTimeout))
        {
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        string Report(string verdict)
        {
            lock (output)
            {
                return $"{program} {string.Join(' ', arguments)} in tests/clients/{folder} {verdict}.\n" +
                    $"--- client output ---\n{output}\n--- server output ---\n{server.Output}";
            }
        }

        Assert.False(timedOut, Report($"did not finish within {SuiteTimeout.TotalMinutes} minutes"));
        Assert.True(process.ExitCode == 0, Report($"exited with code {process.ExitCode}"));
    }
}
