using Callout.Protocol.Auth;
using Callout.Server.Alerts.Sns;

namespace Callout.Server.Hosting.Configuration;

/// Everything the command line, the CALLOUT_* variables and callout.json say, bound and checked:
/// what `serve` starts with and what `check-config` and `migrate` check. A bad setting throws an
/// OptionsException naming it.
sealed record LoadedSettings(
    ServerOptions Options,
    DeliveryConfiguration Delivery,
    SnsTrust SnsTrust,
    IReadOnlyCollection<Credential> Credentials,
    string? ConfigFile)
{
    public static LoadedSettings Load(CommandLine command)
    {
        var environment = Environment.GetEnvironmentVariables();
        var (configuration, configFile) = CalloutConfiguration.Build(command, environment, Environment.CurrentDirectory);
        var options = ServerOptions.From(configuration, Environment.CurrentDirectory);
        return new LoadedSettings(options, DeliveryConfiguration.From(configuration), SnsTrust.From(configuration, Environment.CurrentDirectory),
            CredentialLoader.Load(options), configFile);
    }
}
