using Callout.Protocol.Auth;
using Callout.Server.Hosting.Configuration;
using Microsoft.Extensions.Configuration;

namespace Callout.Server.Hosting;

/// Start-up settings of the server, its store, authentication and the engine, bound from the
/// configuration (CalloutConfiguration) and checked once at start-up: a bad value stops the server
/// with one line naming the setting. Never changed afterwards.
public sealed record ServerOptions
{
    public string Urls { get; init; } = Settings.Urls.Default;

    /// Absolute: a relative --data-dir is taken from the working directory the server started in.
    public string DataDirectory { get; init; } = Path.GetFullPath(Settings.DataDir.Default);
    public bool InMemory { get; init; }
    public AuthMode Auth { get; init; } = AuthMode.Off;
    public string? CredentialsFile { get; init; }
    public string? Credentials { get; init; }
    public string DefaultAccount { get; init; } = Settings.DefaultAccount.Default;
    public string DefaultRegion { get; init; } = Settings.DefaultRegion.Default;
    public long MaxBodyBytes { get; init; } = 4 * 1024 * 1024;
    public Regions Regions { get; init; } = Regions.Commercial;
    public double ThrottleRate { get; init; } = 2000;
    public int ThrottleBurst { get; init; } = 4000;
    public int MaxConnections { get; init; } = 4096;
    public long MaxBufferedBytes { get; init; } = 256 * 1024 * 1024;
    public bool VirtualClock { get; init; }

    /// The engine's node name (EngineOptions.NodeName); null for the default, DefaultNodeName.
    public string? NodeName { get; init; }
    public Uri? PublicUrl { get; init; }
    public LogLevel LogLevel { get; init; } = LogLevel.Information;
    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    /// How long finished engagements, resolved incidents and other history are kept (RetentionPurge);
    /// null keeps them for ever.
    public TimeSpan? Retention { get; init; } = TimeSpan.FromDays(int.Parse(Settings.Retention.Default, System.Globalization.CultureInfo.InvariantCulture));

    /// How long audit records are kept, --retention's window unless --audit-retention gives one of
    /// their own; null keeps them for ever.
    public TimeSpan? AuditRetention { get; init; } = TimeSpan.FromDays(int.Parse(Settings.Retention.Default, System.Globalization.CultureInfo.InvariantCulture));

    /// How long a stopping server lets sends in flight finish (EngineOptions.Drain).
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(int.Parse(Settings.ShutdownTimeout.Default, System.Globalization.CultureInfo.InvariantCulture));

    /// A PostgreSQL connection string or `postgres://` URL; without it the store is SQLite.
    public string? Store { get; init; }

    /// Exposure (docs/security.md, "Surfaces"): --auth off beyond loopback only when asked for by
    /// name, and where /metrics is served and whether it needs a signature (null: by address).
    public bool AllowUnauthenticatedRemoteAccess { get; init; }
    public string? MetricsUrls { get; init; }
    public MetricsAuth? MetricsAuth { get; init; }

    /// The console's single sign-on; null when not configured.
    public OidcOptions? Oidc { get; init; }

