using Callout.Server.Hosting.Configuration;

namespace Callout.Server.Hosting.Backup;

/// `callout backup FILE [options]` and `callout restore FILE [--force] [options]`. The options
/// are the server's (--data-dir, --config, CALLOUT_* and callout.json alike), so both find the data
/// directory the server uses. A bad argument is exit code 2; a backup or restore that cannot be
/// done is exit code 1 (2 for a backup from a newer version); each says why in one line.
static class BackupCommand
{
    public static bool Claims(IReadOnlyList<string> args) => args is ["backup" or "restore", ..];

    public static int Run(IReadOnlyList<string> args)
    {
        var verb = args[0];
        try
        {
            if (args.Count < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new OptionsException($"Usage: callout {verb} FILE{(verb == "restore" ? " [--force]" : "")} [--data-dir DIR | --config FILE]");
            }
            var file = args[1];
            var rest = args.Skip(2).ToList();
            var force = verb == "restore" && rest.Remove("--force");
            var command = CommandLine.Parse(rest);
            var (configuration, _) = CalloutConfiguration.Build(command, Environment.GetEnvironmentVariables(), Environment.CurrentDirectory);
            var options = ServerOptions.From(configuration, Environment.CurrentDirectory);
            if (options.Store is not null)
            {
                throw new OptionsException(
                    $"callout {verb} works on the SQLite store; back up and restore PostgreSQL with pg_dump and pg_restore (docs/operations.md, Backups).");
            }
            if (options.InMemory)
            {
                throw new OptionsException($"callout {verb} needs the SQLite data directory, not --in-memory.");
            }
            Console.Out.WriteLine(verb == "backup" ? StoreBackup.Run(options, file) : StoreRestore.Run(options, file, force));
            return 0;
        }
        catch (OptionsException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        catch (StartupException e)
        {
            Console.Error.WriteLine(e.Message);
            return e.ExitCode;
        }
    }
}
