using System.Diagnostics;
using System.Text;

namespace Callout.EndToEnd.Harness;

/// The server started as an operator would, for what happens before and around start-up: run to
/// its exit (--help, a bad setting, a port in use), or until it says where it listens.
public static class ServerCommand
{
    public sealed record Exit(int Code, string Stdout, string Stderr);

    /// `dotnet Callout.Server.dll args...`, to its exit.
    public static async Task<Exit> RunToExitAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null,
        string? input = null)
    {
        var info = Info("dotnet", [Paths.ServerDll, .. args], environment, workingDirectory);
        info.RedirectStandardInput = input is not null;
        info.StandardInputEncoding = input is null ? null : new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        using var process = Process.Start(info)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException("The server kept running:\n" + await stdout + await stderr);
        }
        return new Exit(process.ExitCode, await stdout, await stderr);
    }

    /// Runs a command that starts the server, waits for its "Callout listening on" line, then ends
    /// it; returns everything it printed up to then.
    public static async Task<string> RunUntilListeningAsync(string fileName, IEnumerable<string> args, string workingDirectory)
    {
        var output = new StringBuilder();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = new Process { StartInfo = Info(fileName, args, null, workingDirectory), EnableRaisingEvents = true };
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (output)
            {
                output.AppendLine(line);
            }
            if (line.StartsWith("Callout listening on ", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new Xunit.Sdk.XunitException("The server exited early:\n" + output));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(120));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        lock (output)
        {
            return output.ToString();
        }
    }

    static ProcessStartInfo Info(string fileName, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment, string? workingDirectory)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }
        return info;
    }
}
