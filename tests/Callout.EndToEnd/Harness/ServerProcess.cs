using System.Diagnostics;
using System.Text;

namespace Callout.EndToEnd.Harness;

/// The real Callout server as a child process on a random loopback port. Output is kept so a
/// failing test can show the server's log.
public sealed class ServerProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly StringBuilder _output = new();
    readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    ServerProcess(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment)
        : this("dotnet", [Paths.ServerDll, .. args], environment?.ToDictionary(e => e.Key, e => (string?)e.Value), workingDirectory: null)
    {
    }

    /// `fileName args...`; a null value in `environment` removes that variable.
    ServerProcess(string fileName, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment, string? workingDirectory)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        foreach (var (k, v) in environment ?? new Dictionary<string, string?>())
        {
            if (v is null)
            {
                info.Environment.Remove(k);
            }
            else
            {
                info.Environment[k] = v;
            }
        }
        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException("Server exited early:\n" + Output));
    }

    public Uri Endpoint { get; private set; } = null!;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    Postgres? _database;

    /// Starts a server; with no data directory it runs `--in-memory`, or, when CALLOUT_E2E_STORE is
    /// `postgres` (the suite's PostgreSQL run in .ci/run), on a PostgreSQL schema of its own.
    public static async Task<ServerProcess> StartAsync(string? dataDirectory = null, IEnumerable<string>? extraArgs = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var args = new List<string> { "--urls", "http://127.0.0.1:0" };
        Postgres? database = null;
        var explicitStore = extraArgs?.Contains("--store") == true;
        if (dataDirectory is null && !explicitStore && Environment.GetEnvironmentVariable("CALLOUT_E2E_STORE") == "postgres")
        {
            database = await Postgres.CreateSchemaAsync();
            args.AddRange(["--store", database.ConnectionString]);
        }
        else if (dataDirectory is null)
        {
            args.Add("--in-memory");
        }
        else
        {
            args.AddRange(["--data-dir", dataDirectory]);
        }
        args.AddRange(extraArgs ?? []);
        var server = new ServerProcess(args, environment) { _database = database };
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        var ready = await server._listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        server.Endpoint = ready;
        return server;
    }

    /// Another build of the server, such as the release archive's single-file executable, run as
    /// `executable args...` in `workingDirectory` until it says where it listens.
    public static async Task<ServerProcess> StartExecutableAsync(string executable, IEnumerable<string> args,
        IReadOnlyDictionary<string, string?> environment, string workingDirectory)
    {
        var server = new ServerProcess(executable, args, environment, workingDirectory);
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        server.Endpoint = await server._listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return server;
    }

    void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
        const string marker = "Callout listening on ";
        var at = line.IndexOf(marker, StringComparison.Ordinal);
        if (at >= 0)
        {
            var rest = line[(at + marker.Length)..];
            var url = rest.Split(' ')[0];
            _listening.TrySetResult(new Uri(url.TrimEnd('/') + "/"));
        }
    }

    /// Ends the process at once, as `kill -9` would: no shutdown code runs.
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
    }

    /// A graceful stop (SIGTERM), letting the host shut down.
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
    }

    /// Sends SIGTERM and waits for the process to end by itself: its exit code, or null when it was
    /// still running after `patience` (it is then killed).
    public async Task<int?> TerminateAsync(TimeSpan patience)
    {
        if (!_process.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            return null;
        }
    }

    /// With CALLOUT_E2E_SERVER_LOGS set to a folder, every server's whole log is kept there after
    /// the run, for failures whose cause only the server saw (an engine step that threw).
    void SaveLog()
    {
        var folder = Environment.GetEnvironmentVariable("CALLOUT_E2E_SERVER_LOGS");
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, $"server-{_process.Id}.log"), Output);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        SaveLog();
        _process.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
