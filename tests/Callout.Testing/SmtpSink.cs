using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Callout.Testing;

/// A real SMTP server: Debian's aiosmtpd, storing every message in a maildir, read back with
/// MimeKit. Needs `/usr/bin/python3` with python3-aiosmtpd (.ci/run installs it); the first python3
/// on PATH may be one without Debian's packages.
public sealed class SmtpSink : IAsyncDisposable
{
    const string Python = "/usr/bin/python3";
    static readonly string[] Folders = ["new", "cur"];

    readonly Process _process;
    readonly string _maildir;
    readonly StringBuilder _log = new();

    SmtpSink(Process process, string maildir, int port)
    {
        _process = process;
        _maildir = maildir;
        Port = port;
    }

    public const string Host = "127.0.0.1";

    public int Port { get; }

    public static async Task<SmtpSink> StartAsync()
    {
        var maildir = Path.Combine(Path.GetTempPath(), "callout-smtp-" + Guid.NewGuid().ToString("N"));
        var port = FreePort.Next();
        var info = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir })
        {
            info.ArgumentList.Add(arg);
        }
        var process = new Process { StartInfo = info };
        var sink = new SmtpSink(process, maildir, port);
        process.OutputDataReceived += (_, e) => sink.Log(e.Data);
        process.ErrorDataReceived += (_, e) => sink.Log(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited at once (is python3-aiosmtpd installed for {Python}?):\n{sink.Output}");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(Host, port);
                return sink;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

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

    /// Every message received so far, in the order the maildir names them.
    public IReadOnlyList<MimeMessage> Messages()
    {
        var files = Folders.Select(d => Path.Combine(_maildir, d)).Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles).Order(StringComparer.Ordinal);
        return files.Select(f => MimeMessage.Load(f)).ToList();
    }

    /// The first message that matches; waits briefly, since the server writes the file as it answers.
    public async Task<MimeMessage> WaitForAsync(Func<MimeMessage, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (Messages().FirstOrDefault(match) is { } found)
            {
                return found;
            }
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"No matching message among {Messages().Count} received.\n{Output}");
            }
            await Task.Delay(50);
        }
    }

    void Log(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
        if (Directory.Exists(_maildir))
        {
            Directory.Delete(_maildir, recursive: true);
        }
    }
}
