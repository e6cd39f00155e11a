using System.Diagnostics;

namespace Callout.EndToEnd.Harness;

/// Runs a Python script (boto3 and botocore are the clients under test) and returns what it printed,
/// failing with its error output unless it exits with 0.
public static class PythonScript
{
    public static async Task<string> RunAsync(string script)
    {
        var info = new ProcessStartInfo("python3", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        // A developer's AWS settings must not steer the client elsewhere.
        foreach (var name in new[] { "AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SSM_CONTACTS", "AWS_SESSION_TOKEN", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY" })
        {
            info.Environment.Remove(name);
        }
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, await error);
        return (await output).Trim();
    }
}
