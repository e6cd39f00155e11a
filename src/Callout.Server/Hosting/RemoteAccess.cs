using Callout.Protocol.Auth;
using Callout.Server.Hosting.Configuration;

namespace Callout.Server.Hosting;

/// With --auth off anyone who reaches the port can read and change every account, read the outbox
/// and move the clock; that is fine for an emulator on loopback and nowhere else. So --auth off
/// listens beyond loopback (--urls or --metrics-urls) only when the operator names the risk with
/// --allow-unauthenticated-remote-access, and the log says so again at start-up
/// (docs/security.md, "Surfaces").
static partial class RemoteAccess
{
    public static ServerOptions Check(ServerOptions options)
    {
        if (options.MetricsAuth == MetricsAuth.Signed && options.Auth == AuthMode.Off)
        {
            throw new OptionsException(
                $"{Settings.MetricsAuth.Names} signed needs --auth strict: with --auth off no signature is verified.");
        }
        var (setting, url) = Exposed(options).FirstOrDefault();
        if (options.Auth == AuthMode.Off && !options.AllowUnauthenticatedRemoteAccess && url is not null)
        {
            throw new OptionsException(
                $"{setting.Names} has {url}, which reaches beyond loopback, and --auth off lets anyone who reaches it read and change every account: "
                + $"listen on 127.0.0.1, use --auth strict, or pass {Settings.AllowUnauthenticatedRemoteAccess.Flag} "
                + $"({Settings.AllowUnauthenticatedRemoteAccess.Env}=true) to accept that.");
        }
        return options;
    }

    /// The addresses beyond loopback, with the setting that names each.
    public static IEnumerable<(Setting Setting, string Url)> Exposed(ServerOptions options) =>
        ListenAddresses.BeyondLoopback(options.Urls).Select(u => (Settings.Urls, u))
            .Concat(options.MetricsUrls is null ? [] : ListenAddresses.BeyondLoopback(options.MetricsUrls).Select(u => (Settings.MetricsUrls, u)));

    /// --metrics-auth when not set: open wherever only this machine reaches /metrics (or nothing
    /// is verified anyway), signed under --auth strict when the listener that serves it reaches beyond.
    public static MetricsAuth EffectiveMetricsAuth(this ServerOptions options) =>
        options.MetricsAuth
        ?? (options.Auth == AuthMode.Strict && ListenAddresses.BeyondLoopback(options.MetricsUrls ?? options.Urls).Count > 0
            ? MetricsAuth.Signed
            : MetricsAuth.Open);

    /// The Warning line of a server that was allowed to listen beyond loopback with --auth off.
    public static void WarnAtStart(WebApplication app, ServerOptions options)
    {
        var exposed = Exposed(options).Select(e => e.Url).ToList();
        if (options.Auth == AuthMode.Off && exposed.Count > 0)
        {
            LogUnauthenticated(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Callout.Server.Hosting.RemoteAccess"),
                string.Join(", ", exposed), Settings.AllowUnauthenticatedRemoteAccess.Flag!);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "--auth off on {Addresses}, beyond loopback ({Flag}): anyone who reaches them can read and change every account, read the outbox and move the clock")]
    static partial void LogUnauthenticated(ILogger logger, string addresses, string flag);
}
