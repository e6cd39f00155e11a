using System.Diagnostics;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Release;

/// The linux-x64 release archive, built once per test run by the README's command
/// (`release/build.sh`, which keeps an archive already built from the same sources) and unpacked
/// into an empty directory.
public sealed class ReleaseArchive : IAsyncLifetime
{
    static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(20);

    readonly string _temp = Directory.CreateTempSubdirectory("callout-release-").FullName;

    public static string RepositoryRoot => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Paths.ServerProject)!, "..", ".."));

    /// Where the archive was unpacked: the folder it holds.
    public string Folder { get; private set; } = null!;

    public string Executable => Path.Combine(Folder, "callout");

    /// The archive's entries, as `tar --list` names them.
    public IReadOnlyList<string> Entries { get; private set; } = [];

    /// A home of its own for each run, where the executable unpacks its native library.
    public string Home => Path.Combine(_temp, "home");

    /// The commit checked out when the archive was built, which its version names.
    public string Commit { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var head = await ExecAsync("git", ["rev-parse", "HEAD"], RepositoryRoot, null, TimeSpan.FromMinutes(1));
        Assert.True(head.Code == 0, head.Stderr);
        Commit = head.Stdout.Trim();
        var build = await ExecAsync("bash", [Path.Combine(RepositoryRoot, "release", "build.sh"), "--rid", "linux-x64", "--reuse"], RepositoryRoot, null, BuildTimeout);
        Assert.True(build.Code == 0, "release/build.sh failed:\n" + build.Stderr);
        var archive = build.Stdout.Trim().Split('\n')[^1];
        Assert.EndsWith("-linux-x64.tar.gz", archive, StringComparison.Ordinal);

        var unpacked = Path.Combine(_temp, "unpacked");
        Directory.CreateDirectory(unpacked);
        var tar = await ExecAsync("tar", ["--extract", "--gzip", "--file", archive, "--directory", unpacked], unpacked, null, TimeSpan.FromMinutes(2));
        Assert.True(tar.Code == 0, tar.Stderr);
        var list = await ExecAsync("tar", ["--list", "--gzip", "--file", archive], unpacked, null, TimeSpan.FromMinutes(2));
        Entries = list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Folder = Assert.Single(Directory.GetDirectories(unpacked));
        Directory.CreateDirectory(Home);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_temp, recursive: true);
        return Task.CompletedTask;
    }

    /// The environment of a machine without .NET: no directory on PATH holds `dotnet`, and no
    /// DOTNET_* variable (DOTNET_ROOT among them) points at an installation.
    public IReadOnlyDictionary<string, string?> WithoutDotnet()
    {
        var environment = new Dictionary<string, string?>();
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            if (name.StartsWith("DOTNET_", StringComparison.Ordinal) || name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || name.StartsWith("NUGET_", StringComparison.Ordinal))
            {
                environment[name] = null;
            }
        }
        environment["PATH"] = string.Join(':', (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Where(dir => !File.Exists(Path.Combine(dir, "dotnet"))));
        environment["HOME"] = Home;
        return environment;
    }

    /// `callout args...` without .NET, to its exit.
    public Task<ServerCommand.Exit> RunAsync(params string[] args) =>
        ExecAsync(Executable, args, Folder, WithoutDotnet(), TimeSpan.FromMinutes(1));

    public static async Task<ServerCommand.Exit> ExecAsync(string fileName, IEnumerable<string> args, string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(fileName, args)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"{fileName} did not finish within {timeout}:\n{await stdout}{await stderr}");
        }
        return new ServerCommand.Exit(process.ExitCode, await stdout, await stderr);
    }
}

[CollectionDefinition(Name)]
public sealed class ReleaseArchiveCollection : ICollectionFixture<ReleaseArchive>
{
    public const string Name = "release archive";
}