    public static ServerOptions From(IConfiguration configuration, string workingDirectory)
    {
        string? Get(Setting s) => configuration[s.Key] is { Length: > 0 } v ? v : null;

        var options = new ServerOptions { DataDirectory = Path.GetFullPath(Settings.DataDir.Default, workingDirectory) };
        var retention = Get(Settings.Retention) is { } kept ? ParseRetention(Settings.Retention, kept, allowDaysSuffix: true) : options.Retention;
        return RemoteAccess.Check((options with
        {
            Urls = Get(Settings.Urls) is { } urls ? CheckUrls(Settings.Urls, urls) : options.Urls,
            DataDirectory = Get(Settings.DataDir) is { } dir ? Path.GetFullPath(dir, workingDirectory) : options.DataDirectory,
            InMemory = Get(Settings.InMemory) is { } inMemory && ParseBool(Settings.InMemory, inMemory),
            Auth = Get(Settings.Auth) is { } auth ? ParseAuth(auth) : options.Auth,
            CredentialsFile = Get(Settings.CredentialsFile) is { } file ? Path.GetFullPath(file, workingDirectory) : null,
            Credentials = Get(Settings.Credentials),
            DefaultAccount = Get(Settings.DefaultAccount) is { } account ? ParseAccount(account) : options.DefaultAccount,
            DefaultRegion = Get(Settings.DefaultRegion) ?? options.DefaultRegion,
            VirtualClock = Get(Settings.Clock) is { } clock && ParseClock(clock),
            PublicUrl = Get(Settings.PublicUrl) is { } url ? ParseUrl(Settings.PublicUrl, url) : null,
            LogLevel = Get(Settings.LogLevel) is { } level ? ParseLogLevel(level) : options.LogLevel,
            LogFormat = Get(Settings.LogFormat) is { } format ? ParseLogFormat(format) : options.LogFormat,
            Store = Get(Settings.Store),
            Regions = Get(Settings.Regions) is { } regions ? ParseRegions(regions) : options.Regions,
            ThrottleRate = Get(Settings.ThrottleRate) is { } rate ? ParseNumber(Settings.ThrottleRate, rate) : options.ThrottleRate,
            ThrottleBurst = Get(Settings.ThrottleBurst) is { } burst ? (int)ParseWhole(Settings.ThrottleBurst, burst, 1, int.MaxValue) : options.ThrottleBurst,
            MaxConnections = Get(Settings.MaxConnections) is { } connections ? (int)ParseWhole(Settings.MaxConnections, connections, 0, int.MaxValue) : options.MaxConnections,
            MaxBufferedBytes = Get(Settings.MaxBufferedBytes) is { } buffered ? ParseWhole(Settings.MaxBufferedBytes, buffered, options.MaxBodyBytes, long.MaxValue) : options.MaxBufferedBytes,
            NodeName = Get(Settings.NodeName) is { } node ? ParseNodeName(node) : null,
            AllowUnauthenticatedRemoteAccess = Get(Settings.AllowUnauthenticatedRemoteAccess) is { } allow
                && ParseBool(Settings.AllowUnauthenticatedRemoteAccess, allow),
            MetricsUrls = Get(Settings.MetricsUrls) is { } metricsUrls ? CheckUrls(Settings.MetricsUrls, metricsUrls) : null,
            MetricsAuth = Get(Settings.MetricsAuth) is { } metricsAuth ? ParseMetricsAuth(metricsAuth) : null,
            Retention = retention,
            AuditRetention = Get(Settings.AuditRetention) is { } days ? ParseRetention(Settings.AuditRetention, days, allowDaysSuffix: false) : retention,
            Oidc = OidcOptions.From(Get, workingDirectory),
            ShutdownTimeout = Get(Settings.ShutdownTimeout) is { } drain
                ? TimeSpan.FromSeconds(ParseWhole(Settings.ShutdownTimeout, drain, 0, MaxShutdownSeconds))
                : options.ShutdownTimeout,
        }).CheckDefaultRegionServed());
    }

    ServerOptions CheckDefaultRegionServed() => Regions.Serves(DefaultRegion)
        ? this
        : throw new OptionsException($"{Settings.DefaultRegion.Names} '{DefaultRegion}' is not one of {Settings.Regions.Names}.");

    static Regions ParseRegions(string value) => Regions.Parse(value, out var error)
        ?? throw new OptionsException($"{Settings.Regions.Names}: {error}");

