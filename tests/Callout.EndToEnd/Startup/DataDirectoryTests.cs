using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Startup;

/// The default ./callout-data is in the directory the server was started from (README), whether
/// started as `dotnet Callout.Server.dll` or with `dotnet run --project`.
public sealed class DataDirectoryTests : IDisposable
{
    readonly string _temp = Directory.CreateTempSubdirectory("callout-cwd-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public async Task the_default_data_directory_is_in_the_working_directory()
    {
        var output = await ServerCommand.RunUntilListeningAsync("dotnet", [Paths.ServerDll, "--urls", "http://127.0.0.1:0"], _temp);

        var database = Path.Combine(_temp, "callout-data", "callout.db");
        Assert.True(File.Exists(database), output);
        Assert.Contains($"store: sqlite {database}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task dotnet_run_puts_the_default_data_directory_where_the_command_was_run()
    {
        // The Web SDK runs the program in the project's folder unless told otherwise.
        var output = await ServerCommand.RunUntilListeningAsync("dotnet",
            ["run", "--no-build", "--project", Paths.ServerProject, "-c", Paths.Configuration, "--", "--urls", "http://127.0.0.1:0"], _temp);

        Assert.True(File.Exists(Path.Combine(_temp, "callout-data", "callout.db")), output);
    }
}
