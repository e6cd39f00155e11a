using Callout.Server.Hosting.Backup;
using Callout.Server.Hosting.Configuration;

namespace Callout.Server.Hosting;

/// `callout [VERB] [options]`. `serve` is the default and runs in Program.cs; the others run here
/// and exit: 0 when done, 2 for a bad command line or setting, 1 when the store cannot be used
/// (the same codes as serve's start-up).
static class Verbs
{
    public sealed record Invocation(Verb? Verb, string Name, IReadOnlyList<string> Arguments);

    static readonly IReadOnlyList<(string Name, Verb Verb)> Names =
    [
        ("serve", Verb.Serve),
        ("check-config", Verb.CheckConfig),
        ("migrate", Verb.Migrate),
        ("backup", Verb.Backup),
        ("restore", Verb.Restore),
        ("users", Verb.Users),
    ];

    /// The verb is the first argument unless that is an option, so today's `callout --urls ...`
    /// still serves.
    public static Invocation Split(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0].StartsWith('-'))
        {
            return new Invocation(Verb.Serve, "serve", args);
        }
        var known = Names.FirstOrDefault(n => n.Name == args[0]);
        return new Invocation(known.Name is null ? null : known.Verb, args[0], args.Skip(1).ToArray());
    }

    public static async Task<int> RunAsync(Invocation invocation)
    {
        try
        {
            return invocation.Verb switch
            {
                Verb.CheckConfig => CheckConfig(CommandLine.Parse(invocation.Arguments)),
                Verb.Migrate => await MigrateAsync(CommandLine.Parse(invocation.Arguments)),
                Verb.Backup or Verb.Restore => BackupCommand.Run([invocation.Name, .. invocation.Arguments]),
                Verb.Users => await UsersCommand.RunAsync(invocation.Arguments),
                null => Refuse($"Unknown command '{invocation.Name}'; the commands are {string.Join(", ", Names.Select(n => n.Name))} (serve is the default); see --help."),
                _ => throw new InvalidOperationException("serve runs in Program.cs."),
            };
        }
        catch (OptionsException e)
        {
            return Refuse(e.Message);
        }
    }

    static int Refuse(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }

    /// Binds and checks every setting as serve would, then exits without opening the store or a
    /// port, so a changed callout.json can be checked before the restart that would read it.
    static int CheckConfig(CommandLine command)
    {
        if (Answered(command) is { } code)
        {
            return code;
        }
        var settings = LoadedSettings.Load(command);
        var options = settings.Options;
        var traces = Tracing.TraceExport.FromEnvironment(Environment.GetEnvironmentVariable);
        Console.WriteLine(
            $"The configuration is valid (config: {settings.ConfigFile ?? "none"}, urls: {options.Urls}, store: {StartupBanner.Store(options)}, "
            + $"auth: {options.Auth.ToString().ToLowerInvariant()} with {settings.Credentials.Count} credentials, "
            + $"clock: {(options.VirtualClock ? "virtual" : "system")}, {settings.Delivery.Describe()}, log format: {options.LogFormat.ToString().ToLowerInvariant()}, "
            + $"traces: {Tracing.TraceExport.Describe(traces)}).");
        return 0;
    }

    /// Brings the store's schema up to this build's and exits, so an upgrade can migrate while
    /// the old version is stopped and before the new one takes traffic (docs/operations.md).
    static async Task<int> MigrateAsync(CommandLine command)
    {
        if (Answered(command) is { } code)
        {
            return code;
        }
        var options = LoadedSettings.Load(command).Options;
        if (options.InMemory)
        {
            return Refuse($"{Settings.InMemory.Names} keeps nothing to migrate; name a --data-dir or a --store.");
        }
        try
        {
            // Not under a running server's feet: it holds the same lock (Program.cs).
            using var dataDirectoryLock = options.Store is null ? DataDirectoryLock.Take(options.DataDirectory) : null;
            var (store, _) = await StoreStart.OpenAsync(options, CancellationToken.None);
            await store.DisposeAsync();
        }
        catch (StartupException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        catch (InvalidOperationException e)
        {
            // Migrator: a schema newer than this build's.
            Console.Error.WriteLine($"Cannot migrate {StartupBanner.Store(options)}: {e.Message}");
            return 1;
        }
        Console.WriteLine($"The store ({StartupBanner.Store(options)}) has this build's schema.");
        return 0;
    }

    /// `--help` and `--version` answer for every verb.
    static int? Answered(CommandLine command)
    {
        if (command.Help)
        {
            Console.Out.Write(HelpText.Render());
            return 0;
        }
        if (command.Version)
        {
            Console.WriteLine(BuildVersion.Line);
            return 0;
        }
        return null;
    }
}