    static double ParseNumber(Setting s, string value) =>
        double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n)
        && double.IsFinite(n) && n >= 0
            ? n
            : throw new OptionsException($"{s.Names} takes a number of 0 or more, not '{value}'.");

    static long ParseWhole(Setting s, string value, long min, long max) =>
        long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
        && n >= min && n <= max
            ? n
            : throw new OptionsException($"{s.Names} takes a whole number from {min} to {max}, not '{value}'.");

    /// The name is kept in every lease the node takes; '#' and '/' separate a lease owner's parts.
    static string ParseNodeName(string value) =>
        value.Length <= 128 && value.All(c => c is > ' ' and < (char)127 and not '#' and not '/')
            ? value
            : throw new OptionsException($"{Settings.NodeName.Names} takes up to 128 printable ASCII characters without spaces, '#' or '/', not '{value}'.");

    /// Stable across restarts, and different for two nodes on one host as long as their data
    /// directories differ (docs/decisions.md, "No page lost").
    public string EffectiveNodeName => NodeName ?? DefaultNodeName(Environment.MachineName, DataDirectory);

    internal static string DefaultNodeName(string host, string dataDirectory) =>
        host + "-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(dataDirectory)))[..8];

    static MetricsAuth ParseMetricsAuth(string value) => value.ToLowerInvariant() switch
    {
        "open" => Hosting.MetricsAuth.Open,
        "signed" => Hosting.MetricsAuth.Signed,
        _ => throw new OptionsException($"{Settings.MetricsAuth.Names} takes signed or open, not '{value}'."),
    };

    static bool ParseBool(Setting s, string value) => value.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => throw new OptionsException($"{s.Names} takes true or false, not '{value}'."),
    };

    static LogFormat ParseLogFormat(string value) => value.ToLowerInvariant() switch
    {
        "text" => Hosting.LogFormat.Text,
        "json" => Hosting.LogFormat.Json,
        _ => throw new OptionsException($"{Settings.LogFormat.Names} takes text or json, not '{value}'."),
    };

    static bool ParseClock(string value) => value.ToLowerInvariant() switch
    {
        "system" => false,
        "virtual" => true,
        _ => throw new OptionsException($"{Settings.Clock.Names} takes system or virtual, not '{value}'."),
    };

    static Uri ParseUrl(Setting s, string value) =>
        Uri.TryCreate(value.EndsWith('/') ? value : value + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new OptionsException($"{s.Names} must be an http or https URL, not '{value}'.");

    static AuthMode ParseAuth(string value) => value.ToLowerInvariant() switch
    {
        "off" => AuthMode.Off,
        "strict" => AuthMode.Strict,
        _ => throw new OptionsException($"{Settings.Auth.Names} takes off or strict, not '{value}'."),
    };

    // An hour: longer than any process manager waits before SIGKILL.
    const int MaxShutdownSeconds = 3600;

    const int MaxRetentionDays = 36500;

    /// Whole days; `90d` means the same as `90` where `allowDaysSuffix` (docs/decisions.md, "Retention").
    static TimeSpan? ParseRetention(Setting s, string value, bool allowDaysSuffix)
    {
        var number = allowDaysSuffix && value.EndsWith('d') ? value[..^1] : value;
        return int.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days) && days <= MaxRetentionDays
            ? days == 0 ? null : TimeSpan.FromDays(days)
            : throw new OptionsException($"{s.Names} takes a whole number of days{(allowDaysSuffix ? " (90 or 90d)" : "")} from 0 (keep for ever) to {MaxRetentionDays}, not '{value}'.");
    }

    static string ParseAccount(string value) =>
        value.Length == 12 && value.All(char.IsAsciiDigit)
            ? value
            : throw new OptionsException($"{Settings.DefaultAccount.Names} must be 12 digits, not '{value}'.");

    /// Kestrel reads the addresses itself and takes what it cannot parse as port 80 on every
    /// interface (`http://127.0.0.1:abc`), so each is checked here; `+` and `*` mean every interface.
    static string CheckUrls(Setting s, string value) =>
        value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } parts
        && parts.All(p => Uri.TryCreate(p.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/" && uri.Query.Length == 0)
            ? value
            : throw new OptionsException($"{s.Names} takes http:// or https:// addresses with a port, separated by ';', not '{value}'.");

    static LogLevel ParseLogLevel(string value) =>
        Enum.TryParse<LogLevel>(value, ignoreCase: true, out var level) && Enum.IsDefined(level) && !value.All(char.IsAsciiDigit)
            ? level
            : throw new OptionsException($"{Settings.LogLevel.Names} takes Trace, Debug, Information, Warning, Error, Critical or None, not '{value}'.");
}
