using System.Collections;
using Callout.Protocol.Auth;

namespace Callout.Server.Hosting;

/// Start-up settings. A command-line flag wins over its CALLOUT_* environment variable, which wins
/// over the default (docs/configuration.md).
public sealed record ServerOptions
{
    public string Urls { get; init; } = "http://127.0.0.1:4580";
    public string DataDirectory { get; init; } = "./callout-data";
    public bool InMemory { get; init; }
    public AuthMode Auth { get; init; } = AuthMode.Off;
    public string? CredentialsFile { get; init; }
    public string? Credentials { get; init; }
    public string DefaultAccount { get; init; } = "000000000000";
    public string DefaultRegion { get; init; } = "us-east-1";
    public long MaxBodyBytes { get; init; } = 4 * 1024 * 1024;
    public bool VirtualClock { get; init; }
    public Uri? PublicUrl { get; init; }

    /// A PostgreSQL connection string or `postgres://` URL; without it the store is SQLite.
    public string? Store { get; init; }

    static readonly (string Flag, string Env)[] Names =
    [
        ("urls", "CALLOUT_URLS"),
        ("data-dir", "CALLOUT_DATA_DIR"),
        ("in-memory", "CALLOUT_IN_MEMORY"),
        ("auth", "CALLOUT_AUTH"),
        ("credentials-file", "CALLOUT_CREDENTIALS_FILE"),
        ("credentials", "CALLOUT_CREDENTIALS"),
        ("default-account", "CALLOUT_DEFAULT_ACCOUNT"),
        ("default-region", "CALLOUT_DEFAULT_REGION"),
        ("clock", "CALLOUT_CLOCK"),
        ("public-url", "CALLOUT_PUBLIC_URL"),
        ("store", "CALLOUT_STORE"),
    ];

    public static ServerOptions Parse(string[] args, IDictionary environment)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (flag, env) in Names)
        {
            if (environment[env] is string v && v.Length > 0)
            {
                values[flag] = v;
            }
        }
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new OptionsException($"Unexpected argument '{arg}'.");
            }
            var name = arg[2..];
            string? value = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            if (!Names.Any(n => n.Flag == name))
            {
                throw new OptionsException($"Unknown option '--{name}'. Known options: {string.Join(", ", Names.Select(n => "--" + n.Flag))}.");
            }
            if (value is null && name == "in-memory")
            {
                value = "true";
            }
            else if (value is null)
            {
                if (i + 1 >= args.Length)
                {
                    throw new OptionsException($"Option '--{name}' needs a value.");
                }
                value = args[++i];
            }
            values[name] = value;
        }

        var options = new ServerOptions();
        foreach (var (name, value) in values)
        {
            options = name switch
            {
                "urls" => options with { Urls = value },
                "data-dir" => options with { DataDirectory = value },
                "in-memory" => options with { InMemory = ParseBool(name, value) },
                "auth" => options with { Auth = ParseAuth(value) },
                "credentials-file" => options with { CredentialsFile = value },
                "credentials" => options with { Credentials = value },
                "default-account" => options with { DefaultAccount = ParseAccount(value) },
                "default-region" => options with { DefaultRegion = value },
                "clock" => options with { VirtualClock = ParseClock(value) },
                "public-url" => options with { PublicUrl = ParseUrl(name, value) },
                "store" => options with { Store = value },
                _ => options,
            };
        }
        return options;
    }

    static bool ParseBool(string name, string value) => value.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => throw new OptionsException($"'--{name}' takes true or false, not '{value}'."),
    };

    static bool ParseClock(string value) => value.ToLowerInvariant() switch
    {
        "system" => false,
        "virtual" => true,
        _ => throw new OptionsException($"'--clock' takes system or virtual, not '{value}'."),
    };

    static Uri ParseUrl(string name, string value) =>
        Uri.TryCreate(value.EndsWith('/') ? value : value + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new OptionsException($"'--{name}' must be an http or https URL, not '{value}'.");

    static AuthMode ParseAuth(string value) => value.ToLowerInvariant() switch
    {
        "off" => AuthMode.Off,
        "strict" => AuthMode.Strict,
        _ => throw new OptionsException($"'--auth' takes off or strict, not '{value}'."),
    };

    static string ParseAccount(string value) =>
        value.Length == 12 && value.All(char.IsAsciiDigit)
            ? value
            : throw new OptionsException($"'--default-account' must be 12 digits, not '{value}'.");
}
