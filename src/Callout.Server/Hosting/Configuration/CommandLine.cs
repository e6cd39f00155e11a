namespace Callout.Server.Hosting.Configuration;

/// The command line checked against the settings table: `--help`, `--version`, `--config FILE`, and each flag as
/// `--flag=value`, the form the configuration's switch mappings read. Microsoft's command-line
/// provider alone would skip unknown flags and take the next flag as a switch's value
/// (`--in-memory --urls x`), so unknown flags and missing values are refused here first.
sealed record CommandLine(bool Help, string? ConfigFile, IReadOnlyList<string> Switches, bool Version = false)
{
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var help = false;
        var version = false;
        string? configFile = null;
        var switches = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h" or "-?")
            {
                help = true;
                continue;
            }
            if (arg is "--version")
            {
                version = true;
                continue;
            }
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new OptionsException($"Unexpected argument '{arg}'; see --help.");
            }
            var name = arg;
            string? value = null;
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                name = arg[..eq];
                value = arg[(eq + 1)..];
            }
            var setting = Settings.All.FirstOrDefault(s => s.Flag == name);
            if (setting is null && name != Settings.ConfigFlag)
            {
                throw new OptionsException($"Unknown option '{name}'; see --help.");
            }
            if (value is null && setting?.IsSwitch == true)
            {
                value = "true";
            }
            else if (value is null)
            {
                if (i + 1 >= args.Count)
                {
                    throw new OptionsException($"Option '{name}' needs a value.");
                }
                value = args[++i];
            }
            if (setting is null)
            {
                configFile = value;
            }
            else
            {
                switches.Add(name + "=" + value);
            }
        }
        return new CommandLine(help, configFile, switches, version);
    }
}
