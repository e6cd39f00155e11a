using System.Diagnostics;
using System.Text;

namespace Callout.Testing.Prometheus;

/// A Prometheus-family daemon as a child process on a loopback port, with a private temporary
/// folder for its configuration and data. Ready once `/-/ready` answers 200; ended with the test.
public sealed class LoopbackDaemon : IAsyncDisposable
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    readonly Process _process;
    readonly StringBuilder _log = new();

    LoopbackDaemon(Process process, string folder, Uri baseUrl)
    {
        _process = process;
        Folder = folder;
        BaseUrl = baseUrl;
    }

    /// The daemon's own temporary folder (configuration files, `--storage.path`).
    public string Folder { get; }

    public Uri BaseUrl { get; }

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// A temporary folder for a daemon's files, made before the daemon starts so its configuration
    /// can be written there first.
    public static string NewFolder(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"callout-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// Starts the first of `executables` found on PATH with `arguments`, which must make it listen
    /// on 127.0.0.1:`port`; `package` names the Debian package for the error when none is there.
    public static async Task<LoopbackDaemon> StartAsync(
        string[] executables, string package, string folder, int port, IEnumerable<string> arguments)
    {
        var executable = executables.Select(Find).FirstOrDefault(p => p is not null)
            ?? throw new InvalidOperationException(
                $"{string.Join(" or ", executables)} is not on PATH: install Debian's {package} (tests/install-test-dependencies.sh does as root).");
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        var process = new Process { StartInfo = info };
        var daemon = new LoopbackDaemon(process, folder, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => daemon.Log(e.Data);
        process.ErrorDataReceived += (_, e) => daemon.Log(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await daemon.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
        }
        catch
        {
            await daemon.DisposeAsync();
            throw;
        }
        return daemon;
    }

    async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_process.StartInfo.FileName} exited at once:\n{Output}");
            }
            try
            {
                using var response = await Http.GetAsync(new Uri(BaseUrl, "-/ready"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"{_process.StartInfo.FileName} was not ready within {timeout}:\n{Output}");
            }
            await Task.Delay(50);
        }
    }

    void Log(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temporary folder is cleaned by the system later.
        }
    }
}
