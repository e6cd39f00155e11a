using System.Diagnostics;
using System.Text;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Rotations;

/// Rotations through clients we don't control — boto3 (tests/clients/python/test_boto3_rotations.py),
/// AWS CLI v1 (tests/clients/cli/test_cli_rotations.sh) and JS SDK v3 (tests/clients/js/rotations/) —
/// each run as a child process against a fresh in-memory server on the system clock: overrides are
/// checked against "now", so the suites move their vectors into the near future themselves.
public sealed class RealClientRotationTests
{
    static readonly TimeSpan SuiteTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public Task the_boto3_rotation_suite_passes() =>
        RunSuiteAsync("python", "python3", "-m", "unittest", "-v", "test_boto3_rotations");

    [Fact]
    public Task the_aws_cli_rotation_suite_passes() =>
        RunSuiteAsync("cli", "bash", "test_cli_rotations.sh");

    // node_modules comes from tests/install-test-dependencies.sh, run by the test build.
    [Fact]
    public Task the_js_sdk_v3_rotation_suite_passes() =>
        RunSuiteAsync("js", "node", "--test", "rotations/");

    static async Task RunSuiteAsync(string folder, string program, params string[] arguments)
    {
        await using var server = await ServerProcess.StartAsync();
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
        foreach (var name in new[] { "AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SSM_CONTACTS", "AWS_SESSION_TOKEN" })
        {
            info.Environment.Remove(name);
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
