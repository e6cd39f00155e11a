using System.Collections;
using Microsoft.Extensions.Configuration;

namespace Callout.Server.Hosting.Configuration;

/// Builds the one configuration every option is bound from. Later sources win: callout.json, then
/// the CALLOUT_* environment variables, then the flags; what none sets keeps its default.
static class CalloutConfiguration
{
    /// The configuration, and the file it read (null when there is none).
    public static (IConfiguration Configuration, string? File) Build(CommandLine command, IDictionary environment, string workingDirectory)
    {
        var builder = new ConfigurationBuilder();
        var file = FilePath(command, environment, workingDirectory);
        if (file is not null)
        {
            builder.AddConfiguration(ReadFile(file));
        }
        // Only the documented names, not every CALLOUT_ variable: an empty variable counts as unset,
        // as it always has.
        builder.AddInMemoryCollection(Settings.All
            .Where(s => environment[s.Env] is string { Length: > 0 })
            .Select(s => KeyValuePair.Create(s.Key, (string?)(string)environment[s.Env]!)));
        builder.AddCommandLine([.. command.Switches], Settings.All
            .Where(s => s.Flag is not null)
            .ToDictionary(s => s.Flag!, s => s.Key, StringComparer.Ordinal));
        return (builder.Build(), file);
    }

    /// `--config`, else CALLOUT_CONFIG, else ./callout.json when there is one.
    static string? FilePath(CommandLine command, IDictionary environment, string workingDirectory)
    {
        var named = command.ConfigFile ?? (environment[Settings.ConfigEnv] is string { Length: > 0 } v ? v : null);
        if (named is not null)
        {
            var path = Path.GetFullPath(named, workingDirectory);
            return File.Exists(path) ? path : throw new OptionsException($"The configuration file {path} does not exist.");
        }
        var beside = Path.Combine(workingDirectory, Settings.DefaultConfigFile);
        return File.Exists(beside) ? beside : null;
    }

    static IConfigurationRoot ReadFile(string path)
    {
        IConfigurationRoot file;
        try
        {
            file = new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException or UnauthorizedAccessException)
        {
            throw new OptionsException($"Cannot read the configuration file {path}: {OneLine(e.InnerException?.Message ?? e.Message)}");
        }
        // A misspelt key would otherwise be ignored without a word.
        foreach (var (key, value) in file.AsEnumerable())
        {
            if (value is not null && !Settings.All.Any(s => string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase)))
            {
                throw new OptionsException($"The configuration file {path} has an unknown setting '{key.Replace(':', '.')}'; see --help.");
            }
        }
        return file;
    }

    static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
