namespace Callout.Server.Alerts.Sns;

/// Wires the SNS endpoint: one named HttpClient for certificate fetches and subscription
/// confirmations, whose TLS checks follow SnsTrust and which follows no redirect.
static partial class SnsAlerts
{
    public static IServiceCollection AddSnsAlerts(this IServiceCollection services, SnsTrust trust)
    {
        services.AddSingleton(trust);
        services.AddHttpClient(SnsCertificates.HttpClientName, c => c.Timeout = SnsCertificates.Timeout)
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                ServerCertificateCustomValidationCallback = trust.AcceptsServerCertificate,
            });
        services.AddSingleton<SnsCertificates>();
        services.AddSingleton(sp => new SnsVerification(trust, sp.GetRequiredService<SnsCertificates>(), TimeProvider.System));
        services.AddSingleton<SnsSubscriptions>();
        services.AddSingleton<SnsEndpoint>();
        return services;
    }

    public static void MapSnsAlerts(this WebApplication app)
    {
        app.MapPost(SnsEndpoint.Route, (HttpRequest request, string key, SnsEndpoint e, CancellationToken ct) => e.HandleAsync(request, key, ct)).Traced();
        if (app.Services.GetRequiredService<SnsTrust>().ExtraHosts is { Count: > 0 } hosts)
        {
            LogExtraHosts(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SnsAlerts).FullName!), string.Join(", ", hosts));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SNS messages signed with certificates from {Hosts} are trusted as if SNS sent them (CALLOUT_SNS_TRUSTED_HOSTS)")]
    static partial void LogExtraHosts(ILogger logger, string hosts);
}
